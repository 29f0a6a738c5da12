// Fault: one edge floods the relay (far more than it can take, without waiting for answers) while a
// well-behaved edge publishes 50 results/s on another line. On both stores (PostgreSQL: real I/O;
// SQLite: synchronous writes) the flood fills its share of the queue and is then told `retryAfterMs`;
// the queue takes turns between edges, so the other edge and its browser keep flowing, and it ends
// with every acknowledged result stored exactly once (nothing refused stored), the browsers equal to
// the store, the relay answering. How long the polite edge waits is printed, not asserted: timing on
// a shared 2-core machine is a benchmark's business.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchResult } from '../testing/results.ts';
import { forkChild } from '../testing/rpc.ts';
import { EdgeClient } from '../sim/edge-client.ts';
import { startRelay, type TestRelay } from '../testing/relay.ts';
import { freshDatabase } from '../testing/services.ts';
import { expectAnswering, expectStoredOnce, expectWatcherMatchesStore, RoomWatcher, sleep, startPgRelay, until } from './support.ts';

const flooded = { plant: 'bench', line: 'l1' };
const calm = { plant: 'bench', line: 'l2' };
const HIGH_WATER = 3000;
const T0 = Date.now() - 3_600_000; // an hour ago: event time runs 10× faster than the wall here

