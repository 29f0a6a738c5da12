// Fault: PostgreSQL goes away and comes back under load. The relay runs as its own process on a fresh
// database; the outage is made on the shared server without stopping it: the database stops accepting
// connections (ALTER DATABASE … ALLOW_CONNECTIONS false) and the relay's backends are terminated
// (pg_terminate_backend), for 3 s, then connections are allowed again.
// Ends with: every acknowledged result stored once, the browser equal to the store, the relay answering.
// If the relay process dies meanwhile (the first test then fails), it is started again on the same
// address once the database is back, as a service manager would, and the same end checks apply.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestAck } from '../../src/protocol/inference.ts';
import { startRelayProcess, type RelayProcess } from '../testing/relay-process.ts';
import { edgeSocket } from '../testing/edge.ts';
import { benchResult } from '../testing/results.ts';
import { EdgeClient } from '../sim/edge-client.ts';
import type { KyselyStore } from '../store/kysely-store.ts';
import { openStore } from '../store/open.ts';
import { freshDatabase } from '../testing/services.ts';
import { expectAnswering, expectStoredOnce, expectWatcherMatchesStore, freePort, RoomWatcher, sleep, until } from './support.ts';

const room = { plant: 'bench', line: 'l1' };
const T0 = Date.now() - 3_600_000; // event time in the past: results never run ahead of the relay's clock

describe('PostgreSQL away for 3 s under load (relay process)', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let relay: RelayProcess;
  let store: KyselyStore;
  let watcher: RoomWatcher;
  const published: string[] = [];
  const o = { ack: null as IngestAck | null, readyDuring: 0, healthDuring: 0, terminated: 0, exitedDuring: '' as string, ended: null as Error | null, resent: 0 };

  beforeAll(async () => {
    db = await freshDatabase('clearline_pgout');
    const name = new URL(db.url).pathname.slice(1);
    const port = await freePort();
    relay = await startRelayProcess({ port, env: { DATABASE_URL: db.url } });
    watcher = new RoomWatcher(relay.url, await relay.login(), room);
    await watcher.ready();
    const edge = new EdgeClient({ url: relay.url, key: relay.key, ackTimeoutMs: 5000, backoff: { baseMs: 100, maxMs: 1000 }, maxBuffer: 100_000 });
    await edge.ready();
    let n = 0;
    let paused = false;
    const load = setInterval(() => {
      if (paused) return;
      for (let i = 0; i < 4; i++) {
        const id = `g${n}`;
        edge.publish(benchResult(id, { ...room, asset: n % 2 ? 'd2' : 'd1', ts: T0 + n * 100, score: n % 2 ? 0.3 : 0.95 }));
        published.push(id);
        n++;
      }
    }, 20);
    await sleep(1500);

    const admin = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
    await admin.connect();
    // A quiet moment first, so the relay's connections are idle in its pool when they are cut (the
    // usual case: a database restart or failover at any time of day).
    paused = true;
    await sleep(300);
    await admin.query(`alter database ${name} with allow_connections false`);
    o.terminated = (await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name])).rowCount ?? 0;
    const downAt = Date.now();
    paused = false;
    const probe = await edgeSocket(relay.url, relay.key).catch(() => null);
    const ackP = probe?.timeout(20_000).emitWithAck('inference', [0, 1, 2].map((i) => benchResult(`during-outage-${i}`, { ...room, asset: 'd1', ts: T0 - 10_000 + i, score: 0.95 }))) as Promise<IngestAck> | undefined;
    while (Date.now() - downAt < 3000) {
      const t = Date.now();
      const ready = await fetch(`${relay.url}/readyz`, { signal: AbortSignal.timeout(5000) }).catch(() => null);
      o.healthDuring = Math.max(o.healthDuring, Date.now() - t);
      if (ready?.status === 503) o.readyDuring = 503;
      await sleep(200);
    }
    await admin.query(`alter database ${name} with allow_connections true`);
    await admin.end();
    o.ack = (await ackP?.catch(() => null)) ?? null;
    probe?.close();
    clearInterval(load);
    if (relay.child.exitCode !== null || relay.child.signalCode !== null) {
      o.exitedDuring = /Unhandled 'error' event[\s\S]{0,200}/.exec(relay.output())?.[0] ?? relay.output().slice(-500);
      relay = await startRelayProcess({ port, seed: false, key: relay.key, env: { DATABASE_URL: db.url } });
    }
    store = await openStore({ databaseUrl: db.url, sqliteFile: '' });
    try {
      expect(await edge.flush(30_000), `edge flushed (last error: ${edge.lastError})`).toBe(true);
      const counts = await edge.close();
      o.resent = counts.resent;
      expect(counts).toMatchObject({ rejected: 0, dropped: 0, accepted: published.length });
    } catch (e) {
      o.ended = e as Error;
      await edge.close(100);
    }
    console.log(`postgres-outage: ${published.length} results, ${o.resent} resent, ${o.terminated} backends terminated; /readyz during: ${o.readyDuring || 'never 503'}, slowest ${o.healthDuring} ms; relay ${o.exitedDuring ? 'EXITED' : 'kept running'}`);
  }, 90_000);

  afterAll(async () => {
    watcher?.close();
    await store?.close();
    await relay?.stop();
    await db?.drop();
  });

  // A pg.Pool without an 'error' listener (server/store/open.ts) ends the process when PostgreSQL
  // terminates an idle pooled connection (restart, failover, pg_terminate_backend, idle timeouts).
  it('keeps running and answering while the database is away, and says so on /readyz', () => {
    expect(o.exitedDuring, 'the relay process exited').toBe('');
    expect(o.healthDuring).toBeLessThan(2000);
    expect(o.readyDuring).toBe(503);
  });

  // Same root cause: a relay that has exited answers nothing.
  it('answers retry_after while it cannot store, acknowledging nothing it did not store', () => {
    expect(o.ack, 'an answer to a publish during the outage').not.toBeNull();
    expect(o.ack!.accepted).toEqual([]);
    expect(o.ack!.rejected[0]?.reason).toMatch(/^retry_after: not stored/);
    expect(o.ack!.retryAfterMs).toBeGreaterThan(0);
  });

  it('recovers: every acknowledged result stored once, the browser equal to the store, the relay answering', async () => {
    if (o.ended) throw o.ended;
    await sleep(1500);
    await expectStoredOnce(store, published);
    const latest = async () => (await store.changesAfter(room, 0, 1_000_000)).at(-1)?.seq ?? 0;
    await until(async () => (watcher.state?.seq ?? 0) >= (await latest()), 20_000, 'the browser to catch up');
    await expectWatcherMatchesStore(watcher, store);
    await expectAnswering(relay.url);
  });
});
