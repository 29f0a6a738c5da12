import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/protocol/alert.ts';
import { InferenceResult } from '../../src/protocol/inference.ts';
import { freshDatabase } from '../testing/services.ts';
import { result } from '../testing/results.ts';
import type { KyselyStore } from './kysely-store.ts';
import { openStore } from './open.ts';
import type { NewChange } from './store.ts';
import { verifyAudit } from './audit.ts';
import { supervisorCases } from './conformance-supervisor.ts';

function alert(id: string, over: Partial<Alert> = {}): Alert {
  const snap = { resultId: 'r-1', ts: 1, score: 0.9, threshold: 0.8 };
  return {
    id, key: `p1/l1/a/${id}`, plant: 'p1', line: 'l1', asset: 'a', model: { name: 'm', version: '1' }, label: 'anomaly',
    priority: 'medium', suggestedPriority: 'medium', state: 'unacknowledged', active: true, acknowledged: false,
    raisedAt: 1, annunciatedAt: 1, clearedAt: null, lastAt: 1, count: 1, annunciations: 1, suppression: null,
    chattering: false, groupId: null, lineEventId: null, shelf: null, trust: null, peak: snap, last: snap, ...over,
  };
}
const change = (a: Alert, kind: NewChange['kind'] = 'raised'): NewChange => ({ kind, at: a.lastAt, by: null, reason: null, alert: a });

