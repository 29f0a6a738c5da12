import { sql, type Kysely } from 'kysely';
import type { Flavour } from './migrations.ts';
import type { LabelRecord } from '../../src/protocol/label.ts';
import type { Database } from './schema.ts';

export interface LabelFilter {
  plant?: string;
  line?: string;
  model?: string;
  version?: string;
  from?: number;
  to?: number;
  /** Only labels stored at or before this sequence number (an export page fixed in advance). */
  maxSeq?: number;
}

/** Stores an answer as the next version of its alert's label (never overwriting an earlier one). */
export async function addLabel(db: Kysely<Database>, label: Omit<LabelRecord, 'version'>, flavour: Flavour = 'sqlite'): Promise<LabelRecord> {
  return db.transaction().execute(async (trx) => {
    // Serialise label writers on PostgreSQL so sequence numbers become visible in order: a cursor
    // reader then never skips a label committed late with a lower number (SQLite writes one at a time).
    if (flavour === 'postgres') await sql`select pg_advisory_xact_lock(7342)`.execute(trx);
    const prev = await trx.selectFrom('labels').select((eb) => eb.fn.max('version').as('v')).where('alert_id', '=', label.alertId).executeTakeFirst();
    const record: LabelRecord = { ...label, version: Number(prev?.v ?? 0) + 1 };
    await trx.insertInto('labels').values({
      id: record.id, alert_id: record.alertId, version: record.version, plant: record.plant, line: record.line,
      model: record.model.name, model_version: record.model.version, at: record.at, body: JSON.stringify(record),
    }).execute();
    return record;
  });
}

/** Labels in storage order after `cursor` (a sequence number), so a training job can poll without gaps. */
export async function labelsAfter(db: Kysely<Database>, filter: LabelFilter, cursor: number, limit: number) {
  const rows = await filtered(db, filter, cursor).select(['seq', 'body']).orderBy('seq').limit(limit).execute();
  return { labels: rows.map((r) => JSON.parse(r.body) as LabelRecord), cursor: rows.length ? Number(rows[rows.length - 1]!.seq) : cursor };
}

/** Ids of the results an alert covered (its asset between raise and last result), bounded. */
export async function resultIdsBetween(db: Kysely<Database>, where: { plant: string; line: string; asset: string }, from: number, to: number, limit = 20_000) {
  const rows = await db.selectFrom('results').select('id').where('plant', '=', where.plant).where('line', '=', where.line)
    .where('asset', '=', where.asset).where('ts', '>=', from).where('ts', '<=', to).orderBy('ts').limit(limit).execute();
  return rows.map((r) => r.id);
}

function filtered(db: Kysely<Database>, filter: LabelFilter, cursor: number) {
  let q = db.selectFrom('labels').where('seq', '>', cursor);
  if (filter.plant) q = q.where('plant', '=', filter.plant);
  if (filter.line) q = q.where('line', '=', filter.line);
  if (filter.model) q = q.where('model', '=', filter.model);
  if (filter.version) q = q.where('model_version', '=', filter.version);
  if (filter.from !== undefined) q = q.where('at', '>=', filter.from);
  if (filter.to !== undefined) q = q.where('at', '<', filter.to);
  if (filter.maxSeq !== undefined) q = q.where('seq', '<=', filter.maxSeq);
  return q;
}

/**
 * Where a page of at most `limit` matching labels after `cursor` ends: the sequence number of its last
 * label (or `cursor` when there is none) and how many it holds. Read first, so an export can send its
 * next cursor before streaming the page.
 */
export async function labelsPageEnd(db: Kysely<Database>, filter: LabelFilter, cursor: number, limit: number): Promise<{ end: number; count: number }> {
  const rows = await filtered(db, filter, cursor).select('seq').orderBy('seq').limit(limit).execute();
  return { end: rows.length ? Number(rows[rows.length - 1]!.seq) : cursor, count: rows.length };
}
