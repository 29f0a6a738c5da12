import type { Kysely } from 'kysely';
import { parseAnchorLine, readAnchorLines, signedBy } from './anchor-log.ts';
import type { Database } from './schema.ts';

/** What checking the database against the anchor log found. */
export type AnchorVerdict =
  | { ok: true; lines: number; anchoredSeq: number; anchoredAt: number | null }
  | { ok: false; why: string };

interface Anchored {
  hash: string;
  line: number;
  at: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Checks every anchor line's signature and link, then that each anchored (seq, hash) is still the
 * database's entry: a different hash is a rewrite (named at the first anchored seq that differs: the
 * change is at or before it), a missing one a truncation. Run after the chain itself was verified.
 */
export async function verifyAnchors(db: Kysely<Database>, file: string, key: Buffer): Promise<AnchorVerdict> {
  const anchored = new Map<number, Anchored>();
  let prev = '';
  let lines = 0;
  let lastAt: number | null = null;
  for await (const { n, text } of readAnchorLines(file)) {
    const l = parseAnchorLine(text);
    if (!l) return { ok: false, why: `anchor line ${n} of ${file} is not an anchor entry (the log was edited)` };
    if (!signedBy(key, l)) return { ok: false, why: `anchor line ${n} of ${file}: signature invalid (forged or altered, or signed with another key)` };
    if (l.prev !== prev) return { ok: false, why: `anchor line ${n} of ${file} does not follow line ${n - 1} (a line was removed, inserted or reordered)` };
    if (l.kind === 'restore') for (const seq of anchored.keys()) if (seq > l.seq) anchored.delete(seq); // replaced by the restore
    if (l.seq > 0) anchored.set(l.seq, { hash: l.hash, line: n, at: l.at });
    prev = l.mac;
    lines++;
    lastAt = l.at;
  }
  const seqs = [...anchored.keys()].sort((a, b) => a - b);
  for (let i = 0; i < seqs.length; i += 500) {
    const chunk = seqs.slice(i, i + 500);
    const rows = await db.selectFrom('audit').select(['seq', 'hash']).where('seq', 'in', chunk).execute();
    const stored = new Map(rows.map((r) => [Number(r.seq), r.hash]));
    for (const seq of chunk) {
      const a = anchored.get(seq)!;
      const hash = stored.get(seq);
      if (hash === undefined) {
        const below = await db.selectFrom('audit').select((eb) => eb.fn.max('seq').as('m')).where('seq', '<', seq).executeTakeFirst();
        return { ok: false, why: `truncated: rows after seq ${Number(below?.m ?? 0)} missing (entry ${seq} was anchored at ${iso(a.at)}, anchor line ${a.line})` };
      }
      if (hash !== a.hash) {
        return { ok: false, why: `rewritten at seq ${seq}: the stored entry is not the one anchored at ${iso(a.at)} (anchor line ${a.line}); the change is at or before it` };
      }
    }
  }
  return { ok: true, lines, anchoredSeq: seqs.at(-1) ?? 0, anchoredAt: lastAt };
}
