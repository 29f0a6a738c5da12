import { sql, type Kysely } from 'kysely';
import type { AuditEntry } from '../../src/protocol/audit.ts';
import type { Database } from './schema.ts';

export interface AuditFilter {
  from?: number;
  to?: number;
  actor?: string;
  /** Exact action, or a prefix ending in `*` (e.g. `user.*`). */
  action?: string;
  /** Only entries whose target starts with one of these (plant-scoped readers); undefined: all. */
  targetPrefixes?: string[];
}

/**
 * A page of the audit trail. `order: 'desc'` (newest first, for people) pages with seq < cursor;
 * `'asc'` (for a job following the trail) with seq > cursor.
 */
export async function auditPage(db: Kysely<Database>, filter: AuditFilter, cursor: number | undefined, limit: number, order: 'asc' | 'desc') {
  let q = db.selectFrom('audit').selectAll();
  if (cursor !== undefined) q = q.where('seq', order === 'desc' ? '<' : '>', cursor);
  if (filter.from !== undefined) q = q.where('at', '>=', filter.from);
  if (filter.to !== undefined) q = q.where('at', '<', filter.to);
  if (filter.actor) q = q.where('actor', '=', filter.actor);
  if (filter.action) {
    const a = filter.action;
    q = a.endsWith('*') ? q.where(startsWith('action', a.slice(0, -1))) : q.where('action', '=', a);
  }
  const prefixes = filter.targetPrefixes;
  if (prefixes) {
    if (!prefixes.length) return { entries: [], nextCursor: null };
    q = q.where((eb) => eb.or(prefixes.map((p) => startsWith('target', p))));
  }
  const rows = await q.orderBy('seq', order).limit(limit + 1).execute();
  const more = rows.length > limit;
  const entries: AuditEntry[] = rows.slice(0, limit).map((r) => ({
    seq: Number(r.seq), at: Number(r.at), actor: r.actor, action: r.action, target: r.target,
    detail: JSON.parse(r.detail) as Record<string, unknown>, prevHash: r.prev_hash, hash: r.hash,
  }));
  return { entries, nextCursor: more ? entries[entries.length - 1]!.seq : null };
}

/** A prefix test without LIKE (whose escaping differs between SQLite and PostgreSQL). */
function startsWith(column: 'action' | 'target', prefix: string) {
  return sql<boolean>`substr(${sql.ref(column)}, 1, ${prefix.length}) = ${prefix}`;
}
