// Fault: the SQLite store cannot be written for a while.
// 1. Locked: another process-level writer holds `BEGIN EXCLUSIVE` on the relay's file for 7 s (longer
//    than the relay's 5 s busy timeout). The relay runs as its own process so the test can watch it
//    from outside.
// 2. Full: the relay's connection is capped at its current page count (`PRAGMA max_page_count`), so
//    every write fails with SQLITE_FULL, the error SQLite gives for a full disk (a real full disk or a
//    tiny tmpfs is not available on these machines).
// Each: ingest answers `retry_after` with a reason while it cannot store, nothing is acknowledged that
// was not stored, it recovers by itself once the store can be written, and it ends with every
// acknowledged result stored once, the browser equal to the store, no result counted twice on its
// alert, and the relay answering.
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestAck } from '../../src/protocol/inference.ts';
import { startRelayProcess, type RelayProcess } from '../testing/relay-process.ts';
import { benchResult } from '../testing/results.ts';
import { edgeSocket } from '../testing/edge.ts';
import { EdgeClient } from '../sim/edge-client.ts';
import { openStore } from '../store/open.ts';
import type { KyselyStore } from '../store/kysely-store.ts';
import { startRelay, type TestRelay } from '../testing/relay.ts';
import { expectAnswering, expectStoredOnce, expectWatcherMatchesStore, RoomWatcher, sleep, until } from './support.ts';

const room = { plant: 'bench', line: 'l1' };
const T0 = Date.now() - 3_600_000; // event time in the past: results never run ahead of the relay's clock
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Publishes one continuous abnormal episode on asset d1 (one alert) plus normal results on d2. */
function steadyLoad(edge: EdgeClient, published: string[]) {
  let n = 0;
  const timer = setInterval(() => {
    for (let i = 0; i < 4; i++) {
      const id = `s${n}`;
      edge.publish(benchResult(id, { ...room, asset: n % 2 ? 'd2' : 'd1', ts: T0 + n * 100, score: n % 2 ? 0.3 : 0.95 }));
      published.push(id);
      n++;
    }
  }, 20);
  return () => clearInterval(timer);
}

/** The d1 alert counts every abnormal result once: its count equals the d1 results stored. */
async function expectCountedOnce(store: KyselyStore): Promise<void> {
  const stored = await store.db.selectFrom('results').select(sql<number>`count(*)`.as('n')).where('asset', '=', 'd1').executeTakeFirst();
  const alerts = (await store.openAlerts(room)).filter((a) => a.asset === 'd1');
  expect(alerts).toHaveLength(1);
  console.log(`  the d1 alert counts ${alerts[0]!.count} results; ${stored?.n} d1 results are stored`);
  expect(alerts[0]!.count, 'results counted on the d1 alert vs d1 results stored').toBe(Number(stored?.n));
}

async function finish(edge: EdgeClient, published: string[], watcher: RoomWatcher, store: KyselyStore, url: string, key: string) {
  expect(await edge.flush(30_000), `edge flushed (last error: ${edge.lastError})`).toBe(true);
  const counts = await edge.close();
  expect(counts).toMatchObject({ rejected: 0, dropped: 0, accepted: published.length });
  await sleep(1500); // held (coalesced) updates go out on the next tick
  await expectStoredOnce(store, published);
  const latest = async () => (await store.changesAfter(room, 0, 1_000_000)).at(-1)?.seq ?? 0;
  await until(async () => (watcher.state?.seq ?? 0) >= (await latest()), 15_000, 'the browser to catch up');
  await expectWatcherMatchesStore(watcher, store);
  await expectAnswering(url, async () => ((await (await edgeSocket(url, key)).emitWithAck('inference', [benchResult('fresh', { ...room, asset: 'd3', score: 0.2 })])) as IngestAck).accepted.length === 1);
  return counts;
}

interface Outcome {
  ack: IngestAck;
  /** Milliseconds /healthz took while the store could not be written (10 000 = no answer in 10 s). */
  health: number[];
  counts: Awaited<ReturnType<EdgeClient['close']>>;
  published: string[];
  store: KyselyStore;
  ended: Error | null;
}