/** One suite, run against both stores: they must behave the same. */
function conformance(name: string, open: () => Promise<{ store: KyselyStore; dispose(): Promise<void> }>) {
  describe(`store conformance: ${name}`, () => {
    let store: KyselyStore;
    let dispose: () => Promise<void>;
    beforeAll(async () => ({ store, dispose } = await open()));
    afterAll(async () => {
      await store.close();
      await dispose();
    });

    it('migrates twice without harm and answers ping', async () => {
      await store.migrate();
      expect(await store.ping()).toBe(true);
    });

    it('stores results once per edge key and reports which ids it has seen', async () => {
      const rs = [1, 2, 3].map((n) => InferenceResult.parse(result(n)));
      await store.commitIngest({ edgeKey: 'k1', results: rs, changes: [], crossings: [] });
      expect([...(await store.seenResults('k1', ['r-1', 'r-3', 'r-9']))].sort()).toEqual(['r-1', 'r-3']);
      expect((await store.seenResults('k2', ['r-1'])).size).toBe(0);
      await expect(store.commitIngest({ edgeKey: 'k1', results: [rs[0]!], changes: [], crossings: [] })).rejects.toThrow();
      expect(await store.resultCount()).toBe(3);
      const after = await store.resultsAfter(0, 10);
      expect(after.map((r) => r.result.id)).toEqual(['r-1', 'r-2', 'r-3']);
      expect(after[0]!.result.attributions).toEqual(rs[0]!.attributions);
    });

    it('sequences changes in order, keeps each alert at its latest state, and replays by room', async () => {
      const before = await store.latestSeq();
      const a = alert('a1');
      const b = alert('b1', { line: 'l2' });
      const stored = await store.commitIngest({ edgeKey: 'k1', results: [], changes: [change(a), change(b)], crossings: [{ plant: 'p1', line: 'l1', key: a.key, at: 1 }] });
      expect(stored.map((c) => c.seq)).toEqual([before + 1, before + 2]);
      const [acked] = await store.appendChanges([change({ ...a, state: 'acknowledged', acknowledged: true }, 'acknowledged')]);
      expect(acked!.seq).toBe(before + 3);
      expect(await store.latestSeq()).toBe(before + 3);
      expect((await store.changesAfter({ plant: 'p1', line: 'l1' }, before, 100)).map((c) => c.kind)).toEqual(['raised', 'acknowledged']);
      expect((await store.changesAfter({ plant: 'p1' }, before, 100))).toHaveLength(3);
      expect((await store.changesAfter({ plant: 'p1' }, before + 2, 100))[0]!.alert.state).toBe('acknowledged');
      const open = await store.openAlerts({ plant: 'p1', line: 'l1' });
      expect(open.map((x) => [x.id, x.state])).toEqual([['a1', 'acknowledged']]);
      await store.appendChanges([change({ ...a, state: 'normal', active: false }, 'cleared')]);
      expect(await store.openAlerts({ plant: 'p1', line: 'l1' })).toEqual([]);
    });

    it('keeps users, sessions with expiry, edge keys, catalogues, command answers and engine snapshots', async () => {
      await store.upsertUser({ username: 'u', displayName: 'U', role: 'operator', scopes: [{ plant: 'p1' }], passwordHash: 'h' }, 1);
      expect(await store.user('u')).toMatchObject({ role: 'operator', scopes: [{ plant: 'p1' }] });
      await store.createSession('t', 'u', 1, 100);
      expect(await store.sessionUser('t', 50)).toBe('u');
      expect(await store.sessionUser('t', 100)).toBeNull();
      await store.upsertEdgeKey({ id: 'e', name: 'E', keyHash: 'x', scopes: [{ plant: '*' }], revokedAt: null }, 1);
      await store.upsertEdgeKey({ id: 'e', name: 'E', keyHash: 'x', scopes: [{ plant: '*' }], revokedAt: 5 }, 1);
      expect((await store.edgeKeyById('e'))?.revokedAt).toBe(5);
      await store.saveCatalogue({ plant: 'p1', features: [], assets: {}, lines: {}, labels: {}, actions: {} }, 1);
      expect((await store.catalogue('p1'))?.plant).toBe('p1');
      await store.saveCommandAnswer('c1', 'u', 1, '{"status":"done"}');
      await store.saveCommandAnswer('c1', 'u', 2, '{"status":"other"}');
      expect(await store.commandAnswer('c1')).toEqual({ username: 'u', answer: '{"status":"done"}' });
      await store.saveEngineSnapshot(3, 10, '{"x":1}');
      await store.saveEngineSnapshot(4, 11, '{"x":2}');
      expect(await store.loadEngineSnapshot()).toEqual({ resultsRowid: 4, body: '{"x":2}' });
    });

    it('versions labels per alert and pages them with a cursor and filters', async () => {
      const base = {
        alertId: 'a1', key: 'k', plant: 'p1', line: 'l1', asset: 'a', model: { name: 'm', version: '1' }, label: 'anomaly',
        answer: 'false_alarm' as const, reasons: ['sensor_fault' as const], note: null, by: { user: 'u', role: 'operator' as const },
        at: 10, alertState: 'acknowledged' as const, resultIds: ['r-1'], snapshot: { resultId: 'r-1', ts: 1, score: 1, threshold: 0.5 },
      };
      expect((await store.addLabel({ ...base, id: 'L1' })).version).toBe(1);
      expect((await store.addLabel({ ...base, id: 'L2', answer: 'real' })).version).toBe(2);
      await store.addLabel({ ...base, id: 'L3', alertId: 'a2', model: { name: 'other', version: '2' } });
      const page1 = await store.labelsAfter({}, 0, 2);
      expect(page1.labels.map((l) => l.id)).toEqual(['L1', 'L2']);
      const page2 = await store.labelsAfter({}, page1.cursor, 2);
      expect(page2.labels.map((l) => l.id)).toEqual(['L3']);
      expect((await store.labelsAfter({}, page2.cursor, 2)).labels).toEqual([]);
      expect((await store.labelsAfter({ model: 'other', version: '2' }, 0, 10)).labels.map((l) => l.id)).toEqual(['L3']);
      expect((await store.resultIdsBetween({ plant: 'p1', line: 'l1', asset: 'pump-1' }, 0, Number.MAX_SAFE_INTEGER))).toEqual(['r-1', 'r-2', 'r-3']);
    });

    it('prunes old results and ended alerts by retention, never open alerts, labels or audit', async () => {
      const labelsBefore = (await store.labelsAfter({}, 0, 1000)).labels.length;
      const old = alert('old1', { state: 'normal', active: false, raisedAt: 5, lastAt: 5 });
      const open = alert('open1', { raisedAt: 5, lastAt: 5 });
      await store.appendChanges([{ ...change(old, 'cleared'), at: 5 }, { ...change(open), at: 5 }]);
      const pruned = await store.prune({ resultsBefore: Number.MAX_SAFE_INTEGER, historyBefore: 100 });
      expect(pruned.results).toBeGreaterThan(0);
      expect(await store.resultCount()).toBe(0);
      expect(await store.alert('old1')).toBeNull();
      expect(await store.alert('open1')).not.toBeNull();
      expect((await store.labelsAfter({}, 0, 1000)).labels.length).toBe(labelsBefore);
    });

    it('chains audit entries and names the first altered one', async () => {
      await store.audit([{ at: 1, actor: 'u', action: 'login', target: 'u', detail: {} }, { at: 2, actor: 'u', action: 'acknowledge', target: 'a1', detail: { x: 1 } }]);
      await store.audit([{ at: 3, actor: 'v', action: 'shelve', target: 'a1', detail: { minutes: 30 } }]);
      expect(await verifyAudit(store.db)).toEqual({ ok: true, entries: 3 });
      await store.db.updateTable('audit').set({ actor: 'mallory' }).where('action', '=', 'acknowledge').execute();
      const broken = await verifyAudit(store.db);
      expect(broken).toMatchObject({ ok: false, seq: 2 });
    });

    supervisorCases(() => store);
  });
}

conformance('SQLite (node:sqlite)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'clearline-store-'));
  const store = await openStore({ sqliteFile: join(dir, 'c.sqlite') });
  return { store, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
});

conformance('PostgreSQL', async () => {
  const db = await freshDatabase('clearline_conf');
  const store = await openStore({ databaseUrl: db.url, sqliteFile: '' });
  return { store, dispose: db.drop };
});
