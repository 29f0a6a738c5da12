import type { Kysely } from 'kysely';
import type { LabelRecord } from '../../src/protocol/label.ts';
import type { Database } from './schema.ts';

export interface LabelFilter {
  plant?: string;
  line?: string;
  model?: string;
  version?: string;
  from?: number;
  to?: number;
}

/** Stores an answer as the next version of its alert's label (never overwriting an earlier one). */
export async function addLabel(db: Kysely<Database>, label: Omit<LabelRecord, 'version'>): Promise<LabelRecord> {
  return db.transaction().execute(async (trx) => {
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
  let q = db.selectFrom('labels').select(['seq', 'body']).where('seq', '>', cursor);
  if (filter.plant) q = q.where('plant', '=', filter.plant);
  if (filter.line) q = q.where('line', '=', filter.line);
  if (filter.model) q = q.where('model', '=', filter.model);
  if (filter.version) q = q.where('model_version', '=', filter.version);
  if (filter.from !== undefined) q = q.where('at', '>=', filter.from);
  if (filter.to !== undefined) q = q.where('at', '<', filter.to);
  const rows = await q.orderBy('seq').limit(limit).execute();
  return { labels: rows.map((r) => JSON.parse(r.body) as LabelRecord), cursor: rows.length ? Number(rows[rows.length - 1]!.seq) : cursor };
}

/** Ids of the results an alert covered (its asset between raise and last result), bounded. */
export async function resultIdsBetween(db: Kysely<Database>, where: { plant: string; line: string; asset: string }, from: number, to: number, limit = 20_000) {
  const rows = await db.selectFrom('results').select('id').where('plant', '=', where.plant).where('line', '=', where.line)
    .where('asset', '=', where.asset).where('ts', '>=', from).where('ts', '<=', to).orderBy('ts').limit(limit).execute();
  return rows.map((r) => r.id);
}
