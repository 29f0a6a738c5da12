import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/protocol/alert.ts';
import { AlarmLoadReport, DriftReport, SuppressionLog, TrustReport } from '../../src/protocol/kpi.ts';
import { startRelay, type TestRelay } from '../testing/relay.ts';
import { call, episode, get, publish } from './route-testing.ts';

const MIN = 60_000;
let relay: TestRelay;
let sup: string;
let operator: string;
let outsider: string;
let engineer: string;
let base: number;
let range: string;
let edgeKey: string;

beforeAll(async () => {
  relay = await startRelay();
  await relay.addUser('sue', 'supervisor');
  await relay.addUser('olga', 'operator');
  await relay.addUser('otto', 'supervisor', [{ plant: 'p2' }]);
  await relay.addUser('eng', 'engineer');
  [sup, operator, outsider, engineer] = (await Promise.all(['sue', 'olga', 'otto', 'eng'].map((u) => relay.login(u)))) as [string, string, string, string];
  const key = await relay.edgeKey();
  // Event time close to the relay's clock, so commands (relay time) and results (event time) share the range.
  base = Date.now() - 30 * MIN;
  range = `from=${base - MIN}&to=${Date.now() + MIN}`;
  // Twelve pumps raise one after another within four minutes on line l1: the console floods.
  for (let i = 0; i < 12; i++) await publish(relay, key, episode(`pump-${i}`, base + i * 20_000, { drift: 0.1 * i }));
  // On line l2 one sensor crosses again and again: chattering.
  const chatter = Array.from({ length: 4 }, (_, k) => episode('valve-9', base + k * 14_000, { line: 'l2', above: 3, below: 11, idPrefix: `v9-${k}` })).flat();
  await publish(relay, key, chatter);
  edgeKey = key;
});
afterAll(() => relay.close());

const cmd = (cookie: string, body: Record<string, unknown>) => call(relay, cookie, 'POST', '/api/v1/commands', { commandId: crypto.randomUUID(), ...body });

describe('GET /api/v1/kpi/alarm-load', () => {
  it('computes the load from stored events: series, max 10 min, flood, top 10, priorities, held back vs naive crossings', async () => {
    const res = await get(relay, sup, `/api/v1/kpi/alarm-load?plant=p1&${range}`);
    expect(res.status).toBe(200);
    const r = AlarmLoadReport.parse(res.json);
    expect(r.annunciations).toBeGreaterThanOrEqual(10);
    expect(r.per10Min.reduce((s, b) => s + b.count, 0)).toBe(r.annunciations);
    expect(r.perHour.reduce((s, b) => s + b.count, 0)).toBe(r.annunciations);
    expect(r.per10Min[0]!.start).toBe(base - MIN);
    expect(r.max10Min).toBeGreaterThanOrEqual(10);
    expect(r.floodPct).toBeGreaterThan(0);
    expect(r.consoleCount).toBe(2);
    expect(r.top.length).toBeGreaterThan(0);
    expect(r.top[0]!.share).toBeGreaterThan(0);
    expect(r.priorities.medium.count).toBe(r.annunciations);
    expect(r.naiveCrossings).toBeGreaterThan(r.annunciations);
    expect(r.heldBack.naiveCrossings).toBe(r.naiveCrossings);
    expect(r.heldBack.reasons.map((x) => x.reason)).toEqual(expect.arrayContaining(['flood', 'chattering']));
    expect(r.chattering).toBeGreaterThanOrEqual(1);
    expect(r.heldBack.keys[0]!.crossings).toBeGreaterThan(0);
    const line = AlarmLoadReport.parse((await get(relay, sup, `/api/v1/kpi/alarm-load?plant=p1&line=l2&${range}`)).json);
    expect(line.consoleCount).toBe(1);
    expect(line.chattering).toBe(1);
    expect(line.annunciations).toBeLessThan(r.annunciations);
  });

  it('gives a mean time to acknowledge once alerts are acknowledged', async () => {
    const open = (await get(relay, sup, '/api/v1/alerts?plant=p1&line=l1&state=returned_unacknowledged')).json as Alert[];
    expect(open.length).toBeGreaterThan(0);
    expect((await cmd(operator, { type: 'acknowledge', alertId: open[0]!.id })).status).toBe(200);
    const r = AlarmLoadReport.parse((await get(relay, sup, `/api/v1/kpi/alarm-load?plant=p1&${range}`)).json);
    expect(r.acknowledged).toBe(1);
    expect(r.meanTimeToAckMs).toBeGreaterThan(0);
  });

  it('refuses operators, people outside the scope, strangers and bad ranges', async () => {
    expect((await get(relay, operator, `/api/v1/kpi/alarm-load?plant=p1`)).status).toBe(403);
    expect((await get(relay, outsider, `/api/v1/kpi/alarm-load?plant=p1`)).status).toBe(403);
    expect((await get(relay, null, `/api/v1/kpi/alarm-load?plant=p1`)).status).toBe(401);
    expect((await get(relay, sup, `/api/v1/kpi/alarm-load?plant=p1&from=0&to=${100 * 86_400_000}`)).json.error).toMatch(/from: .*31 days/);
    expect((await get(relay, sup, `/api/v1/kpi/alarm-load?plant=p%201`)).json.error).toMatch(/plant/);
  });
});

