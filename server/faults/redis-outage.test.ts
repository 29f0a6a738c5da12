// Fault: in scale-out mode (two relay processes, PostgreSQL + Redis), Redis goes away for 3 s and comes
// back while an edge streams into the line's owner A and browsers watch that line on A and on B. The
// relays reach Redis through a loopback proxy that cuts every connection (the shared server keeps
// running). Pushes from A to B's browsers are lost meanwhile, so once Redis is back every relay has
// its browsers reconnect and take a fresh snapshot. Ends with: every published id stored once, both
// browsers exactly at the store's state of the line (no alert missing, none twice), relays answering.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startProxy, type CutProxy } from '../testing/proxy.ts';
import { createEdgeKey } from '../auth/edge-keys.ts';
import { slowHash } from '../auth/hash.ts';
import { EdgeClient } from '../sim/edge-client.ts';
import { openStore } from '../store/open.ts';
import { freePort, instanceDir, signIn, startRelayProcess, type RelayProcess } from '../testing/relay-process.ts';
import { TEST_PASSWORD } from '../testing/relay.ts';
import { ensureRedis, freshDatabase } from '../testing/services.ts';
import { resultStream } from '../testing/stream.ts';
import { expectAnswering, expectStoredOnce, expectWatcherMatchesStore, RoomWatcher, sleep, until } from './support.ts';

const plant = `redis${process.pid}`;
const room = { plant, line: 'a' };
let db: Awaited<ReturnType<typeof freshDatabase>>;
let proxy: CutProxy;
let key: string;
let a: RelayProcess;
let b: RelayProcess;

beforeAll(async () => {
  await ensureRedis();
  proxy = await startProxy(6379);
  db = await freshDatabase('clearline_redis_fault');
  const store = await openStore({ databaseUrl: db.url, sqliteFile: '' });
  await store.upsertUser({ username: 'olga', displayName: 'Olga', role: 'operator', scopes: [{ plant }], passwordHash: await slowHash(TEST_PASSWORD) }, Date.now());
  key = (await createEdgeKey(store, 'edge', [{ plant }], Date.now())).key;
  await store.close();
  const launch = async (lines: string) => startRelayProcess({ dir: instanceDir(`${plant}-${lines}`), port: await freePort(), seed: false, bounds: 'production',
    env: { DATABASE_URL: db.url, REDIS_URL: `redis://127.0.0.1:${proxy.port}`, REDIS_STREAM: `test-${plant}`, LINES: lines } });
  [a, b] = await Promise.all([launch(`${plant}/a`), launch(`${plant}/b`)]);
}, 60_000);
afterAll(async () => {
  await Promise.all([a?.kill('SIGTERM'), b?.kill('SIGTERM')]);
  await proxy?.close();
  await db?.drop();
});


it('Redis away for 3 s and back: nothing acknowledged lost, every browser ends at the store, both relays answering', async () => {
  const onA = new RoomWatcher(a.url, await signIn(a.url, 'olga', TEST_PASSWORD), room);
  const onB = new RoomWatcher(b.url, await signIn(b.url, 'olga', TEST_PASSWORD), room);
  await Promise.all([onA.ready(), onB.ready()]);
  const edge = new EdgeClient({ url: a.url, key, ackTimeoutMs: 2000, backoff: { baseMs: 100, maxMs: 1000 } });
  const { published, run: stream } = resultStream(edge, { plant, line: 'a' });
  try {
    await stream(3000);
    await until(() => onB.delivered.length > 0, 10_000, 'a change from A to reach the browser on B'); // through Redis
    const streaming = stream(7000);
    await sleep(1500);
    proxy.cut();
    await sleep(3000);
    proxy.resume();
    await streaming;
    expect(await edge.flush(30_000), `the edge's results all answered (relay A exit ${a.child.exitCode}):\n${a.output().slice(-1500)}`).toBe(true);
    await edge.close();

    const store = await openStore({ databaseUrl: db.url, sqliteFile: '' });
    try {
      await expectStoredOnce(store, published);
      for (const w of [onA, onB]) {
        const latest = async () => (await store.changesAfter(room, 0, 1_000_000)).at(-1)?.seq ?? 0;
        await until(async () => (w.state?.seq ?? 0) >= (await latest()), 30_000, 'the browser to catch up');
        await expectWatcherMatchesStore(w, store);
      }
      expect(onB.answers.slice(1), 'B\'s browser resubscribed after Redis came back, for a snapshot').toContain('snapshot');
    } finally {
      await store.close();
    }
    await expectAnswering(a.url);
    await expectAnswering(b.url);
  } finally {
    onA.close();
    onB.close();
  }
}, 120_000);
