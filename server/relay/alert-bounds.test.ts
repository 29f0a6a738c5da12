// Bounds on alerts at ingest (issue #11, point 6), on a real relay with real socket.io edges: past the
// line's open-alert bound, or past an edge key's new alert keys for the hour, a result that would make a
// NEW alert key is refused by name, counted in /metrics and logged once per interval, while results
// for keys the engine already holds keep being accepted and stored.
import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import type { IngestAck } from '../../src/protocol/inference.ts';
import type { AppDeps } from '../app-deps.ts';
import { AlarmEngine } from '../engine/engine.ts';
import { startRelay, type TestRelay } from '../testing/relay.ts';
import { result } from '../testing/results.ts';

let relay: TestRelay;
let engine: AlarmEngine;
const sockets: Socket[] = [];
let now = Date.now();
const logs: { level: number; msg: string; reason?: string; refused?: number }[] = [];

async function start(opts: Partial<AppDeps>) {
  now = Date.now();
  logs.length = 0;
  const log = pino({ level: 'warn' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  engine = new AlarmEngine();
  relay = await startRelay({ clock: () => now, log, engine, ...opts });
}
afterEach(async () => {
  sockets.splice(0).forEach((s) => s.close());
  await relay.close();
});

function edge(key: string): Socket {
  const s = connect(`${relay.url}/edge`, { auth: { key }, transports: ['websocket'], reconnection: false, forceNew: true });
  sockets.push(s);
  return s;
}
const publish = (s: Socket, payload: unknown) => s.emitWithAck('inference', payload) as Promise<IngestAck>;
let n = 0;
/** A result `id` on asset `asset` (of p1/l1 unless `over` says otherwise), abnormal unless a score is given. */
const r = (asset: string, over: Parameters<typeof result>[1] = {}) => result(++n, { id: `b-${n}`, asset, ts: now - 60_000 + n, ...over });
const stored = async (asset: string, line = 'l1') => relay.store.resultIdsBetween({ plant: 'p1', line, asset }, 0, now + 1);
const refusedMetric = async (reason: string) => {
  const text = await (await fetch(`${relay.url}/metrics`)).text();
  return Number(new RegExp(`^clearline_results_rejected_total\\{reason="${reason}"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
};
const warned = (reason: string) => logs.filter((l) => l.reason === reason);

describe('open alerts per line', () => {
  it('refuses a new alert key on a full line by name, while existing keys’ results are accepted and stored', async () => {
    await start({ maxOpenAlertsPerLine: 3 });
    const s = edge(await relay.edgeKey());
    // A quiet key first (normal scores: a key, no alert), then three alerts fill the line.
    expect((await publish(s, [r('quiet', { score: 0.1 })])).rejected).toEqual([]);
    const fill = ['a0', 'a1', 'a2'].flatMap((a) => [r(a), r(a), r(a)]);
    expect((await publish(s, fill)).rejected).toEqual([]);
    await relay.app.host.drain();
    expect(engine.openAlerts('p1', 'l1')).toBe(3);

    const fresh = r('a3');
    const existing = r('a0');
    const quietAbnormal = r('quiet');
    const ack = await publish(s, [fresh, existing, quietAbnormal]);
    expect(ack.rejected).toEqual([{ index: 0, id: fresh.id, code: 'too_many_alerts', reason: expect.stringMatching(/^too_many_alerts: line p1\/l1 has 3 open alerts \(MAX_OPEN_ALERTS_PER_LINE\)/) }]);
    expect(ack.accepted).toEqual([existing.id, quietAbnormal.id]);
    expect(await stored('a0')).toContain(existing.id);
    expect(await stored('quiet')).toContain(quietAbnormal.id);
    expect(await stored('a3')).toEqual([]);
    expect(engine.alerts({ plant: 'p1', line: 'l1' }).find((x) => x.asset === 'a0')).toMatchObject({ count: 4 });

    // Another line has its own bound; the refused result is not taken as seen, so a later resend may pass.
    expect((await publish(s, [r('a3', { line: 'l2' })])).rejected).toEqual([]);
    expect((await publish(s, [fresh])).rejected).toMatchObject([{ id: fresh.id, reason: expect.stringMatching(/^too_many_alerts:/) }]);
    expect(await refusedMetric('too_many_alerts')).toBe(2);
    // Logged once per interval with the count, not once per result.
    expect(warned('too_many_alerts')).toHaveLength(1);
    now += 61_000;
    await publish(s, [r('a4'), r('a5')]);
    expect(warned('too_many_alerts')).toHaveLength(2);
    expect(warned('too_many_alerts')[1]).toMatchObject({ refused: 2 });
  });
});

describe('new alert keys per edge key', () => {
  it('refuses an edge key’s new alert keys past the hourly bound (on any line), not its existing keys nor other edge keys', async () => {
    await start({ maxNewAlertKeysPerEdgeKeyHour: 4 });
    const a = edge(await relay.edgeKey());
    const b = edge(await relay.edgeKey());
    // Keys count whether or not they raise: inventing lines or assets is what the bound is about.
    const first = ['l1', 'l2', 'l3', 'l4'].map((line) => r('x', { line, score: 0.1 }));
    expect((await publish(a, first)).rejected).toEqual([]);
    const fifth = r('x', { line: 'l5' });
    const again = r('x', { line: 'l1' });
    const ack = await publish(a, [fifth, again]);
    expect(ack.rejected).toEqual([{ index: 0, id: fifth.id, code: 'too_many_alert_keys', reason: expect.stringMatching(/^too_many_alert_keys: edge key \S+ made 4 new alert keys this hour \(MAX_NEW_ALERT_KEYS_PER_EDGE_KEY_HOUR\)/) }]);
    expect(ack.accepted).toEqual([again.id]);
    expect(await stored('x', 'l1')).toContain(again.id);
    expect((await publish(b, [r('x', { line: 'l5' })])).rejected).toEqual([]);
    expect(await refusedMetric('too_many_alert_keys')).toBe(1);
    expect(warned('too_many_alert_keys')).toHaveLength(1);
    // The next hour the edge key may make new keys again.
    now += 3_600_000;
    expect((await publish(a, [r('x', { line: 'l6' })])).rejected).toEqual([]);
  });
});