describe('GET /api/v1/kpi/trust', () => {
  it('computes precision per key and model version from the labels, with n, and shows the demotion', async () => {
    expect((await call(relay, engineer, 'PUT', '/api/v1/policy/plants/p1', { policy: { trustMinAnswers: 2 } })).status).toBe(200);
    // pump-0 ends (acknowledged) and raises again later: a second alert of the same key.
    const first = ((await get(relay, sup, `/api/v1/alerts?plant=p1&line=l1&${range}`)).json as Alert[]).find((a) => a.asset === 'pump-0')!;
    if (first.state !== 'normal') await cmd(operator, { type: 'acknowledge', alertId: first.id });
    await publish(relay, edgeKey, episode('pump-0', Date.now() + 11 * MIN, { idPrefix: 'p0-late' }));
    const alerts = (await get(relay, sup, `/api/v1/alerts?plant=p1&line=l1&from=${base - MIN}&to=${Date.now() + 30 * MIN}`)).json as Alert[];
    const ids = alerts.filter((a) => a.asset === 'pump-0').map((a) => a.id);
    expect(ids).toHaveLength(2);
    for (const alertId of ids) expect((await cmd(operator, { type: 'feedback', alertId, answer: 'false_alarm', reasons: ['sensor_fault'] })).status).toBe(200);
    const other = alerts.find((a) => a.asset === 'pump-3')!;
    await cmd(operator, { type: 'feedback', alertId: other.id, answer: 'real' });
    const trust = async () => TrustReport.parse((await get(relay, sup, '/api/v1/kpi/trust?plant=p1')).json);
    // The trust change of the current alert is a count-only update: stored within the coalescing window.
    await expect.poll(async () => (await trust()).keys.find((k) => k.asset === 'pump-0')?.demoted, { timeout: 5000 }).toBe(true);
    const t = await trust();
    expect(t.labels).toBe(3);
    const p0 = t.keys.find((k) => k.asset === 'pump-0')!;
    expect(p0).toMatchObject({ model: 'watch', version: '1.0.0', confirmed: 0, falseAlarm: 2, n: 2, precision: 0, reviewSuggested: true, demoted: true, minAnswers: 2 });
    expect(t.keys[0]!.asset).toBe('pump-0');
    expect(t.keys.find((k) => k.asset === 'pump-3')).toMatchObject({ n: 1, precision: null, reviewSuggested: false });
    expect(t.models).toEqual([{ model: 'watch', version: '1.0.0', keys: 2, confirmed: 1, falseAlarm: 2, unsure: 0, n: 3, precision: 1 / 3 }]);
    expect((await get(relay, operator, '/api/v1/kpi/trust?plant=p1')).status).toBe(403);
  });
});

