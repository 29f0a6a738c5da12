import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
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

/** Checks the whole chain; names the first entry whose content or link does not match. */
export async function verifyAudit(db: Kysely<Database>): Promise<{ ok: true; entries: number } | { ok: false; seq: number; why: string }> {
  let prev = GENESIS;
  let after = 0;
  let n = 0;
  for (;;) {
    const rows = await db.selectFrom('audit').selectAll().where('seq', '>', after).orderBy('seq').limit(1000).execute();
    if (!rows.length) return { ok: true, entries: n };
    for (const r of rows) {
      const seq = Number(r.seq);
      if (r.prev_hash !== prev) return { ok: false, seq, why: 'its link to the previous entry is broken (an entry was removed or altered)' };
      let detail: Record<string, unknown>;
      try {
        detail = JSON.parse(r.detail);
      } catch {
        return { ok: false, seq, why: 'its detail is not valid JSON' };
      }
      const expected = auditHash(prev, { at: Number(r.at), actor: r.actor, action: r.action, target: r.target, detail });
      if (expected !== r.hash) return { ok: false, seq, why: 'its content does not match its hash (it was altered)' };
      prev = r.hash;
      after = seq;
      n++;
    }
  }
}
