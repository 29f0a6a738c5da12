import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { Flavour } from './migrations.ts';

/** 0004: panel devices bound to a line, operator badge + PIN, and panel sessions with an identified operator. */
export function panelsMigration(flavour: Flavour): Migration {
  const big = flavour === 'sqlite' ? 'integer' : 'bigint';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.createTable('panels')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('plant', 'text', (c) => c.notNull())
        .addColumn('line', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', big, (c) => c.notNull())
        .addColumn('revoked_at', big)
        .execute();
      await db.schema.alterTable('users').addColumn('badge', 'text').execute();
      await db.schema.alterTable('users').addColumn('pin_hash', 'text').execute();
      await db.schema.createIndex('users_badge').on('users').column('badge').unique().execute();
      await db.schema.alterTable('sessions').addColumn('panel_id', 'text').execute();
      await db.schema.alterTable('sessions').addColumn('operator', 'text').execute();
      await db.schema.alterTable('sessions').addColumn('operator_until', big).execute();
    },
  };
}
