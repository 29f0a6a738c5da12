import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AuditInput } from '../store/audit.ts';
import type { KyselyStore } from '../store/kysely-store.ts';
import { openStore } from '../store/open.ts';
import { AuditBudget } from './audit-budget.ts';

let dir: string;
let store: KyselyStore;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clearline-budget-'));
  store = await openStore({ sqliteFile: join(dir, 'clearline.sqlite') });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const entry = (actor: string, n: number): AuditInput => ({ at: n, actor, action: 'thing.refused', target: 'x', detail: { n } });
const budget = (windowMs: number) => new AuditBudget(store, {
  perWindow: 2, windowMs, clock: Date.now, onError: (err) => { throw err; },
  summary: (key, n, w, now) => ({ at: now, actor: key, action: 'thing.refused.suppressed', target: key, detail: { suppressed: n, from: w.from, to: w.to } }),
});
const of = async (actor: string) => (await store.auditPage({ actor }, undefined, 100, 'asc')).entries;

it('writes a bounded number per key, counts the rest, and writes their summary when the window ends', async () => {
  const b = budget(300);
  await Promise.all([1, 2, 3, 4, 5].map((n) => b.record('ann', entry('ann', n))));
  await b.record('bob', entry('bob', 1)); // each key has its own budget
  expect((await of('ann')).map((e) => e.action)).toEqual(['thing.refused', 'thing.refused']);
  expect(await of('bob')).toHaveLength(1);
  // The window ends with nobody acting: the summary comes by itself.
  for (let i = 0; i < 100 && (await of('ann')).length < 3; i++) await new Promise((ok) => setTimeout(ok, 50));
  const ann = await of('ann');
  expect(ann.map((e) => e.action)).toEqual(['thing.refused', 'thing.refused', 'thing.refused.suppressed']);
  expect(ann[2]!.detail).toMatchObject({ suppressed: 3 });
  expect(await of('bob')).toHaveLength(1); // nothing left out: no summary
});

it('refuses a budget that is not a positive whole number', () => {
  expect(() => new AuditBudget(store, { perWindow: 0, clock: Date.now, onError: () => {}, summary: () => entry('x', 0) })).toThrow(/perWindow/);
});
