import { sql, type Kysely } from 'kysely';
import type { Flavour } from './migrations.ts';
import type { Database } from './schema.ts';
import type { UserRecord } from './store.ts';

/**
 * Creates `u` only while there is no user at all (first-run set-up), atomically: true when created.
 * One statement inserts only "where no user exists", which SQLite runs under its write lock; on
 * PostgreSQL two relays' statements could each see an empty table, so they take a lock in turn.
 */
export async function createFirstUser(db: Kysely<Database>, flavour: Flavour, u: UserRecord, at: number): Promise<boolean> {
  const insert = async (q: Kysely<Database>) => {
    const r = await sql`insert into users (username, display_name, role, scopes, password_hash, created_at)
      select ${u.username}, ${u.displayName}, ${u.role}, ${JSON.stringify(u.scopes)}, ${u.passwordHash}, cast(${at} as bigint)
      where not exists (select 1 from users)`.execute(q);
    return Number(r.numAffectedRows ?? 0) === 1;
  };
  // SQLite: no BEGIN around it, which would hold a read snapshot another connection's write invalidates.
  if (flavour !== 'postgres') return insert(db);
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(7342)`.execute(trx);
    return insert(trx);
  });
}
