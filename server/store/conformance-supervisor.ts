import { expect, it } from 'vitest';
import type { Alert } from '../../src/protocol/alert.ts';
import { InferenceResult } from '../../src/protocol/inference.ts';
import type { LabelRecord } from '../../src/protocol/label.ts';
import { result } from '../testing/results.ts';
import type { KyselyStore } from './kysely-store.ts';
import type { NewChange } from './store.ts';

const T = 2_000_000_000_000;

function alert(id: string, over: Partial<Alert> = {}): Alert {
  const snap = { resultId: 'h-1', ts: T, score: 0.9, threshold: 0.8 };
  return {
    id, key: `h1/l1/a/m/${id}`, plant: 'h1', line: 'l1', asset: 'a', model: { name: 'm', version: '1' }, label: 'anomaly',
    priority: 'medium', suggestedPriority: 'medium', state: 'unacknowledged', active: true, acknowledged: false,
    raisedAt: T, annunciatedAt: null, clearedAt: null, lastAt: T, count: 1, annunciations: 0, suppression: null,
    chattering: false, groupId: null, lineEventId: null, shelf: null, trust: null, peak: snap, last: snap, ...over,
  };
}
const change = (kind: NewChange['kind'], at: number, a: Alert, by: string | null = null, reason: string | null = null): NewChange => ({ kind, at, by, reason, alert: a });