describe('GET /api/v1/kpi/drift', () => {
  it('summarises drift per model version and feature, with a series', async () => {
    const d = DriftReport.parse((await get(relay, sup, `/api/v1/kpi/drift?plant=p1&line=l1&${range}&bucket=60000`)).json);
    expect(d.bucketMs).toBe(60_000);
    expect(d.models).toHaveLength(1);
    const m = d.models[0]!;
    expect(m).toMatchObject({ model: 'watch', version: '1.0.0' });
    expect(m.results).toBe(12 * 19);
    expect(m.score.max).toBeCloseTo(1.1);
    expect(m.features.map((f) => f.feature)).toEqual(['flow', 'current']);
    expect(m.features[0]!.max).toBeCloseTo(2.2);
    expect(m.series.length).toBeGreaterThan(3);
    expect((await get(relay, sup, `/api/v1/kpi/drift?plant=p1&bucket=5`)).json.error).toMatch(/bucket/);
    expect((await get(relay, operator, `/api/v1/kpi/drift?plant=p1`)).status).toBe(403);
  });
});

describe('GET /api/v1/suppression-log', () => {
  it('lists what was held back and why, who shelved what until when, and assets out of service', async () => {
    const open = (await get(relay, sup, '/api/v1/alerts?plant=p1&line=l1')).json as Alert[];
    const target = open.find((a) => a.state !== 'shelved')!;
    expect((await cmd(operator, { type: 'shelve', alertId: target.id, reason: 'valve being replaced', minutes: 30 })).status).toBe(200);
    const until = Date.now() + 3_600_000;
    expect((await cmd(sup, { type: 'out_of_service', plant: 'p1', line: 'l1', asset: 'pump-5', reason: 'maintenance', until })).status).toBe(200);
    const log = SuppressionLog.parse((await get(relay, sup, `/api/v1/suppression-log?plant=p1&${range}`)).json);
    const shelved = log.entries.find((e) => e.kind === 'shelved')!;
    expect(shelved).toMatchObject({ alertId: target.id, by: 'olga', reason: 'valve being replaced' });
    expect(shelved.until).toBeGreaterThan(Date.now() + 29 * MIN);
    expect(log.shelved).toEqual([expect.objectContaining({ alertId: target.id, by: 'olga', reason: 'valve being replaced', ended: true })]); // back to normal: shelving ended it, the shelf holds its key
    expect(log.shelved[0]!.until).toBe(shelved.until);
    expect(log.entries.some((e) => e.kind === 'suppressed' && e.reason === 'flood')).toBe(true);
    expect(log.entries.some((e) => e.kind === 'suppressed' && e.reason === 'chattering')).toBe(true);
    expect(log.outOfService).toEqual([{ plant: 'p1', line: 'l1', asset: 'pump-5', by: 'sue', reason: 'maintenance', at: expect.any(Number), until }]);
    expect(log.entries.map((e) => e.seq)).toEqual([...log.entries.map((e) => e.seq)].sort((a, b) => b - a));
    const l2 = SuppressionLog.parse((await get(relay, sup, `/api/v1/suppression-log?plant=p1&line=l2&${range}`)).json);
    expect(l2.outOfService).toEqual([]);
    expect(l2.entries.every((e) => e.line === 'l2')).toBe(true);
    expect((await cmd(sup, { type: 'unshelve', alertId: target.id })).status).toBe(200);
    expect(SuppressionLog.parse((await get(relay, sup, `/api/v1/suppression-log?plant=p1&${range}`)).json).shelved).toEqual([]);
    const limited = SuppressionLog.parse((await get(relay, sup, `/api/v1/suppression-log?plant=p1&${range}&limit=1`)).json);
    expect(limited).toMatchObject({ truncated: true });
    expect(limited.entries).toHaveLength(1);
    expect((await get(relay, operator, `/api/v1/suppression-log?plant=p1`)).status).toBe(403);
    expect((await get(relay, outsider, `/api/v1/suppression-log?plant=p1`)).status).toBe(403);
  });
});
