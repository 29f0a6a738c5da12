import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/protocol/alert.ts';
import { LabelRecord } from '../../src/protocol/label.ts';
import { DemoPlant } from '../sim/demo.ts';
import { startRelay, type TestRelay } from '../testing/relay.ts';
import { LABEL_CSV_COLUMNS } from './label-csv.ts';
import { call, get, publish } from './route-testing.ts';

let relay: TestRelay;
let sup: string;
let operator: string;
const given: { alertId: string; answer: string }[] = [];

async function exportPage(cursor: number, limit: number, extra = '') {
  const res = await get(relay, sup, `/api/v1/labels?plant=demo&cursor=${cursor}&limit=${limit}${extra}`);
  expect(res.status).toBe(200);
  const labels = res.text.split('\n').filter(Boolean).map((l) => LabelRecord.parse(JSON.parse(l)));
  return { labels, next: Number(res.headers.get('x-next-cursor')), count: Number(res.headers.get('x-label-count')), more: res.headers.get('x-has-more') };
}

/**
 * A full demo cycle through the relay, with operators answering every alert they see (changing some
 * answers), while a training job polls the export three labels at a time.
 */
beforeAll(async () => {
  relay = await startRelay();
  await relay.addUser('sue', 'supervisor');
  await relay.addUser('olga', 'operator');
  await relay.addUser('pat', 'supervisor', [{ plant: 'demo', line: 'line1' }]);
  [sup, operator] = await Promise.all([relay.login('sue'), relay.login('olga')]);
}, 120_000);
afterAll(() => relay.close());

describe('label export round trip over a demo run', () => {
  it('holds every answer given exactly once, with its snapshot, and the cursor resumes without gaps or repeats', async () => {
    const key = await relay.edgeKey();
    const seconds = 420;
    const plant = new DemoPlant({ seed: 11, startMs: Date.now() - seconds * 1000, speed: 1, runId: 'rt' });
    const answered = new Map<string, number>();
    const polled: LabelRecord[] = [];
    let cursor = 0;
    for (let chunk = 0; chunk < seconds / 20; chunk++) {
      const results = Array.from({ length: 20 }, () => plant.step().results).flat();
      await publish(relay, key, results);
      const open = (await get(relay, operator, '/api/v1/alerts?plant=demo')).json as Alert[];
      for (const a of open) {
        const n = answered.get(a.id) ?? 0;
        if (n >= 2 || (n === 1 && chunk % 3 !== 0)) continue;
        const answer = n === 0 ? (a.asset === 'p102' ? 'false_alarm' : 'real') : 'not_sure';
        const res = await call(relay, operator, 'POST', '/api/v1/commands', { type: 'feedback', commandId: crypto.randomUUID(), alertId: a.id, answer, reasons: answer === 'false_alarm' ? ['sensor_fault'] : [] });
        expect(res.status).toBe(200);
        answered.set(a.id, n + 1);
        given.push({ alertId: a.id, answer });
      }
      // the training job polls between publishes
      for (;;) {
        const page = await exportPage(cursor, 3);
        polled.push(...page.labels);
        expect(page.next).toBeGreaterThanOrEqual(cursor);
        cursor = page.next;
        if (page.more === 'false') break;
      }
    }
    expect(given.length).toBeGreaterThanOrEqual(6);
    expect(given.some((g) => g.answer === 'not_sure')).toBe(true);
    // once each, in the order given, with versions per alert
    expect(polled.map((l) => [l.alertId, l.answer])).toEqual(given.map((g) => [g.alertId, g.answer]));
    expect(new Set(polled.map((l) => l.id)).size).toBe(polled.length);
    const seen = new Map<string, number>();
    const versions = given.map((g) => seen.set(g.alertId, (seen.get(g.alertId) ?? 0) + 1).get(g.alertId));
    expect(polled.map((l) => l.version)).toEqual(versions);
    expect(versions).toContain(2);
    for (const l of polled) {
      expect(l.by).toEqual({ user: 'olga', role: 'operator' });
      expect(l.snapshot.score).toBeGreaterThanOrEqual(l.snapshot.threshold);
      expect(l.snapshot.attributions!.length).toBeGreaterThan(0);
      expect(l.resultIds).toContain(l.snapshot.resultId);
      expect(l.model.name).toMatch(/watch/);
    }
    // one export of everything gives the same records in the same order
    const all = await exportPage(0, 100_000);
    expect(all.labels.map((l) => l.id)).toEqual(polled.map((l) => l.id));
    expect(all.next).toBe(cursor);
    expect(all.more).toBe('false');
    // nothing new: the cursor stays and the page is empty
    const after = await exportPage(cursor, 10);
    expect(after).toMatchObject({ labels: [], next: cursor, count: 0, more: 'false' });
  });

  it('exports CSV with a header row and one row per label; filters by line, model, version and time', async () => {
    const res = await get(relay, sup, '/api/v1/labels?plant=demo&format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="labels-demo-\d+\.csv"/);
    const rows = res.text.trimEnd().split('\r\n');
    expect(rows[0]).toBe(LABEL_CSV_COLUMNS.join(','));
    expect(rows).toHaveLength(given.length + 1);
    expect(rows[1]).toContain(given[0]!.alertId);
    const byLine = async (q: string) => (await get(relay, sup, `/api/v1/labels?plant=demo${q}`)).text.split('\n').filter(Boolean).map((l) => LabelRecord.parse(JSON.parse(l)));
    const line1 = await byLine('&line=line1');
    expect(line1.length).toBeGreaterThan(0);
    expect(line1.every((l) => l.line === 'line1')).toBe(true);
    const model = line1[0]!.model;
    expect((await byLine(`&model=${model.name}&version=${model.version}`)).every((l) => l.model.name === model.name)).toBe(true);
    expect(await byLine(`&model=${model.name}&version=0.0.0`)).toEqual([]);
    expect(await byLine(`&from=${Date.now() + 60_000}`)).toEqual([]);
  });

  it('refuses operators, strangers, places outside the scope and bad queries, naming the field', async () => {
    expect((await get(relay, operator, '/api/v1/labels?plant=demo')).status).toBe(403);
    expect((await get(relay, null, '/api/v1/labels?plant=demo')).status).toBe(401);
    const pat = await relay.login('pat');
    expect((await get(relay, pat, '/api/v1/labels?plant=demo')).status).toBe(403);
    expect((await get(relay, pat, '/api/v1/labels?plant=demo&line=line2')).status).toBe(403);
    expect((await get(relay, pat, '/api/v1/labels')).json.error).toMatch(/plant: required/);
    const own = await get(relay, pat, '/api/v1/labels?plant=demo&line=line1');
    expect(own.status).toBe(200);
    expect((await get(relay, sup, '/api/v1/labels')).status).toBe(200);
    expect((await get(relay, sup, '/api/v1/labels?plant=demo&format=xml')).json.error).toMatch(/format/);
    expect((await get(relay, sup, '/api/v1/labels?plant=demo&cursor=-1')).json.error).toMatch(/cursor/);
    expect((await get(relay, sup, '/api/v1/labels?plant=demo&limit=0')).json.error).toMatch(/limit/);
    expect((await get(relay, sup, '/api/v1/labels?line=line1')).json.error).toMatch(/plant/);
  });
});
