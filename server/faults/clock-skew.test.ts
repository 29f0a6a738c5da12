// Fault: edge clocks disagree with the relay's. On one line, one edge runs 10 minutes ahead, another
// 10 minutes behind, and a third on time, interleaved, each with abnormal episodes; a fourth sends the
// extremes of the protocol (epoch 0 and the largest allowed time) on its own line: a time further behind
// the relay's clock than its result age (7 days) or further ahead than its tolerance (15 min) is refused
// naming `ts`, and the engine itself takes all of them without crashing. The relay must not
// crash and must decide exactly what the pure engine decides for the same results in the same order
// (event time comes from the results; the relay's clock does not change what they decide); it ends
// with every acknowledged result stored once, the browser equal to the store, the relay answering.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { IngestAck, InferenceResultInput } from '../../src/protocol/inference.ts';
import { InferenceResult } from '../../src/protocol/inference.ts';
import { edgeSocket } from '../testing/edge.ts';
import { benchResult } from '../testing/results.ts';
import { AlarmEngine, type EngineEvent } from '../engine/engine.ts';
import { startRelay, type TestRelay } from '../testing/relay.ts';
import { expectAnswering, expectStoredOnce, expectWatcherMatchesStore, RoomWatcher, sleep, until } from './support.ts';

const room = { plant: 'bench', line: 'skew' };
const MIN = 60_000;
let relay: TestRelay;
let engine: AlarmEngine;
let watcher: RoomWatcher;
const sent: InferenceResultInput[] = [];
const acked: string[] = [];
let extremes: IngestAck;
let extremeResults: InferenceResultInput[];

beforeAll(async () => {
  engine = new AlarmEngine();
  // No relay-clock ticks during the run: only results decide (ticks are relay-time work, compared separately below).
  relay = await startRelay({ engine, tickMs: 3_600_000, maxResultAgeMs: 7 * 24 * 60 * MIN });
  await relay.addUser('olga', 'operator');
  watcher = new RoomWatcher(relay.url, await relay.login('olga'), room);
  await watcher.ready();
  const edges = { ahead: await edgeSocket(relay.url, await relay.edgeKey()), behind: await edgeSocket(relay.url, await relay.edgeKey()), onTime: await edgeSocket(relay.url, await relay.edgeKey()) };
  const skew = { ahead: 10 * MIN, behind: -10 * MIN, onTime: 0 };
  const start = Date.now();
  // 40 rounds; in each, every edge sends 3 results for its asset (event time 1 s apart per result):
  // abnormal for 8 rounds, then normal for 12 (long enough in event time for the 10 s off-delay).
  for (let round = 0; round < 40; round++) {
    for (const name of ['ahead', 'behind', 'onTime'] as const) {
      const batch = [0, 1, 2].map((j) => {
        const i = round * 3 + j;
        return benchResult(`${name}-${i}`, { ...room, asset: `pump-${name}`, ts: start + skew[name] + i * 1000, score: round % 20 < 8 ? 0.95 : 0.3 });
      });
      const ack = (await edges[name].emitWithAck('inference', batch)) as IngestAck;
      expect(ack.rejected).toEqual([]);
      sent.push(...batch);
      acked.push(...ack.accepted);
    }
  }
  const extreme = await edgeSocket(relay.url, await relay.edgeKey());
  extremeResults = [
    benchResult('epoch-0', { plant: 'bench', line: 'extreme', asset: 'x', ts: 0, score: 0.95 }),
    benchResult('max-time', { plant: 'bench', line: 'extreme', asset: 'x', ts: 8.64e15, score: 0.95 }),
    benchResult('epoch-0-again', { plant: 'bench', line: 'extreme', asset: 'x', ts: 0, score: 0.95 }),
    benchResult('iso-ahead', { plant: 'bench', line: 'extreme', asset: 'y', ts: new Date(start + 60 * MIN).toISOString() as never, score: 0.95 }),
  ];
  extremes = (await extreme.emitWithAck('inference', extremeResults)) as IngestAck;
  acked.push(...extremes.accepted);
  for (const s of [...Object.values(edges), extreme]) s.close();
}, 60_000);