describe('store locked by another writer (relay process)', () => {
  let o: Outcome;
  beforeAll(async () => {
    const relay: RelayProcess = await startRelayProcess();
    cleanups.push(() => relay.stop());
    const watcher = new RoomWatcher(relay.url, await relay.login(), room);
    cleanups.push(async () => watcher.close());
    await watcher.ready();
    const edge = new EdgeClient({ url: relay.url, key: relay.key, ackTimeoutMs: 15_000, backoff: { baseMs: 100, maxMs: 1000 }, maxBuffer: 100_000 });
    await edge.ready();
    const published: string[] = [];
    const stop = steadyLoad(edge, published);
    await sleep(1000);

    // Held for 11 s: two queued writes each wait the relay's 5 s busy timeout and fail.
    const locker = new DatabaseSync(join(relay.dir, 'clearline.sqlite'));
    locker.exec('PRAGMA busy_timeout = 5000; BEGIN EXCLUSIVE');
    const lockedAt = Date.now();
    const probe = await edgeSocket(relay.url, relay.key);
    // The probe carries abnormal d1 results: if the engine counted them although they were not stored, it shows.
    const ackPromise = probe.timeout(30_000).emitWithAck('inference', [0, 1, 2].map((i) => benchResult(`during-lock-${i}`, { ...room, asset: 'd1', ts: T0 - 10_000 + i, score: 0.95 }))) as Promise<IngestAck>;
    const health: number[] = [];
    while (Date.now() - lockedAt < 11_000) {
      const t = Date.now();
      await fetch(`${relay.url}/healthz`, { signal: AbortSignal.timeout(10_000) }).catch(() => undefined);
      health.push(Date.now() - t);
      await sleep(250);
    }
    locker.exec('COMMIT');
    locker.close();
    const ack = await ackPromise;
    probe.close();
    stop();
    const store = await openStore({ sqliteFile: join(relay.dir, 'clearline.sqlite') });
    cleanups.push(() => store.close());
    let ended: Error | null = null;
    let counts = edge.counts;
    try {
      counts = await finish(edge, published, watcher, store, relay.url, relay.key);
    } catch (e) {
      ended = e as Error;
    }
    o = { ack, health, counts, published, store, ended };
    console.log(`store-locked: ${published.length} results, ${counts.resent} resent; /healthz during the 11 s lock: ${health.length} tries, slowest ${Math.max(...health)} ms`);
  }, 90_000);

  it('answers retry_after naming the lock, acknowledges nothing it did not store, recovers, ends clean', () => {
    expect(o.ack.accepted, 'nothing acknowledged while the store could not be written').toEqual([]);
    expect(o.ack.rejected[0]?.reason).toMatch(/^retry_after: not stored \(.*(locked|busy)/i);
    expect(o.ack.retryAfterMs).toBeGreaterThan(0);
    if (o.ended) throw o.ended;
  });

  // node:sqlite waits for a lock synchronously: with a long busy_timeout (it was 5000 ms in
  // server/store/sqlite-dialect.ts) the whole relay (health, browsers, edges) stops answering for that
  // long per queued write while another process holds the lock.
  it('keeps answering /healthz within 1 s while the file is locked', () => {
    expect(Math.max(...o.health)).toBeLessThan(1000);
  });

  // EngineHost feeds results to the engine before the store commit; unless the engine is put back to what
  // the store holds when the commit fails, the alert counts those results again when they are resent.
  it('counts each result once on its alert after a failed store write', async () => {
    await expectCountedOnce(o.store);
  });
});

describe('store full (SQLITE_FULL)', () => {
  let o: Outcome & { healthStatus: number };
  beforeAll(async () => {
    const relay: TestRelay = await startRelay({ tickMs: 250 });
    cleanups.push(() => relay.close());
    await relay.addUser('olga', 'operator');
    const key = await relay.edgeKey();
    const watcher = new RoomWatcher(relay.url, await relay.login('olga'), room);
    cleanups.push(async () => watcher.close());
    await watcher.ready();
    const edge = new EdgeClient({ url: relay.url, key, ackTimeoutMs: 5000, backoff: { baseMs: 100, maxMs: 500 }, maxBuffer: 100_000 });
    await edge.ready();
    const published: string[] = [];
    const stop = steadyLoad(edge, published);
    await sleep(1000);

    const pages = Number((await sql<{ page_count: number }>`PRAGMA page_count`.execute(relay.store.db)).rows[0]!.page_count);
    await sql.raw(`PRAGMA max_page_count = ${pages}`).execute(relay.store.db);
    const probe = await edgeSocket(relay.url, key);
    await sleep(300);
    const ack = (await probe.timeout(10_000).emitWithAck('inference', Array.from({ length: 50 }, (_, i) => benchResult(`full-${i}`, { ...room, asset: 'd4', ts: T0 + i, score: 0.3 })))) as IngestAck;
    await sleep(1500);
    const t = Date.now();
    const healthStatus = (await fetch(`${relay.url}/healthz`, { signal: AbortSignal.timeout(2000) })).status;
    const health = [Date.now() - t];
    await sql.raw('PRAGMA max_page_count = 1073741823').execute(relay.store.db);
    probe.close();
    stop();
    let ended: Error | null = null;
    let counts = edge.counts;
    try {
      counts = await finish(edge, published, watcher, relay.store, relay.url, key);
    } catch (e) {
      ended = e as Error;
    }
    o = { ack, health, healthStatus, counts, published, store: relay.store, ended };
    console.log(`store-full: ${published.length} results, ${counts.resent} resent`);
  }, 90_000);

  it('answers retry_after naming the full store, keeps answering, recovers, ends clean', () => {
    expect(o.ack.accepted, 'nothing acknowledged while the store is full').toEqual([]);
    expect(o.ack.rejected[0]?.reason).toMatch(/^retry_after: not stored \(.*full/i);
    expect(o.ack.retryAfterMs).toBeGreaterThan(0);
    expect(o.healthStatus, 'the relay answers while its store is full').toBe(200);
    expect(o.health[0]).toBeLessThan(1000);
    if (o.ended) throw o.ended;
  });

  // See above: results whose commit failed must not be counted again on resend.
  it('counts each result once on its alert after a failed store write', async () => {
    await expectCountedOnce(o.store);
  });
});
