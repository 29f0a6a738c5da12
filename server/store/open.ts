import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { KyselyStore } from './kysely-store.ts';
import type { Database } from './schema.ts';
import { nodeSqliteDialect } from './sqlite-dialect.ts';

/** Opens and migrates the store: PostgreSQL when a URL is given, else an SQLite file (WAL). */
export async function openStore(opts: { databaseUrl?: string; sqliteFile: string; onError?: (err: Error) => void }): Promise<KyselyStore> {
  let store: KyselyStore;
  if (opts.databaseUrl) {
    pg.types.setTypeParser(20, (v) => Number(v)); // bigint columns hold epoch ms and sequence numbers
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10, connectionTimeoutMillis: 5000 });
    // PostgreSQL ending an idle pooled connection (restart, failover) must not end the relay: the pool
    // drops that client, the next query opens a new one, and /readyz reports the store meanwhile.
    pool.on('error', (err) => opts.onError?.(err));
    store = new KyselyStore(new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), 'postgres');
  } else {
    if (opts.sqliteFile !== ':memory:') mkdirSync(dirname(opts.sqliteFile), { recursive: true });
    const { dialect } = nodeSqliteDialect(opts.sqliteFile);
    store = new KyselyStore(new Kysely<Database>({ dialect }), 'sqlite');
  }
  await store.migrate();
  return store;
}
