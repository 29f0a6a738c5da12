import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { DamageWatch } from './integrity.ts';
import { KyselyStore } from './kysely-store.ts';
import type { Flavour } from './migrations.ts';
import type { Database } from './schema.ts';
import { nodeSqliteDialect } from './sqlite-dialect.ts';

/** The store as the relay runs it: no longer ready once any query found the database damaged. */
class WatchedStore extends KyselyStore {
  private readonly watch: DamageWatch;

  constructor(db: Kysely<Database>, flavour: Flavour, watch: DamageWatch) {
    super(db, flavour);
    this.watch = watch;
  }

  override async ping(): Promise<boolean> {
    return this.watch.damage === null && (await super.ping());
  }
}

/**
 * Opens and migrates the store: PostgreSQL when a URL is given, else an SQLite file (WAL).
 * `onDamage` hears (once) of the first query that found the database malformed.
 */
export async function openStore(opts: { databaseUrl?: string; sqliteFile: string; onError?: (err: Error) => void; onDamage?: (why: string) => void }): Promise<KyselyStore> {
  const watch = new DamageWatch(opts.onDamage);
  let store: KyselyStore;
  if (opts.databaseUrl) {
    pg.types.setTypeParser(20, (v) => Number(v)); // bigint columns hold epoch ms and sequence numbers
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10, connectionTimeoutMillis: 5000 });
    // PostgreSQL ending an idle pooled connection (restart, failover) must not end the relay: the pool
    // drops that client, the next query opens a new one, and /readyz reports the store meanwhile.
    pool.on('error', (err) => opts.onError?.(err));
    store = new WatchedStore(new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: watch.log }), 'postgres', watch);
  } else {
    if (opts.sqliteFile !== ':memory:') mkdirSync(dirname(opts.sqliteFile), { recursive: true });
    const { dialect } = nodeSqliteDialect(opts.sqliteFile);
    store = new WatchedStore(new Kysely<Database>({ dialect, log: watch.log }), 'sqlite', watch);
  }
  await store.migrate();
  return store;
}
