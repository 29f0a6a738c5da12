import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../testing/services.ts';
import { result } from '../testing/results.ts';
import { KyselyStore } from './kysely-store.ts';
import { migrations, type Flavour } from './migrations.ts';
import type { Database } from './schema.ts';
import { nodeSqliteDialect } from './sqlite-dialect.ts';

/** Stores data as 0002 did, then migrates: the new columns must be filled from the stored bodies. */
async function backfill(db: Kysely<Database>, flavour: Flavour) {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations(flavour) } });
  expect((await migrator.migrateTo('0002_labels_audit')).error).toBeUndefined();
  const r = { ...result(1), ts: 1000, drift: { score: 0.4, features: { flow: 0.1 } } };
  const raw = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  await raw.insertInto('results').values({ edge_key: 'k', id: 'r-1', plant: 'p1', line: 'l1', asset: 'a', ts: 1000, score: 0.9, threshold: 0.8, body: JSON.stringify(r) }).execute();
  const alert = { id: 'a#1', key: 'p1/l1/a/m/x', plant: 'p1', line: 'l1', priority: 'high', active: true, chattering: true, annunciatedAt: 1500 };
  await raw.insertInto('alert_changes').values({ alert_id: 'a#1', plant: 'p1', line: 'l1', kind: 'annunciated', at: 1500, by_user: null, reason: null, body: JSON.stringify({ kind: 'annunciated', at: 1500, alert }) }).execute();
  await raw.insertInto('alerts').values({ id: 'a#1', key: alert.key, plant: 'p1', line: 'l1', asset: 'a', state: 'unacknowledged', active: 1, raised_at: 1000, updated_seq: 1, body: JSON.stringify(alert) }).execute();
  expect((await migrator.migrateToLatest()).error).toBeUndefined();

  const store = new KyselyStore(db, flavour);
  const kpi = await store.kpiChanges({ plant: 'p1' }, { from: 0, to: 10_000 }, 0, 10);
  expect(kpi).toEqual([{ kind: 'annunciated', at: 1500, alert: { id: 'a#1', key: alert.key, plant: 'p1', line: 'l1', priority: 'high', active: true, chattering: true, annunciatedAt: 1500 } }]);
  const drift = await store.driftRows({ plant: 'p1' }, { from: 0, to: 10_000 }, 10);
  expect(drift.rows).toEqual([{ ts: 1000, model: 'watch', version: '1.0.0', drift: { score: 0.4, features: { flow: 0.1 } } }]);
  const row = await db.selectFrom('alerts').select('last_change_at').executeTakeFirstOrThrow();
  expect(Number(row.last_change_at)).toBe(1500);
  expect((await store.alertsBetween({ plant: 'p1' }, { from: 0, to: 10_000 }, undefined, 10)).map((a) => a.id)).toEqual(['a#1']);
}

describe('migration 0003 fills its columns from stored bodies', () => {
  it('on SQLite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clearline-mig-'));
    const db = new Kysely<Database>({ dialect: nodeSqliteDialect(join(dir, 'm.sqlite')).dialect });
    try {
      await backfill(db, 'sqlite');
    } finally {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('on PostgreSQL', async () => {
    const fresh = await freshDatabase('clearline_mig');
    pg.types.setTypeParser(20, (v) => Number(v));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: fresh.url, max: 2 }) }) });
    try {
      await backfill(db, 'postgres');
    } finally {
      await db.destroy();
      await fresh.drop();
    }
  });
});
