import { sql, type Kysely } from 'kysely';
import type { AlertChangeKind } from '../../src/protocol/alert.ts';
import type { Priority } from '../../src/protocol/common.ts';
import type { LabelRecord } from '../../src/protocol/label.ts';
import type { TimeRange } from './history.ts';
import type { Database } from './schema.ts';
import type { Room } from './store.ts';

/** What the alarm-load KPI needs of a stored change (fits engine/kpi.ts `ChangeLike`). */
export interface KpiChange {
  kind: AlertChangeKind;
  at: number;
  alert: { id: string; key: string; plant: string; line: string; priority: Priority; active: boolean; chattering: boolean; annunciatedAt: number | null };
}

/** State changes the KPI reads; count-only `updated` changes are left out except inside the range while chattering. */
const KPI_KINDS: AlertChangeKind[] = ['raised', 'reopened', 'annunciated', 'acknowledged', 'returned', 'cleared', 'suppressed', 'released',
  'shelved', 'unshelved', 'out_of_service', 'returned_to_service'];

/**
 * Changes for the alarm-load figures: every state change from `lookbackMs` before the range (flood that
 * started earlier, alerts already stale) to its end, read from the slim columns, not the bodies.
 */
export async function kpiChanges(db: Kysely<Database>, room: Room, range: TimeRange, lookbackMs: number, limit: number): Promise<KpiChange[]> {
  let q = db.selectFrom('alert_changes')
    .select(['alert_id', 'kind', 'at', 'key', 'plant', 'line', 'priority', 'active', 'chattering', 'annunciated_at'])
    .where('plant', '=', room.plant).where('at', '>=', range.from - lookbackMs).where('at', '<', range.to)
    .where((eb) => eb.or([eb('kind', 'in', KPI_KINDS), eb.and([eb('chattering', '=', 1), eb('at', '>=', range.from)])]));
  if (room.line) q = q.where('line', '=', room.line);
  const rows = await q.orderBy('seq').limit(limit).execute();
  return rows.map((r) => ({
    kind: r.kind as AlertChangeKind, at: Number(r.at),
    alert: {
      id: r.alert_id, key: r.key ?? '', plant: r.plant, line: r.line, priority: (r.priority ?? 'medium') as Priority,
      active: r.active === 1, chattering: r.chattering === 1, annunciatedAt: r.annunciated_at === null ? null : Number(r.annunciated_at),
    },
  }));
}

/** Naive crossings per key in the range. */
export async function crossingsByKey(db: Kysely<Database>, room: Room, range: TimeRange): Promise<{ key: string; plant: string; line: string; count: number }[]> {
  let q = db.selectFrom('crossings').select((eb) => ['key', 'plant', 'line', eb.fn.countAll().as('n')])
    .where('plant', '=', room.plant).where('at', '>=', range.from).where('at', '<', range.to);
  if (room.line) q = q.where('line', '=', room.line);
  const rows = await q.groupBy(['key', 'plant', 'line']).execute();
  return rows.map((r) => ({ key: r.key, plant: r.plant, line: r.line, count: Number(r.n) }));
}

/** Changes that held something back, per reason: engine suppressions by reason, shelves and out-of-service by kind. */
export async function heldBackReasons(db: Kysely<Database>, room: Room, range: TimeRange): Promise<{ reason: string; alerts: number; changes: number }[]> {
  let q = db.selectFrom('alert_changes')
    .select((eb) => [
      eb.fn.coalesce(eb.case().when('kind', '=', 'suppressed').then(eb.ref('reason')).else(eb.ref('kind')).end(), sql<string>`'unknown'`).as('why'),
      eb.fn.countAll().as('n'),
      eb.fn.count('alert_id').distinct().as('alerts'),
    ])
    .where('plant', '=', room.plant).where('at', '>=', range.from).where('at', '<', range.to)
    .where('kind', 'in', ['suppressed', 'shelved', 'out_of_service']);
  if (room.line) q = q.where('line', '=', room.line);
  const rows = await q.groupBy('why').execute();
  return rows.map((r) => ({ reason: String(r.why), changes: Number(r.n), alerts: Number(r.alerts) }));
}

/** Latest answer per alert (highest label version), for trust per key and model version. */
export async function latestLabels(db: Kysely<Database>, room: Room, limit: number): Promise<LabelRecord[]> {
  let q = db.selectFrom('labels').select(['alert_id', 'version', 'body']).where('plant', '=', room.plant);
  if (room.line) q = q.where('line', '=', room.line);
  const rows = await q.orderBy('seq').limit(limit).execute();
  const latest = new Map<string, LabelRecord>();
  for (const r of rows) latest.set(r.alert_id, JSON.parse(r.body) as LabelRecord);
  return [...latest.values()];
}

/** Trust and priority of the newest alert of each key, as the engine last decided them. */
export async function newestAlertsOfKeys(db: Kysely<Database>, keys: string[]) {
  const out = new Map<string, { priority: Priority; demoted: boolean }>();
  for (let i = 0; i < keys.length; i += 200) {
    const rows = await db.selectFrom('alerts').select(['key', 'raised_at', 'body']).where('key', 'in', keys.slice(i, i + 200)).orderBy('raised_at').execute();
    for (const r of rows) {
      const a = JSON.parse(r.body) as { priority: Priority; trust: { demoted: boolean } | null };
      out.set(r.key, { priority: a.priority, demoted: a.trust?.demoted ?? false });
    }
  }
  return out;
}

export interface DriftRow {
  ts: number;
  model: string;
  version: string;
  drift: { score: number; features?: Record<string, number> };
}

/** Results with drift figures in the range; an even sample (by row id) when there are more than `max`. */
export async function driftRows(db: Kysely<Database>, room: Room, range: TimeRange, max: number): Promise<{ rows: DriftRow[]; sampled: boolean }> {
  let base = db.selectFrom('results').where('plant', '=', room.plant).where('ts', '>=', range.from).where('ts', '<', range.to)
    .where('drift', 'is not', null);
  if (room.line) base = base.where('line', '=', room.line);
  const total = Number((await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
  const every = Math.max(1, Math.ceil(total / max));
  let q = base.select(['ts', 'model', 'model_version', 'drift']);
  if (every > 1) q = q.where(sql<boolean>`rowid % ${every} = 0`);
  const rows = await q.orderBy('ts').limit(max * 2).execute();
  return {
    sampled: every > 1,
    rows: rows.map((r) => ({ ts: Number(r.ts), model: r.model ?? '?', version: r.model_version ?? '?', drift: JSON.parse(r.drift!) })),
  };
}

/** Out-of-service and return-to-service commands from the audit trail, oldest first. */
export async function serviceAudit(db: Kysely<Database>, limit: number) {
  const rows = await db.selectFrom('audit').select(['seq', 'at', 'actor', 'action', 'target', 'detail'])
    .where('action', 'in', ['out_of_service', 'return_to_service']).orderBy('seq', 'desc').limit(limit).execute();
  return rows.reverse().map((r) => ({ at: Number(r.at), actor: r.actor, action: r.action, target: r.target, detail: JSON.parse(r.detail) as Record<string, unknown> }));
}