afterAll(async () => {
  watcher?.close();
  await relay?.close();
});

const decisive = (e: EngineEvent) => e.type === 'alert' && e.kind !== 'updated';
const summary = (e: EngineEvent) => (e.type === 'alert' ? { kind: e.kind, at: e.at, id: e.alert.id, state: e.alert.state, count: e.alert.count, active: e.alert.active } : null);

it('decides exactly what the pure engine decides for the same results in the same order', async () => {
  const reference = new AlarmEngine();
  const expected = sent.flatMap((r) => reference.ingest(InferenceResult.parse(r))).filter(decisive).map(summary);
  const stored = (await relay.store.changesAfter(room, 0, 1_000_000)).filter((c) => c.kind !== 'updated')
    .map((c) => ({ kind: c.kind, at: c.at, id: c.alert.id, state: c.alert.state, count: c.alert.count, active: c.alert.active }));
  expect(expected.filter((e) => e!.kind === 'raised').length, 'the scenario raises alerts').toBeGreaterThanOrEqual(3);
  expect(expected.some((e) => e!.kind === 'returned' || e!.kind === 'cleared'), 'and returns them').toBe(true);
  expect(stored).toEqual(expected);
  const line = (e: AlarmEngine) => e.alerts({ plant: 'bench', line: 'skew' }).map((a) => ({ id: a.id, state: a.state, count: a.count, raisedAt: a.raisedAt }));
  expect(line(engine)).toEqual(line(reference));
  // Event time runs per line and never backwards: the edge 10 min behind sends "late" results, judged at
  // the line's clock (which the edge ahead sets), so its alert is stamped on that clock, not in the past.
  const behind = line(engine).find((a) => a.id.includes('pump-behind'))!;
  const firstBehindTs = sent.find((r) => r.id === 'behind-0')!.ts as number;
  expect(behind.raisedAt - firstBehindTs).toBeGreaterThan(15 * MIN);
});

it('refuses times beyond its result age or clock tolerance naming ts, and ticks skewed lines without crashing, deterministically', async () => {
  expect(extremes.accepted).toEqual([]);
  expect(extremes.rejected.map((r) => r.id)).toEqual(['epoch-0', 'max-time', 'epoch-0-again', 'iso-ahead']);
  for (const r of extremes.rejected) expect(r.reason).toMatch(/^invalid: ts: .* (ahead of|older than) the relay.*check the edge's clock/);
  expect(extremes.rejected.filter((r) => r.reason.includes('older than')).map((r) => r.id)).toEqual(['epoch-0', 'epoch-0-again']);
  // Two engines with the same history given the same relay times decide the same, extremes included.
  const twins = [new AlarmEngine(), new AlarmEngine()].map((e) => {
    for (const r of [...sent, ...extremeResults]) e.ingest(InferenceResult.parse(r));
    return e;
  });
  const now = Date.now();
  const [a, b] = twins.map((e) => [now + 5_000, now + 20 * MIN, now + 30 * MIN].flatMap((t) => e.tick(t).map(summary)));
  expect(a).toEqual(b);
  // The relay's own ticks over these lines run and store their outcome.
  for (let i = 0; i < 3; i++) await relay.app.host.tick();
});

it('ends with every acknowledged result stored once, the browser equal to the store, the relay answering', async () => {
  await relay.app.host.drain();
  await expectStoredOnce(relay.store, acked);
  await sleep(300);
  const latest = async () => (await relay.store.changesAfter(room, 0, 1_000_000)).at(-1)?.seq ?? 0;
  await until(async () => (watcher.state?.seq ?? 0) >= (await latest()), 10_000, 'the browser to catch up');
  await expectWatcherMatchesStore(watcher, relay.store);
  await expectAnswering(relay.url);
});
