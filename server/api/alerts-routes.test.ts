import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/protocol/alert.ts';
import { AlertTimeline } from '../../src/protocol/history.ts';
import { startRelay, type TestRelay } from '../testing/relay.ts';
import { call, episode, get, publish, T0 } from './route-testing.ts';

let relay: TestRelay;
let viewer: string;
let operator: string;
let outsider: string;
let alertId: string;

beforeAll(async () => {
  relay = await startRelay();
  await relay.addUser('vic', 'viewer');
  await relay.addUser('olga', 'operator');
  await relay.addUser('otto', 'supervisor', [{ plant: 'p2' }]);
  [viewer, operator, outsider] = await Promise.all([relay.login('vic'), relay.login('olga'), relay.login('otto')]);
  const key = await relay.edgeKey();
  await publish(relay, key, episode('pump-1', T0));
  await publish(relay, key, episode('pump-2', T0 + 60_000, { line: 'l2', below: 0 }));
  const open = (await get(relay, viewer, '/api/v1/alerts?plant=p1&line=l1')).json as Alert[];
  alertId = open[0]!.id;
  const ack = await call(relay, operator, 'POST', '/api/v1/commands', { type: 'acknowledge', commandId: crypto.randomUUID(), alertId });
  expect(ack.status).toBe(200);
  const fb = await call(relay, operator, 'POST', '/api/v1/commands', { type: 'feedback', commandId: crypto.randomUUID(), alertId, answer: 'false_alarm', reasons: ['sensor_fault'] });
  expect(fb.status).toBe(200);
  await call(relay, operator, 'POST', '/api/v1/commands', { type: 'feedback', commandId: crypto.randomUUID(), alertId, answer: 'real', reasons: [] });
});
afterAll(() => relay.close());

describe('GET /api/v1/alerts', () => {
  it('lists alerts not ended without a range, as before', async () => {
    const res = await get(relay, viewer, '/api/v1/alerts?plant=p1');
    expect(res.status).toBe(200);
    expect((res.json as Alert[]).map((a) => a.asset).sort()).toEqual(['pump-2']);
  });

  it('lists every alert whose life overlaps a range, with key, state, times, counts and suppression', async () => {
    const res = await get(relay, viewer, `/api/v1/alerts?plant=p1&from=${T0}&to=${T0 + 3_600_000}`);
    expect(res.status).toBe(200);
    const alerts = res.json as Alert[];
    expect(alerts.map((a) => a.asset)).toEqual(['pump-2', 'pump-1']);
    const ended = alerts[1]!;
    expect(ended).toMatchObject({ id: alertId, state: 'normal', key: expect.stringContaining('pump-1') });
    expect(ended.raisedAt).toBeGreaterThanOrEqual(T0);
    expect(ended.annunciatedAt).toBe(ended.raisedAt);
    expect(ended.clearedAt).toBeGreaterThan(ended.raisedAt);
    expect(ended.count).toBeGreaterThanOrEqual(1);
    expect(ended.annunciations).toBe(1);
    expect(ended.suppression).toBeNull();
    const iso = new Date(T0 + 30_000).toISOString();
    expect((await get(relay, viewer, `/api/v1/alerts?plant=p1&from=${encodeURIComponent(iso)}&to=${T0 + 3_600_000}`)).json.map((a: Alert) => a.asset)).toEqual(['pump-2', 'pump-1']);
    // pump-1 stayed open (back to normal, unacknowledged) until the operator acknowledged it just now
    expect((await get(relay, viewer, `/api/v1/alerts?plant=p1&from=${T0 + 3_600_000}&to=${T0 + 7_200_000}`)).json.map((a: Alert) => a.asset)).toEqual(['pump-2', 'pump-1']);
    expect((await get(relay, viewer, `/api/v1/alerts?plant=p1&from=${T0 - 7_200_000}&to=${T0}`)).json).toEqual([]);
    expect((await get(relay, viewer, `/api/v1/alerts?plant=p1&from=${Date.now() + 60_000}&to=${Date.now() + 120_000}`)).json.map((a: Alert) => a.asset)).toEqual(['pump-2']);
    expect((await get(relay, viewer, `/api/v1/alerts?plant=p1&line=l1&state=normal&from=${T0}&to=${T0 + 3_600_000}`)).json).toHaveLength(1);
    expect((await get(relay, viewer, `/api/v1/alerts?plant=p1&state=unacknowledged&from=${T0}&to=${T0 + 3_600_000}`)).json.map((a: Alert) => a.asset)).toEqual(['pump-2']);
  });

  it('refuses bad queries naming the field, strangers and people outside the scope', async () => {
    expect((await get(relay, viewer, '/api/v1/alerts?plant=p1&from=yesterday')).json.error).toMatch(/from/);
    expect((await get(relay, viewer, `/api/v1/alerts?plant=p1&from=${T0 + 10}&to=${T0}`)).json.error).toMatch(/from: must be before to/);
    expect((await get(relay, viewer, '/api/v1/alerts?plant=p1&state=exploded')).status).toBe(400);
    expect((await get(relay, viewer, '/api/v1/alerts?plant=p1&colour=red')).json.error).toMatch(/colour/);
    expect((await get(relay, viewer, '/api/v1/alerts')).json.error).toMatch(/plant/);
    expect((await get(relay, null, '/api/v1/alerts?plant=p1')).status).toBe(401);
    expect((await get(relay, outsider, '/api/v1/alerts?plant=p1')).status).toBe(403);
  });
});

