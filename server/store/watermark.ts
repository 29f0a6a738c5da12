import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { sql } from 'kysely';
import type { KyselyStore } from './kysely-store.ts';

/**
 * The store's watermark: the highest sequence numbers it had committed, kept in a small file outside the
 * database so that a database holding less at the next start (its WAL deleted or corrupted, an older file
 * copied in) is noticed instead of served. Sequences that only grow: SQLite's AUTOINCREMENT counters
 * (they survive retention deletes); on PostgreSQL the audit trail and labels, which are never deleted.
 */
export type Marks = Record<string, number>;

export interface Watermark {
  v: 1;
  /** Which database it describes. */
  database: string;
  marks: Marks;
  /** When it was recorded (epoch ms). */
  at: number;
}

const SQLITE_SEQUENCES = ['results', 'alert_changes', 'labels', 'audit'];

/** The watermark file of a store: beside the SQLite file, or one per PostgreSQL database in the data folder. */
export function watermarkFile(dataDir: string, databaseUrl?: string): { file: string; database: string } {
  if (!databaseUrl) return { file: join(dataDir, 'clearline.watermark'), database: join(dataDir, 'clearline.sqlite') };
  const u = new URL(databaseUrl);
  const database = `postgres://${u.hostname}:${u.port || 5432}${u.pathname}`; // no credentials in the file
  return { file: join(dataDir, `clearline-pg-${createHash('sha256').update(database).digest('hex').slice(0, 12)}.watermark`), database };
}

/** The store's marks now (committed state). */
export async function currentMarks(store: KyselyStore): Promise<Marks> {
  const marks: Marks = {};
  if (store.flavour === 'sqlite') {
    for (const name of SQLITE_SEQUENCES) marks[name] = 0;
    const rows = await sql<{ name: string; seq: number }>`select name, seq from sqlite_sequence`.execute(store.db);
    for (const r of rows.rows) if (r.name in marks) marks[r.name] = Number(r.seq);
  } else {
    const audit = await store.db.selectFrom('audit').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirst();
    const labels = await store.db.selectFrom('labels').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirst();
    marks.audit = Number(audit?.m ?? 0);
    marks.labels = Number(labels?.m ?? 0);
  }
  return marks;
}

/** The recorded watermark; null when there is none yet; throws naming the file when it cannot be read. */
export function readWatermark(file: string): Watermark | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const w = JSON.parse(text) as Watermark;
  if (w?.v !== 1 || typeof w.marks !== 'object' || !Object.values(w.marks).every(Number.isSafeInteger)) throw new Error('not a watermark');
  return w;
}

/** The first sequence the database holds less of than the watermark says it had committed, or null. */
export function shortfall(now: Marks, recorded: Marks): { name: string; now: number; recorded: number } | null {
  for (const [name, recordedSeq] of Object.entries(recorded)) {
    if ((now[name] ?? 0) < recordedSeq) return { name, now: now[name] ?? 0, recorded: recordedSeq };
  }
  return null;
}

/** Writes the file atomically: a temporary file made durable, renamed over it, the folder made durable. */
export async function writeWatermark(file: string, w: Watermark): Promise<void> {
  const tmp = join(dirname(file), `.${basename(file)}.tmp`);
  const h = await open(tmp, 'w', 0o600);
  try {
    await h.write(`${JSON.stringify(w)}\n`);
    await h.sync();
  } finally {
    await h.close();
  }
  await rename(tmp, file);
  await fsyncPath(dirname(file));
}

async function fsyncPath(path: string): Promise<void> {
  let h;
  try {
    h = await open(path, 'r');
    await h.sync();
  } catch (err) {
    if (!['ENOENT', 'EISDIR', 'EPERM', 'EINVAL'].includes((err as NodeJS.ErrnoException).code ?? '')) throw err;
  } finally {
    await h?.close();
  }
}

/**
 * Records the watermark about once per interval when it moved, and at a clean stop. SQLite commits in
 * WAL mode with synchronous=NORMAL are not yet on disk when they return: the WAL and the database file
 * are made durable first (fsync works on the file, whoever wrote it), so that a power cut can never
 * leave the watermark ahead of the database and stop a healthy relay from starting.
 * Window: what was committed less than an interval before a crash is not covered.
 */
export class WatermarkKeeper {
  private readonly store: KyselyStore;
  private readonly file: string;
  private readonly database: string;
  private readonly onError: (err: Error) => void;
  private last = '';
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(store: KyselyStore, where: { file: string; database: string }, onError: (err: Error) => void) {
    this.store = store;
    this.file = where.file;
    this.database = where.database;
    this.onError = onError;
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => void this.record(), intervalMs);
    this.timer.unref();
  }

  /** Records the current marks if they moved (one run at a time). */
  record(): Promise<void> {
    this.running = this.running.then(() => this.step()).catch((err: Error) => this.onError(err));
    return this.running;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.record();
  }

  private async step(): Promise<void> {
    const marks = await currentMarks(this.store);
    const key = JSON.stringify(marks);
    if (key === this.last) return;
    if (this.store.flavour === 'sqlite') {
      await fsyncPath(`${this.database}-wal`);
      await fsyncPath(this.database);
    }
    await writeWatermark(this.file, { v: 1, database: this.database, marks, at: Date.now() });
    this.last = key;
  }
}
