import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';

/**
 * Kysely's SqliteDialect speaks the better-sqlite3 shape; this adapts Node's built-in `node:sqlite`
 * (no native add-on to build) to it. Statements are cached because Kysely prepares per query.
 */
export function nodeSqliteDialect(file: string): { dialect: SqliteDialect; db: DatabaseSync } {
  const db = new DatabaseSync(file);
  // node:sqlite waits for a lock synchronously, blocking the whole relay: wait briefly, then let the
  // write fail (ingest answers retry_after) rather than freeze health checks, browsers and edges.
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 250; PRAGMA foreign_keys = ON;');
  const cache = new Map<string, StatementSync>();
  const prepare = (sql: string): StatementSync => {
    let stmt = cache.get(sql);
    if (!stmt) {
      if (cache.size > 500) cache.clear();
      stmt = db.prepare(sql);
      cache.set(sql, stmt);
    }
    return stmt;
  };
  type Param = import('node:sqlite').SQLInputValue;
  const adapted: SqliteDatabase = {
    close: () => db.close(),
    prepare(sql: string): SqliteStatement {
      const stmt = prepare(sql);
      const params = (p: ReadonlyArray<unknown>) => p.map(toSqlite) as Param[];
      return {
        reader: stmt.columns().length > 0,
        all: (p) => stmt.all(...params(p)),
        run: (p) => {
          const r = stmt.run(...params(p));
          return { changes: r.changes, lastInsertRowid: r.lastInsertRowid };
        },
        iterate: (p) => stmt.iterate(...params(p)) as IterableIterator<unknown>,
      };
    },
  };
  return { dialect: new SqliteDialect({ database: adapted }), db };
}

function toSqlite(v: unknown): unknown {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === undefined) return null;
  return v;
}
