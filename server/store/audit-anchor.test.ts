// The audit trail is anchored outside the database: a real relay (`node server/main.ts`) writes audit
// entries (sign-ins), stops, and then its data folder is tampered with the way someone with write access
// to the database (but not to the anchor key) would: the tail deleted, the whole chain rewritten with
// recomputed hashes, an anchor line forged. `npm run audit:verify` (server/audit-verify.ts, its own
// process) must name each, and say intact when nothing was touched.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startRelayProcess } from '../testing/relay-process.ts';
import { auditHash, GENESIS } from './audit.ts';

let original = '';
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

beforeAll(async () => {
  const relay = await startRelayProcess();
  for (let i = 0; i < 6; i++) await relay.login();
  await relay.stop({ keepData: true }); // a clean stop anchors the head it reached
  original = relay.dir;
  dirs.push(original);
}, 90_000);

/** A copy of the relay's data folder to tamper with. */
function copy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'clearline-audit-'));
  dirs.push(dir);
  cpSync(original, dir, { recursive: true });
  return dir;
}

function verify(dir: string): { code: number | null; out: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL; // the SQLite file of `dir`
  const r = spawnSync(process.execPath, [join(ROOT, 'server', 'audit-verify.ts')], { cwd: ROOT, env, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

function withDb<T>(dir: string, fn: (db: DatabaseSync) => T): T {
  const db = new DatabaseSync(join(dir, 'clearline.sqlite'));
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

interface Row { seq: number; at: number; actor: string; action: string; target: string; detail: string }

/** Changes the first entry's actor and recomputes the whole chain after it, as an attacker with the source would. */
function rewriteChain(dir: string): number {
  return withDb(dir, (db) => {
    const rows = db.prepare('select seq, at, actor, action, target, detail from audit order by seq').all() as unknown as Row[];
    let prev = GENESIS;
    db.exec('BEGIN');
    rows.forEach((r, i) => {
      const actor = i === 0 ? 'mallory' : r.actor;
      const hash = auditHash(prev, { at: r.at, actor, action: r.action, target: r.target, detail: JSON.parse(r.detail) });
      db.prepare('update audit set actor = ?, prev_hash = ?, hash = ? where seq = ?').run(actor, prev, hash, r.seq);
      prev = hash;
    });
    db.exec('COMMIT');
    return rows[0]!.seq;
  });
}

describe('audit:verify against the anchor outside the database', () => {
  it('says intact when nothing was touched', () => {
    const r = verify(copy());
    expect(r.out).toMatch(/intact/);
    expect(r.code, r.out).toBe(0);
  });

  it('names a deleted tail: truncated', () => {
    const dir = copy();
    const max = withDb(dir, (db) => Number((db.prepare('select max(seq) as m from audit').get() as { m: number }).m));
    expect(max, 'the relay wrote audit entries').toBeGreaterThanOrEqual(6);
    withDb(dir, (db) => db.prepare('delete from audit where seq > ?').run(max - 3));
    const r = verify(dir);
    expect(r.code, r.out).not.toBe(0);
    expect(r.out).toContain(`truncated: rows after seq ${max - 3} missing`);
  });

  it('names a chain rewritten with recomputed hashes: rewritten', () => {
    const dir = copy();
    const first = rewriteChain(dir);
    // The anchor holds heads, not every entry: the rewrite is named at the first anchored seq it reaches.
    const anchored = readFileSync(join(dir, 'audit-anchor.log'), 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { seq: number }).seq);
    const named = Math.min(...anchored.filter((seq) => seq >= first));
    const r = verify(dir);
    expect(r.code, r.out).not.toBe(0);
    expect(r.out).toMatch(new RegExp(`rewritten at seq ${named}\\b`));
  });

  it('names a forged anchor line: signature invalid', () => {
    const dir = copy();
    rewriteChain(dir);
    const log = join(dir, 'audit-anchor.log');
    const newHeads = withDb(dir, (db) => new Map((db.prepare('select seq, hash from audit').all() as { seq: number; hash: string }[]).map((r) => [Number(r.seq), r.hash])));
    // The forger rewrites the anchored hashes to match the rewritten chain, but cannot sign them.
    const forged = readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => {
      const e = JSON.parse(l) as { seq: number; hash: string };
      return JSON.stringify({ ...e, hash: newHeads.get(e.seq) ?? e.hash });
    });
    writeFileSync(log, `${forged.join('\n')}\n`);
    const r = verify(dir);
    expect(r.code, r.out).not.toBe(0);
    expect(r.out).toMatch(/signature invalid/);
  });
});
