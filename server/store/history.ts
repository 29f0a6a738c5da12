import type { Kysely } from 'kysely';
import type { Alert, AlertChange, AlertState } from '../../src/protocol/alert.ts';
import type { LabelRecord } from '../../src/protocol/label.ts';
import type { Database } from './schema.ts';
import type { Room } from './store.ts';

export interface TimeRange {
  from: number;
  to: number;
}

/**
 * Alerts whose life overlaps [from, to) in event time: raised before `to` and either not ended or
 * last active (cleared, else last result) at or after `from`. Newest first, at most `limit`.
 */
export async function alertsBetween(db: Kysely<Database>, room: Room, range: TimeRange, state: AlertState | undefined, limit: number): Promise<Alert[]> {
  let q = db.selectFrom('alerts').select('body').where('plant', '=', room.plant).where('raised_at', '<', range.to)
    .where((eb) => eb.or([eb('state', '!=', 'normal'), eb('last_change_at', '>=', range.from), eb('last_change_at', 'is', null)]));
  if (room.line) q = q.where('line', '=', room.line);
  if (state) q = q.where('state', '=', state);
  const rows = await q.orderBy('raised_at', 'desc').limit(limit).execute();
  return rows.map((r) => JSON.parse(r.body) as Alert);
}

/** An alert's changes, oldest first; count-only `updated` changes are counted, not returned. */
export async function changesOfAlert(db: Kysely<Database>, id: string, limit: number): Promise<{ changes: AlertChange[]; updates: number }> {
  const rows = await db.selectFrom('alert_changes').select(['seq', 'body']).where('alert_id', '=', id).where('kind', '!=', 'updated')
    .orderBy('seq').limit(limit).execute();
  const n = await db.selectFrom('alert_changes').select((eb) => eb.fn.countAll().as('n')).where('alert_id', '=', id).where('kind', '=', 'updated').executeTakeFirst();
  return { changes: rows.map((r) => ({ ...JSON.parse(r.body), seq: Number(r.seq) }) as AlertChange), updates: Number(n?.n ?? 0) };
}

export interface ResultRow {
  id: string;
  ts: number;
  score: number;
  threshold: number;
}

/** Results of one model on one asset in [from, to], at most `max` of them spread evenly, and how many there are. */
export async function resultsOfAsset(db: Kysely<Database>, where: { plant: string; line: string; asset: string; model: string }, range: TimeRange, max: number) {
  const base = db.selectFrom('results').where('plant', '=', where.plant).where('line', '=', where.line).where('asset', '=', where.asset)
    .where('ts', '>=', range.from).where('ts', '<=', range.to).where('model', '=', where.model);
  const total = Number((await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
  const rows = await base.select(['id', 'ts', 'score', 'threshold']).orderBy('ts').limit(200_000).execute();
  const pick = rows.length <= max ? rows : Array.from({ length: max }, (_, j) => rows[Math.floor((j * rows.length) / max)]!);
  const out: ResultRow[] = pick.map((r) => ({ id: r.id, ts: Number(r.ts), score: Number(r.score), threshold: Number(r.threshold) }));
  return { results: out, total };
}

export async function labelsOfAlert(db: Kysely<Database>, alertId: string): Promise<LabelRecord[]> {
  const rows = await db.selectFrom('labels').select('body').where('alert_id', '=', alertId).orderBy('version').execute();
  return rows.map((r) => JSON.parse(r.body) as LabelRecord);
}

/** The kinds the suppression log shows: what held an alert back or took it off (and back onto) a console. */
export const SUPPRESSION_KINDS = ['suppressed', 'released', 'shelved', 'unshelved', 'out_of_service', 'returned_to_service'] as const;

/** Suppression-related changes in the range, newest first. */
export async function suppressionChanges(db: Kysely<Database>, room: Room, range: TimeRange, limit: number): Promise<AlertChange[]> {
  let q = db.selectFrom('alert_changes').select(['seq', 'body']).where('plant', '=', room.plant)
    .where('at', '>=', range.from).where('at', '<', range.to).where('kind', 'in', [...SUPPRESSION_KINDS]);
  if (room.line) q = q.where('line', '=', room.line);
  const rows = await q.orderBy('seq', 'desc').limit(limit).execute();
  return rows.map((r) => ({ ...JSON.parse(r.body), seq: Number(r.seq) }) as AlertChange);
}
