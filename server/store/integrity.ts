import { existsSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { sql, type Kysely, type LogEvent } from 'kysely';
import type { Database } from './schema.ts';

export const RECOVERY_HINT = 'See README "Recovering from a backup".';

/** Why the relay will not start on this store; `message` is the one clear sentence it prints. */
export class StartRefusal extends Error {
  /** `store_damaged`: unreadable or corrupt; `store_behind`: holds less than it had committed; `audit_anchor`: the anchor cannot be continued. */
  readonly code: 'store_damaged' | 'store_behind' | 'audit_anchor';
  /** What is wrong, without the refusal's prefix. */
  readonly detail: string;
  constructor(code: StartRefusal['code'], detail: string) {
    super(`${code}: Clearline refuses to start: ${detail}`);
    this.code = code;
    this.detail = detail;
  }
}

/** A database error that means the file or pages are damaged (not busy, full or unreachable). */
export function isCorruption(err: unknown): boolean {
  const e = err as { errcode?: number; code?: string; message?: string } | null;
  if (!e) return false;
  // node:sqlite: SQLITE_CORRUPT (11) and SQLITE_NOTADB (26), extended codes included; PostgreSQL: XX001/XX002.
  if (typeof e.errcode === 'number' && [11, 26].includes(e.errcode & 0xff)) return true;
  if (e.code === 'XX001' || e.code === 'XX002') return true;
  return /database disk image is malformed|file is not a database/i.test(e.message ?? '');
}

/**
 * Remembers the first query that found the store damaged at run time, so /readyz stops saying ready
 * (a load balancer then sends no one to a relay whose answers would be "malformed" errors).
 */
export class DamageWatch {
  damage: string | null = null;
  private readonly onDamage?: (why: string) => void;

  constructor(onDamage?: (why: string) => void) {
    this.onDamage = onDamage;
  }

  /** Kysely's `log` hook: sees every failed query. */
  readonly log = (event: LogEvent): void => {
    if (event.level !== 'error' || this.damage !== null || !isCorruption(event.error)) return;
    this.damage = (event.error as Error).message;
    this.onDamage?.(this.damage);
  };
}

/**
 * SQLite's own check of the file (b-tree structure, and with `full` every index against its table),
 * run before the relay uses it. Reads the whole file: roughly a second per few hundred MB.
 */
export function checkSqliteFile(file: string, mode: 'quick' | 'full'): void {
  if (!existsSync(file)) return; // a first start: the store is created empty
  const pragma = mode === 'full' ? 'integrity_check' : 'quick_check';
  let problems: string[];
  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(file);
    db.exec('PRAGMA busy_timeout = 5000');
    const rows = db.prepare(`PRAGMA ${pragma}(5)`).all() as Record<string, unknown>[];
    problems = rows.map((r) => String(Object.values(r)[0])).filter((v) => v !== 'ok');
  } catch (err) {
    if (!isCorruption(err)) throw err;
    problems = [(err as Error).message];
  } finally {
    db?.close();
  }
  if (problems.length) {
    throw new StartRefusal('store_damaged', `the database ${file} is damaged: SQLite's integrity check (${pragma}) says: ${problems.join('; ')}. ` +
      `Restore it from a backup. ${RECOVERY_HINT}`);
  }
}

// Every table of the schema, so a table dropped or unreadable in a restored database is named.
const TABLES = {
  results: true, alerts: true, alert_changes: true, crossings: true, users: true, sessions: true, panels: true, edge_keys: true,
  catalogues: true, commands: true, labels: true, audit: true, engine_snapshots: true, policy_versions: true,
} satisfies Record<keyof Database, true>;

/** Reads one row of every table: a missing or unreadable table (e.g. a wrong or partial restore) refuses the start. */
export async function checkTablesReadable(db: Kysely<Database>, where: string): Promise<void> {
  for (const table of Object.keys(TABLES)) {
    try {
      await sql`select 1 from ${sql.table(table)} limit 1`.execute(db);
    } catch (err) {
      const code = (err as { code?: string }).code;
      // 42P01 undefined table, 42703 undefined column; anything else (a lost connection) is not damage.
      if (!isCorruption(err) && code !== '42P01' && code !== '42703' && !/no such (table|column)/i.test((err as Error).message)) throw err;
      throw new StartRefusal('store_damaged', `the database ${where} is damaged: table ${table} cannot be read (${(err as Error).message}). ${RECOVERY_HINT}`);
    }
  }
}
