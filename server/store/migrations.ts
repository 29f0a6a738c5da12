import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { supervisorMigration } from './migration-0003.ts';
import { panelsMigration } from './migration-0004.ts';

export type Flavour = 'sqlite' | 'postgres';

/** Versioned migrations, in order. Never edit a released one: add the next. */
export function migrations(flavour: Flavour): Record<string, Migration> {
  const serial = flavour === 'sqlite' ? 'integer' : 'bigserial';
  const big = flavour === 'sqlite' ? 'integer' : 'bigint';
  const real = flavour === 'sqlite' ? 'real' : 'double precision';
  return {
    '0001_core': {
      async up(db: Kysely<unknown>) {
        await db.schema.createTable('results')
          .addColumn('rowid', serial, (c) => c.primaryKey().$call((b) => (flavour === 'sqlite' ? b.autoIncrement() : b)))
          .addColumn('edge_key', 'text', (c) => c.notNull())
          .addColumn('id', 'text', (c) => c.notNull())
          .addColumn('plant', 'text', (c) => c.notNull())
          .addColumn('line', 'text', (c) => c.notNull())
          .addColumn('asset', 'text', (c) => c.notNull())
          .addColumn('ts', big, (c) => c.notNull())
          .addColumn('score', real, (c) => c.notNull())
          .addColumn('threshold', real, (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .addUniqueConstraint('results_edge_id', ['edge_key', 'id'])
          .execute();
        await db.schema.createIndex('results_asset_ts').on('results').columns(['plant', 'line', 'asset', 'ts']).execute();
        await db.schema.createTable('alerts')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('key', 'text', (c) => c.notNull())
          .addColumn('plant', 'text', (c) => c.notNull())
          .addColumn('line', 'text', (c) => c.notNull())
          .addColumn('asset', 'text', (c) => c.notNull())
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('active', 'integer', (c) => c.notNull())
          .addColumn('raised_at', big, (c) => c.notNull())
          .addColumn('updated_seq', big, (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('alerts_room').on('alerts').columns(['plant', 'line', 'state']).execute();
        await db.schema.createTable('alert_changes')
          .addColumn('seq', serial, (c) => c.primaryKey().$call((b) => (flavour === 'sqlite' ? b.autoIncrement() : b)))
          .addColumn('alert_id', 'text', (c) => c.notNull())
          .addColumn('plant', 'text', (c) => c.notNull())
          .addColumn('line', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('at', big, (c) => c.notNull())
          .addColumn('by_user', 'text')
          .addColumn('reason', 'text')
          .addColumn('body', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('alert_changes_room').on('alert_changes').columns(['plant', 'line', 'seq']).execute();
        await db.schema.createIndex('alert_changes_alert').on('alert_changes').columns(['alert_id', 'seq']).execute();
        await db.schema.createTable('crossings')
          .addColumn('plant', 'text', (c) => c.notNull())
          .addColumn('line', 'text', (c) => c.notNull())
          .addColumn('key', 'text', (c) => c.notNull())
          .addColumn('at', big, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('crossings_room').on('crossings').columns(['plant', 'line', 'at']).execute();
        await db.schema.createTable('users')
          .addColumn('username', 'text', (c) => c.primaryKey())
          .addColumn('display_name', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('scopes', 'text', (c) => c.notNull())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('created_at', big, (c) => c.notNull())
          .execute();
        await db.schema.createTable('sessions')
          .addColumn('token_hash', 'text', (c) => c.primaryKey())
          .addColumn('username', 'text', (c) => c.notNull())
          .addColumn('created_at', big, (c) => c.notNull())
          .addColumn('expires_at', big, (c) => c.notNull())
          .execute();
        await db.schema.createTable('edge_keys')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('key_hash', 'text', (c) => c.notNull())
          .addColumn('scopes', 'text', (c) => c.notNull())
          .addColumn('created_at', big, (c) => c.notNull())
          .addColumn('revoked_at', big)
          .execute();
        await db.schema.createTable('catalogues')
          .addColumn('plant', 'text', (c) => c.primaryKey())
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('updated_at', big, (c) => c.notNull())
          .execute();
        await db.schema.createTable('commands')
          .addColumn('command_id', 'text', (c) => c.primaryKey())
          .addColumn('username', 'text', (c) => c.notNull())
          .addColumn('at', big, (c) => c.notNull())
          .addColumn('answer', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createTable('engine_snapshots')
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .addColumn('results_rowid', big, (c) => c.notNull())
          .addColumn('at', big, (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .execute();
        await sql`select 1`.execute(db);
      },
    },
    '0002_labels_audit': {
      async up(db: Kysely<unknown>) {
        await db.schema.createTable('labels')
          .addColumn('seq', serial, (c) => c.primaryKey().$call((b) => (flavour === 'sqlite' ? b.autoIncrement() : b)))
          .addColumn('id', 'text', (c) => c.notNull().unique())
          .addColumn('alert_id', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('plant', 'text', (c) => c.notNull())
          .addColumn('line', 'text', (c) => c.notNull())
          .addColumn('model', 'text', (c) => c.notNull())
          .addColumn('model_version', 'text', (c) => c.notNull())
          .addColumn('at', big, (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('labels_alert').on('labels').columns(['alert_id', 'version']).execute();
        await db.schema.createTable('audit')
          .addColumn('seq', serial, (c) => c.primaryKey().$call((b) => (flavour === 'sqlite' ? b.autoIncrement() : b)))
          .addColumn('at', big, (c) => c.notNull())
          .addColumn('actor', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('target', 'text', (c) => c.notNull())
          .addColumn('detail', 'text', (c) => c.notNull())
          .addColumn('prev_hash', 'text', (c) => c.notNull())
          .addColumn('hash', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '0003_history_admin': supervisorMigration(flavour),
    '0004_panels': panelsMigration(flavour),
  };
}
