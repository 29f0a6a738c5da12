import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { Flavour } from './migrations.ts';

/**
 * 0003: columns the supervisor views query by (so history, KPIs and drift do not parse every stored
 * body), user disabling, and the policy history. Existing rows are filled from their JSON bodies.
 */
export function supervisorMigration(flavour: Flavour): Migration {
  const serial = flavour === 'sqlite' ? 'integer' : 'bigserial';
  const big = flavour === 'sqlite' ? 'integer' : 'bigint';
  const add = async (db: Kysely<unknown>, table: string, column: string, type: 'text' | 'integer' | 'bigint') => {
    // SQLite takes one column per ALTER TABLE.
    await db.schema.alterTable(table).addColumn(column, type === 'bigint' ? big : type).execute();
  };
  return {
    async up(db: Kysely<unknown>) {
      await add(db, 'results', 'model', 'text');
      await add(db, 'results', 'model_version', 'text');
      await add(db, 'results', 'drift', 'text');
      await add(db, 'alert_changes', 'key', 'text');
      await add(db, 'alert_changes', 'priority', 'text');
      await add(db, 'alert_changes', 'active', 'integer');
      await add(db, 'alert_changes', 'chattering', 'integer');
      await add(db, 'alert_changes', 'annunciated_at', 'bigint');
      await add(db, 'alerts', 'last_change_at', 'bigint');
      await add(db, 'users', 'disabled_at', 'bigint');
      if (flavour === 'sqlite') {
        await sql`update results set model = json_extract(body, '$.model.name'), model_version = json_extract(body, '$.model.version'),
          drift = json_extract(body, '$.drift')`.execute(db);
        await sql`update alert_changes set key = json_extract(body, '$.alert.key'), priority = json_extract(body, '$.alert.priority'),
          active = json_extract(body, '$.alert.active'), chattering = json_extract(body, '$.alert.chattering'),
          annunciated_at = json_extract(body, '$.alert.annunciatedAt')`.execute(db);
      } else {
        await sql`update results set model = body::jsonb #>> '{model,name}', model_version = body::jsonb #>> '{model,version}',
          drift = (body::jsonb -> 'drift')::text`.execute(db);
        await sql`update alert_changes set key = body::jsonb #>> '{alert,key}', priority = body::jsonb #>> '{alert,priority}',
          active = (body::jsonb #>> '{alert,active}')::boolean::int, chattering = (body::jsonb #>> '{alert,chattering}')::boolean::int,
          annunciated_at = (body::jsonb #>> '{alert,annunciatedAt}')::numeric::bigint`.execute(db);
      }
      await sql`update alerts set last_change_at = (select c.at from alert_changes c where c.seq = alerts.updated_seq)`.execute(db);
      await db.schema.createIndex('results_plant_ts').on('results').columns(['plant', 'ts']).execute();
      await db.schema.createIndex('alert_changes_plant_at').on('alert_changes').columns(['plant', 'at']).execute();
      await db.schema.createIndex('alert_changes_line_at').on('alert_changes').columns(['plant', 'line', 'at']).execute();
      await db.schema.createIndex('alerts_plant_raised').on('alerts').columns(['plant', 'raised_at']).execute();
      await db.schema.createIndex('crossings_plant_at').on('crossings').columns(['plant', 'at']).execute();
      await db.schema.createIndex('audit_at').on('audit').columns(['at']).execute();
      await db.schema.createIndex('labels_plant_seq').on('labels').columns(['plant', 'seq']).execute();
      await db.schema.createTable('policy_versions')
        .addColumn('seq', serial, (c) => c.primaryKey().$call((b) => (flavour === 'sqlite' ? b.autoIncrement() : b)))
        .addColumn('at', big, (c) => c.notNull())
        .addColumn('by_user', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