/** Conformance cases for the history, supervisor and administration queries (added by 0003). */
export function supervisorCases(get: () => KyselyStore) {
  it('answers alert history by range and state, with timelines, result summaries and labels', async () => {
    const store = get();
    const rs = [0, 1, 2, 3, 4].map((n) => InferenceResult.parse(result(900 + n, {
      plant: 'h1', line: 'l1', asset: 'a', model: { name: 'm', version: '1' }, ts: T + n * 1000, drift: { score: n, features: { flow: n * 2 } },
    })));
    const a = alert('x#1');
    const ann = { ...a, annunciatedAt: T + 1000, annunciations: 1 };
    await store.commitIngest({
      edgeKey: 'hk', results: rs, crossings: [{ plant: 'h1', line: 'l1', key: a.key, at: T }, { plant: 'h1', line: 'l1', key: a.key, at: T + 500 }],
      changes: [change('raised', T, a), change('annunciated', T + 1000, ann), change('updated', T + 2000, { ...ann, count: 3 })],
    });
    await store.appendChanges([
      change('acknowledged', T + 3000, { ...ann, acknowledged: true, state: 'acknowledged' }, 'olga'),
      change('shelved', T + 4000, { ...ann, state: 'shelved', suppression: 'shelved', shelf: { by: 'sam', reason: 'maint', at: T + 4000, until: T + 60_000 } }, 'sam', 'maint'),
      change('cleared', T + 5000, { ...ann, state: 'normal', active: false, clearedAt: T + 5000 }),
    ]);
    const b = alert('y#1', { key: 'h1/l2/b/m/y', line: 'l2', asset: 'b', raisedAt: T + 100_000, chattering: true });
    await store.appendChanges([change('raised', T + 100_000, b), change('suppressed', T + 100_000, { ...b, suppression: 'chattering' }, null, 'chattering')]);

    expect((await store.alertsBetween({ plant: 'h1' }, { from: T, to: T + 200_000 }, undefined, 10)).map((x) => x.id)).toEqual(['y#1', 'x#1']);
    expect((await store.alertsBetween({ plant: 'h1' }, { from: T + 10_000, to: T + 200_000 }, undefined, 10)).map((x) => x.id)).toEqual(['y#1']);
    expect((await store.alertsBetween({ plant: 'h1', line: 'l1' }, { from: T, to: T + 200_000 }, undefined, 10)).map((x) => x.id)).toEqual(['x#1']);
    expect((await store.alertsBetween({ plant: 'h1' }, { from: T, to: T + 200_000 }, 'normal', 10)).map((x) => x.id)).toEqual(['x#1']);
    expect(await store.alert('x#1')).toMatchObject({ state: 'normal', clearedAt: T + 5000 });
    expect(await store.alert('nope')).toBeNull();

    const timeline = await store.changesOfAlert('x#1', 100);
    expect(timeline.changes.map((c) => c.kind)).toEqual(['raised', 'annunciated', 'acknowledged', 'shelved', 'cleared']);
    expect(timeline.changes[2]).toMatchObject({ by: 'olga' });
    expect(timeline.updates).toBe(1);
    const results = await store.resultsOfAsset({ plant: 'h1', line: 'l1', asset: 'a', model: 'm' }, { from: T, to: T + 4000 }, 3);
    expect(results.total).toBe(5);
    expect(results.results.map((r) => r.id)).toEqual(['r-900', 'r-901', 'r-903']);
    expect((await store.resultsOfAsset({ plant: 'h1', line: 'l1', asset: 'a', model: 'other' }, { from: T, to: T + 4000 }, 3)).total).toBe(0);

    const log = await store.suppressionChanges({ plant: 'h1' }, { from: T, to: T + 200_000 }, 10);
    expect(log.map((c) => c.kind)).toEqual(['suppressed', 'shelved']);
    const kpi = await store.kpiChanges({ plant: 'h1', line: 'l1' }, { from: T, to: T + 10_000 }, 0, 100);
    expect(kpi.map((c) => c.kind)).toEqual(['raised', 'annunciated', 'acknowledged', 'shelved', 'cleared']);
    expect(kpi[2]).toEqual({ kind: 'acknowledged', at: T + 3000, alert: { id: 'x#1', key: a.key, plant: 'h1', line: 'l1', priority: 'medium', active: true, chattering: false, annunciatedAt: T + 1000 } });
    expect(await store.crossingsByKey({ plant: 'h1' }, { from: T, to: T + 1000 })).toEqual([{ key: a.key, plant: 'h1', line: 'l1', count: 2 }]);
    const reasons = await store.heldBackReasons({ plant: 'h1' }, { from: T, to: T + 200_000 });
    expect(reasons.sort((p, q) => p.reason.localeCompare(q.reason))).toEqual([
      { reason: 'chattering', alerts: 1, changes: 1 }, { reason: 'shelved', alerts: 1, changes: 1 },
    ]);
    const drift = await store.driftRows({ plant: 'h1' }, { from: T, to: T + 10_000 }, 100);
    expect(drift.sampled).toBe(false);
    expect(drift.rows.map((r) => [r.model, r.version, r.drift.score])).toEqual([['m', '1', 0], ['m', '1', 1], ['m', '1', 2], ['m', '1', 3], ['m', '1', 4]]);
    expect(drift.rows[2]!.drift.features).toEqual({ flow: 4 });
    const sampled = await store.driftRows({ plant: 'h1' }, { from: T, to: T + 10_000 }, 2);
    expect(sampled.sampled).toBe(true);
    expect(sampled.rows.length).toBeLessThanOrEqual(4);
    expect((await store.newestAlertsOfKeys([a.key])).get(a.key)).toEqual({ priority: 'medium', demoted: false });
  });

  it('pages label exports to a fixed end, and keeps the latest answer per alert', async () => {
    const store = get();
    const base: Omit<LabelRecord, 'version' | 'id'> = {
      alertId: 'x#1', key: 'h1/l1/a/m/x', plant: 'h1', line: 'l1', asset: 'a', model: { name: 'm', version: '1' }, label: 'anomaly',
      answer: 'false_alarm', reasons: [], note: null, by: { user: 'u', role: 'operator' }, at: T, alertState: 'acknowledged',
      resultIds: ['r-900'], snapshot: { resultId: 'r-900', ts: T, score: 1, threshold: 0.5 },
    };
    await store.addLabel({ ...base, id: 'H1' });
    await store.addLabel({ ...base, id: 'H2', answer: 'real' });
    await store.addLabel({ ...base, id: 'H3', alertId: 'y#1' });
    const end = await store.labelsPageEnd({ plant: 'h1' }, 0, 2);
    expect(end.count).toBe(2);
    await store.addLabel({ ...base, id: 'H4', alertId: 'z#1' });
    const page = await store.labelsAfter({ plant: 'h1', maxSeq: end.end }, 0, 100);
    expect(page.labels.map((l) => l.id)).toEqual(['H1', 'H2']);
    expect((await store.labelsAfter({ plant: 'h1' }, end.end, 100)).labels.map((l) => l.id)).toEqual(['H3', 'H4']);
    expect(await store.labelsPageEnd({ plant: 'h1' }, Number.MAX_SAFE_INTEGER - 1, 10)).toEqual({ end: Number.MAX_SAFE_INTEGER - 1, count: 0 });
    const latest = await store.latestLabels({ plant: 'h1' }, 1000);
    expect(latest.map((l) => [l.alertId, l.answer, l.version]).sort()).toEqual([['x#1', 'real', 2], ['y#1', 'false_alarm', 1], ['z#1', 'false_alarm', 1]]);
    expect((await store.labelsOfAlert('x#1')).map((l) => l.version)).toEqual([1, 2]);
  });

  it('pages the audit trail both ways with filters and target prefixes', async () => {
    const store = get();
    await store.audit([
      { at: T + 1, actor: 'ann', action: 'user.create', target: 'bob', detail: {} },
      { at: T + 2, actor: 'ann', action: 'user.disable', target: 'bob', detail: {} },
      { at: T + 3, actor: 'sam', action: 'out_of_service', target: 'h1/l1/a', detail: { plant: 'h1', line: 'l1', asset: 'a', reason: 'r', until: T + 9 } },
      { at: T + 4, actor: 'sam', action: 'unshelve', target: 'h2/l1/a/m/x#1', detail: {} },
    ]);
    const range = { from: T, to: T + 10 };
    const newest = await store.auditPage(range, undefined, 3, 'desc');
    expect(newest.entries.map((e) => e.action)).toEqual(['unshelve', 'out_of_service', 'user.disable']);
    const older = await store.auditPage(range, newest.nextCursor!, 3, 'desc');
    expect(older.entries.map((e) => e.action)).toEqual(['user.create']);
    expect(older.nextCursor).toBeNull();
    expect((await store.auditPage({ ...range, action: 'user.*' }, undefined, 10, 'asc')).entries.map((e) => e.action)).toEqual(['user.create', 'user.disable']);
    expect((await store.auditPage({ ...range, actor: 'sam' }, undefined, 10, 'asc')).entries).toHaveLength(2);
    expect((await store.auditPage({ ...range, targetPrefixes: ['h1/'] }, undefined, 10, 'asc')).entries.map((e) => e.target)).toEqual(['h1/l1/a']);
    expect((await store.auditPage({ ...range, targetPrefixes: [] }, undefined, 10, 'asc')).entries).toEqual([]);
    const first = (await store.auditPage(range, undefined, 1, 'asc')).entries[0]!;
    expect(first.detail).toEqual({});
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await store.serviceAudit(10)).some((e) => e.target === 'h1/l1/a' && e.detail.until === T + 9)).toBe(true);
  });

  it('lists, disables and enables users (ending their sessions), lists edge keys and catalogue plants, keeps policy versions', async () => {
    const store = get();
    await store.upsertUser({ username: 'dora', displayName: 'Dora', role: 'engineer', scopes: [{ plant: 'h1' }], passwordHash: 'h' }, T);
    await store.createSession('dora-token', 'dora', T, T + 1000);
    expect((await store.listUsers()).find((u) => u.username === 'dora')).toEqual({ username: 'dora', displayName: 'Dora', role: 'engineer', scopes: [{ plant: 'h1' }], disabled: false, createdAt: T, badge: null });
    expect(await store.setUserDisabled('dora', T + 1)).toBe(true);
    expect(await store.user('dora')).toBeNull();
    expect(await store.sessionUser('dora-token', T + 2)).toBeNull();
    expect((await store.listUsers()).find((u) => u.username === 'dora')?.disabled).toBe(true);
    expect(await store.setUserDisabled('dora', null)).toBe(true);
    expect((await store.user('dora'))?.role).toBe('engineer');
    expect(await store.setUserDisabled('nobody', T)).toBe(false);
    await store.createSession('dora-2', 'dora', T, T + 1000);
    await store.endSessionsOf('dora');
    expect(await store.sessionUser('dora-2', T + 2)).toBeNull();

    await store.panels.upsertPanel({ id: 'pan1', name: 'L1 panel', plant: 'h1', line: 'l1', tokenHash: 'x', revokedAt: null }, T);
    await store.panels.createPanelSession('pan-token', 'pan1', T, T + 1000);
    expect((await store.listPanels()).find((p) => p.id === 'pan1')).toEqual({ id: 'pan1', name: 'L1 panel', plant: 'h1', line: 'l1', createdAt: T, revokedAt: null });
    await store.endPanelSessions('pan1');
    expect(await store.panels.session('pan-token', T + 1)).toBeNull();

    await store.upsertEdgeKey({ id: 'hk1', name: 'press', keyHash: 'x', scopes: [{ plant: 'h1', line: 'l1' }], revokedAt: T + 5 }, T);
    expect((await store.listEdgeKeys()).find((k) => k.id === 'hk1')).toEqual({ id: 'hk1', name: 'press', scopes: [{ plant: 'h1', line: 'l1' }], createdAt: T, revokedAt: T + 5 });
    await store.saveCatalogue({ plant: 'h1', features: [], assets: {}, lines: {}, labels: {}, actions: {} }, T);
    expect(await store.cataloguePlants()).toContain('h1');
    expect(await store.latestPolicy()).toBeNull();
    await store.savePolicy('{"v":1}', T, 'dora');
    await store.savePolicy('{"v":2}', T + 1, 'eve');
    expect(await store.latestPolicy()).toEqual({ body: '{"v":2}', at: T + 1, by: 'eve' });
  });
}
