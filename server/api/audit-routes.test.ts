import { execFile } from 'node:child_process';
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditPage } from '../../src/protocol/audit.ts';
import { startRelay, type TestRelay } from '../testing/relay.ts';
import { call, get } from './route-testing.ts';

let relay: TestRelay;
let sup: string;
let operator: string;
let scoped: string;

beforeAll(async () => {
  relay = await startRelay();
  await relay.addUser('sue', 'supervisor');
  await relay.addUser('olga', 'operator');
  await relay.addUser('pat', 'supervisor', [{ plant: 'p1' }]);
  [sup, operator, scoped] = await Promise.all([relay.login('sue'), relay.login('olga'), relay.login('pat')]);
  await relay.store.audit([
    { at: 1000, actor: 'sue', action: 'out_of_service', target: 'p1/l1/a', detail: { reason: 'x' } },
    { at: 2000, actor: 'sue', action: 'out_of_service', target: 'p2/l1/b', detail: { reason: 'y' } },
    { at: 3000, actor: 'admin', action: 'user.create', target: 'bob', detail: { role: 'viewer' } },
  ]);
});
afterAll(() => relay.close());

describe('GET /api/v1/audit', () => {
  it('pages the trail newest first with a cursor, and filters by time, actor and action', async () => {
    const first = AuditPage.parse((await get(relay, sup, '/api/v1/audit?limit=2')).json);
    expect(first.entries).toHaveLength(2);
    expect(first.entries[0]!.seq).toBeGreaterThan(first.entries[1]!.seq);
    expect(first.nextCursor).toBe(first.entries[1]!.seq);
    const second = AuditPage.parse((await get(relay, sup, `/api/v1/audit?limit=2&cursor=${first.nextCursor}`)).json);
    expect(second.entries[0]!.seq).toBeLessThan(first.nextCursor!);
    const logins = AuditPage.parse((await get(relay, sup, '/api/v1/audit?action=login&order=asc')).json);
    expect(logins.entries.map((e) => e.actor).sort()).toEqual(['olga', 'pat', 'sue']);
    const early = AuditPage.parse((await get(relay, sup, '/api/v1/audit?from=0&to=2500&order=asc')).json);
    expect(early.entries.map((e) => e.target)).toEqual(['p1/l1/a', 'p2/l1/b']);
    expect(AuditPage.parse((await get(relay, sup, '/api/v1/audit?actor=admin&action=user.*')).json).entries.map((e) => e.target)).toEqual(['bob']);
    expect(early.entries[1]!.prevHash).toBe(early.entries[0]!.hash);
  });

  it('shows people scoped to some plants only the entries about them', async () => {
    const page = AuditPage.parse((await get(relay, scoped, '/api/v1/audit?order=asc')).json);
    expect(page.entries.map((e) => e.target)).toEqual(['p1/l1/a']);
  });

  it('refuses operators, strangers and bad filters', async () => {
    expect((await get(relay, operator, '/api/v1/audit')).status).toBe(403);
    expect((await get(relay, null, '/api/v1/audit')).status).toBe(401);
    expect((await get(relay, sup, '/api/v1/audit?action=DROP%20TABLE')).json.error).toMatch(/action/);
    expect((await get(relay, sup, '/api/v1/audit?limit=5000')).json.error).toMatch(/limit/);
    expect((await get(relay, sup, '/api/v1/audit?order=sideways')).json.error).toMatch(/order/);
  });

  it('records commands refused for want of rights', async () => {
    await relay.addUser('vic', 'viewer');
    const refused = await call(relay, await relay.login('vic'), 'POST', '/api/v1/commands', { type: 'out_of_service', commandId: crypto.randomUUID(), plant: 'p1', line: 'l1', asset: 'a', reason: 'x', until: Date.now() + 60_000 });
    expect(refused.status).toBe(403);
    const page = AuditPage.parse((await get(relay, sup, '/api/v1/audit?limit=1')).json);
    expect(page.entries[0]).toMatchObject({ actor: 'vic', action: 'out_of_service.refused', target: 'p1/l1/a' });
  });
});

const run = promisify(execFile);

describe('npm run audit:verify', () => {
  it('passes on an intact trail and names the entry altered in the database file', async () => {
    const dir = relay.dir;
    const env = { ...process.env, DATA_DIR: dir, DATABASE_URL: '' };
    delete (env as Record<string, string | undefined>).DATABASE_URL;
    const ok = await run('npm', ['run', '--silent', 'audit:verify'], { env, cwd: process.cwd() });
    expect(ok.stdout).toMatch(/audit trail intact: \d+ entries verified/);
    const early = AuditPage.parse((await get(relay, sup, '/api/v1/audit?from=0&to=2500&order=asc')).json);
    const victim = early.entries[1]!.seq;
    // Someone with file access rewrites who did it.
    const db = new DatabaseSync(join(dir, 'clearline.sqlite'));
    db.prepare('update audit set actor = ? where seq = ?').run('mallory', victim);
    db.close();
    const failed = await run('npm', ['run', '--silent', 'audit:verify'], { env, cwd: process.cwd() }).then(() => null, (err: { code: number; stderr: string }) => err);
    expect(failed).not.toBeNull();
    expect(failed!.code).toBe(1);
    expect(failed!.stderr).toContain(`audit trail BROKEN at entry ${victim}`);
    expect(failed!.stderr).toMatch(/altered/);
  });
});
