import { createHash } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Flavour } from './migrations.ts';
import type { Database } from './schema.ts';

/** One audit entry as appended; the store adds the chain hashes. */
export interface AuditInput {
  at: number;
  actor: string;
  action: string;
  target: string;
  detail: Record<string, unknown>;
}

export interface AuditEntry extends AuditInput {
  seq: number;
  prevHash: string;
  hash: string;
}

export const GENESIS = '0'.repeat(64);

/** The chain link: any edit to a stored field, or a removed row, changes some later hash. */
export function auditHash(prevHash: string, e: AuditInput): string {
  return createHash('sha256').update(JSON.stringify([prevHash, e.at, e.actor, e.action, e.target, e.detail])).digest('hex');
}

/** Appends entries to the hash chain inside one transaction (serialised across relays on PostgreSQL). */
export async function appendAudit(db: Kysely<Database>, flavour: Flavour, entries: AuditInput[]): Promise<void> {
  if (!entries.length) return;
  await db.transaction().execute(async (trx) => {
    if (flavour === 'postgres') await sql`select pg_advisory_xact_lock(7341)`.execute(trx);
    const last = await trx.selectFrom('audit').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
    let prev = last?.hash ?? GENESIS;
    for (const e of entries) {
      const hash = auditHash(prev, e);
      await trx.insertInto('audit').values({ at: e.at, actor: e.actor, action: e.action, target: e.target, detail: JSON.stringify(e.detail), prev_hash: prev, hash }).execute();
      prev = hash;
    }
  });
}

/** A stored audit row as read back. */
export type AuditRow = Selectable<Database['audit']>;

/** The newest (seq, hash) of the chain, or null while it is empty. */
export interface AuditHead {
  seq: number;
  hash: string;
}

/** Why a stored row does not follow the entry whose hash is `prev` (its link, or its content), or null when it does. */
export function rowProblem(prev: string, r: AuditRow): string | null {
  if (r.prev_hash !== prev) return 'its link to the previous entry is broken (an entry was removed or altered)';
  let detail: Record<string, unknown>;
  try {
    detail = JSON.parse(r.detail);
  } catch {
    return 'its detail is not valid JSON';
  }
  const expected = auditHash(prev, { at: Number(r.at), actor: r.actor, action: r.action, target: r.target, detail });
  return expected === r.hash ? null : 'its content does not match its hash (it was altered)';
}

/** Up to `limit` rows after `seq`, oldest first. */
export function auditRowsAfter(db: Kysely<Database>, seq: number, limit: number): Promise<AuditRow[]> {
  return db.selectFrom('audit').selectAll().where('seq', '>', seq).orderBy('seq').limit(limit).execute();
}

/** The chain's newest entry, or null while the trail is empty. */
export async function auditHead(db: Kysely<Database>): Promise<AuditHead | null> {
  const r = await db.selectFrom('audit').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return r ? { seq: Number(r.seq), hash: r.hash } : null;
}

/** Checks the whole chain; names the first entry whose content or link does not match. */
export async function verifyAudit(db: Kysely<Database>): Promise<{ ok: true; entries: number } | { ok: false; seq: number; why: string }> {
  let prev = GENESIS;
  let after = 0;
  let n = 0;
  for (;;) {
    const rows = await auditRowsAfter(db, after, 1000);
    if (!rows.length) return { ok: true, entries: n };
    for (const r of rows) {
      const seq = Number(r.seq);
      const why = rowProblem(prev, r);
      if (why) return { ok: false, seq, why };
      prev = r.hash;
      after = seq;
      n++;
    }
  }
}