describe('GET /api/v1/alerts/:id', () => {
  it('answers the timeline: every change with who and why, result summaries around it, labels with versions', async () => {
    const res = await get(relay, viewer, `/api/v1/alerts/${encodeURIComponent(alertId)}`);
    expect(res.status).toBe(200);
    const t = AlertTimeline.parse(res.json);
    const kinds = t.changes.map((c) => c.kind);
    expect(kinds[0]).toBe('raised');
    expect(kinds).toEqual(expect.arrayContaining(['annunciated', 'returned', 'acknowledged', 'feedback']));
    expect(t.changes.find((c) => c.kind === 'acknowledged')).toMatchObject({ by: 'olga' });
    expect(t.changes.find((c) => c.kind === 'feedback')!.reason).toMatch(/false_alarm: sensor_fault/);
    expect(t.changes.map((c) => c.seq)).toEqual([...t.changes.map((c) => c.seq)].sort((a, b) => a - b));
    expect(t.resultsTotal).toBe(19);
    expect(t.results.filter((r) => r.inAlert).length).toBeGreaterThanOrEqual(4);
    expect(t.results[0]).toMatchObject({ id: `pump-1-${T0}-0`, score: 0.95, threshold: 0.8 });
    expect(t.labels.map((l) => [l.version, l.answer])).toEqual([[1, 'false_alarm'], [2, 'real']]);
    expect(t.labels[0]!.snapshot.score).toBe(0.95);
  });

  it('answers the same 404 for an unknown alert and for one outside the scope, so existence does not leak', async () => {
    expect((await get(relay, viewer, '/api/v1/alerts/nope%231')).status).toBe(404);
    const outside = await get(relay, outsider, `/api/v1/alerts/${encodeURIComponent(alertId)}`);
    const missing = await get(relay, outsider, `/api/v1/alerts/${encodeURIComponent(alertId.replace(/#\d+$/, '#999'))}`);
    expect(outside.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(outside.json.error.replace(alertId, 'ID')).toBe(missing.json.error.replace(alertId.replace(/#\d+$/, '#999'), 'ID'));
    // Commands on an alert outside the scope answer as for one that does not exist (REST; the socket shares the handler).
    const ack = (id: string) => call(relay, outsider, 'POST', '/api/v1/commands', { type: 'acknowledge', commandId: crypto.randomUUID(), alertId: id });
    const [cmdOutside, cmdMissing] = [await ack(alertId), await ack(alertId.replace(/#\d+$/, '#999'))];
    expect([cmdOutside.status, cmdMissing.status]).toEqual([404, 404]);
    expect(cmdOutside.json.reason.replace(alertId, 'ID')).toBe(cmdMissing.json.reason.replace(alertId.replace(/#\d+$/, '#999'), 'ID'));
    expect((await get(relay, null, `/api/v1/alerts/${encodeURIComponent(alertId)}`)).status).toBe(401);
  });
});