describe.each(['postgres', 'sqlite'] as const)('an edge flooding a relay on %s', (kind) => {
  let relay: TestRelay;
  let dropDb: (() => Promise<void>) | undefined;
  let watchers: RoomWatcher[] = [];
  const flooder = forkChild(join(import.meta.dirname, 'flooder.ts'));
  const floodAcked = new Set<string>();
  const floodRefused = new Set<string>();
  const calmPublished: string[] = [];
  const s = { floodAnswers: 0, retryAnswers: 0, retryAfterMs: 0, floodOffered: 0, maxQueue: 0, calmMaxWaiting: 0, calmAccepted: 0, calmPublished: 0, calmChanges: 0, healthMs: 0, healthChecks: 0, healthFailures: 0 };

  beforeAll(async () => {
    const opts = { highWater: HIGH_WATER, retryAfterMs: 200, tickMs: 250 };
    if (kind === 'postgres') {
      const db = await freshDatabase('clearline_flood');
      dropDb = () => db.drop();
      relay = await startPgRelay(db.url, opts);
    } else relay = await startRelay(opts);
    // Record the queue's depth each time a batch is queued.
    const host = relay.app.host;
    const ingest = host.ingest.bind(host);
    host.ingest = (key, batch) => {
      const p = ingest(key, batch);
      s.maxQueue = Math.max(s.maxQueue, host.queueDepth);
      return p;
    };
    await relay.addUser('olga', 'operator');
    const cookie = await relay.login('olga');
    watchers = [new RoomWatcher(relay.url, cookie, flooded), new RoomWatcher(relay.url, cookie, calm)];
    await Promise.all(watchers.map((w) => w.ready()));
    const floodKey = await relay.edgeKey([{ plant: 'bench', line: 'l1' }]);
    const calmKey = await relay.edgeKey([{ plant: 'bench', line: 'l2' }]);

    const calmEdge = new EdgeClient({ url: relay.url, key: calmKey, flushMs: 20, ackTimeoutMs: 5000, backoff: { baseMs: 100, maxMs: 500 } });
    await calmEdge.ready();
    let c = 0;
    const calmTimer = setInterval(() => {
      const id = `calm${c}`;
      calmEdge.publish(benchResult(id, { ...calm, asset: `c${c % 5}`, ts: T0 + c * 100, score: c % 40 < 20 ? 0.95 : 0.3 }));
      calmPublished.push(id);
      c++;
    }, 20);
    await sleep(500);

    // The flood, from its own process: 4 sockets firing two 1,000-result batches every 25 ms without waiting, for 3 s.
    const calm0 = calmEdge.counts.accepted, calmPub0 = calmPublished.length, changes0 = watchers[1]!.delivered.length;
    const lagTimer = setInterval(() => (s.calmMaxWaiting = Math.max(s.calmMaxWaiting, calmPublished.length - calmEdge.counts.accepted)), 50);
    const floodEnd = Date.now() + 3000;
    const flooding = flooder.call<{ offered: number; acked: string[]; refused: string[]; answers: number; retryAnswers: number; retryAfterMs: number }>(
      'flood', { url: relay.url, key: floodKey, ms: 3000, sockets: 4, perTick: 8, batch: 1000, ...flooded }, 120_000);
    const health = (async () => {
      while (Date.now() < floodEnd) {
        const t = Date.now();
        const res = await fetch(`${relay.url}/healthz`);
        s.healthChecks++;
        if (!res.ok) s.healthFailures++;
        s.healthMs = Math.max(s.healthMs, Date.now() - t);
        await sleep(100);
      }
    })();
    await health;
    s.calmAccepted = calmEdge.counts.accepted - calm0;
    s.calmPublished = calmPublished.length - calmPub0;
    s.calmChanges = watchers[1]!.delivered.length - changes0;
    const flood = await flooding;
    flood.acked.forEach((id) => floodAcked.add(id));
    flood.refused.forEach((id) => floodRefused.add(id));
    Object.assign(s, { floodOffered: flood.offered, floodAnswers: flood.answers, retryAnswers: flood.retryAnswers, retryAfterMs: flood.retryAfterMs });
    clearInterval(calmTimer);
    clearInterval(lagTimer);
    expect(await calmEdge.flush(30_000)).toBe(true);
    const counts = await calmEdge.close();
    expect(counts).toMatchObject({ rejected: 0, dropped: 0, accepted: calmPublished.length });
    console.log(`edge-flood (${kind}): offered ${s.floodOffered}, acknowledged ${floodAcked.size}, refused ${floodRefused.size} in ${s.retryAnswers}/${s.floodAnswers} retry_after answers; ` +
      `queue max ${s.maxQueue} (high water ${HIGH_WATER}); calm edge: ${s.calmAccepted}/${s.calmPublished} accepted during the flood (max ${s.calmMaxWaiting} waiting, ${counts.resent} resent), ` +
      `${s.calmChanges} changes to its browser; /healthz slowest ${s.healthMs} ms`);
  }, 120_000);

  afterAll(async () => {
    await flooder.stop();
    watchers.forEach((w) => w.close());
    await relay?.close();
    await dropDb?.();
  });

  it('never queues more than the high-water mark; answers every item; beyond it says retry after N ms', () => {
    expect(s.maxQueue).toBeLessThanOrEqual(HIGH_WATER);
    expect(floodAcked.size + floodRefused.size).toBe(s.floodOffered);
    expect(s.retryAnswers, 'retry_after answers to the flood').toBeGreaterThan(0);
    expect(s.retryAfterMs).toBe(200);
    expect(floodAcked.size).toBeLessThan(s.floodOffered);
  });

  it('keeps answering and keeps the other line’s edge and browser fed during the flood', () => {
    expect(s.calmAccepted, 'calm-edge results accepted during the flood').toBeGreaterThan(0);
    expect(s.calmChanges, 'changes reaching the calm line’s browser during the flood').toBeGreaterThan(0);
    expect(s.healthChecks, '/healthz answers during the flood').toBeGreaterThan(0);
    expect(s.healthFailures, '/healthz failures during the flood').toBe(0);
  });

  it('ends with every acknowledged result stored once, nothing refused stored, browsers equal to the store, relay answering', async () => {
    await expectStoredOnce(relay.store, [...floodAcked, ...calmPublished]);
    expect(await relay.store.resultCount()).toBe(floodAcked.size + calmPublished.length);
    await sleep(500);
    for (const w of watchers) {
      const latest = async () => (await relay.store.changesAfter(w.room, 0, 1_000_000)).at(-1)?.seq ?? 0;
      await until(async () => (w.state?.seq ?? 0) >= (await latest()), 30_000, `browser of ${w.room.line} to catch up`);
      await expectWatcherMatchesStore(w, relay.store);
    }
    await expectAnswering(relay.url);
  }, 60_000);
});
