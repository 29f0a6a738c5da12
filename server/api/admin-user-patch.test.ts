import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditPage, type AuditEntry } from '../../src/protocol/audit.ts';
import { UserView } from '../../src/protocol/admin.ts';
import { setBadge } from '../auth/panels.ts';
import { startRelay, TEST_PASSWORD, type TestRelay } from '../testing/relay.ts';
import { call, get } from './route-testing.ts';

let relay: TestRelay;
let admin: string;

const signIn = (username: string, password: string) => fetch(`${relay.url}/api/v1/session`, {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }),
});
const userAudit = async (): Promise<AuditEntry[]> => AuditPage.parse((await get(relay, admin, '/api/v1/audit?action=user.*&order=asc')).json).entries;

beforeAll(async () => {
  relay = await startRelay();
  await relay.addUser('ada', 'admin');
  await relay.addUser('vic', 'viewer', [{ plant: 'p1', line: 'l1' }]);
  await relay.addUser('olga', 'operator', [{ plant: 'p1', line: 'l1' }]);
  await setBadge(relay.store, 'olga', '4471', '2580');
  admin = await relay.login('ada');
});
afterAll(() => relay.close());

describe('PATCH /api/v1/admin/users/:username is all or nothing', () => {
  it('refuses a change whose badge belongs to someone else and changes nothing at all', async () => {
    const before = (await get(relay, admin, '/api/v1/admin/users')).json as UserView[];
    const auditBefore = await userAudit();
    const vicSession = await relay.login('vic');

    const res = await call(relay, admin, 'PATCH', '/api/v1/admin/users/vic', {
      role: 'admin', scopes: [{ plant: '*' }], password: 'a-brand-new-password-9', badge: '4471', pin: '1234',
    });
    expect(res.status).toBe(409);
    expect(res.json.error).toMatch(/badge 4471 belongs to olga/);

    const after = (await get(relay, admin, '/api/v1/admin/users')).json as UserView[];
    expect(after).toEqual(before);
    expect(after.find((u) => u.username === 'vic')).toMatchObject({ role: 'viewer', scopes: [{ plant: 'p1', line: 'l1' }], badge: null });
    expect((await signIn('vic', 'a-brand-new-password-9')).status).toBe(401);
    expect((await signIn('vic', TEST_PASSWORD)).status).toBe(200);
    expect((await get(relay, vicSession, '/api/v1/session')).json).toMatchObject({ role: 'viewer' }); // sessions not ended
    expect(await userAudit()).toEqual(auditBefore);
  });

  it('applies a valid change of role, scopes, password and badge with exactly one audit entry', async () => {
    const auditBefore = await userAudit();
    const vicSession = await relay.login('vic');
    const res = await call(relay, admin, 'PATCH', '/api/v1/admin/users/vic', {
      role: 'operator', scopes: [{ plant: 'p1' }], password: 'a-brand-new-password-9', badge: '5150', pin: '1234',
    });
    expect(res.status).toBe(200);
    expect(UserView.parse(res.json)).toMatchObject({ username: 'vic', role: 'operator', scopes: [{ plant: 'p1' }], badge: '5150' });
    expect((await signIn('vic', 'a-brand-new-password-9')).status).toBe(200);
    expect((await signIn('vic', TEST_PASSWORD)).status).toBe(401);
    expect((await get(relay, vicSession, '/api/v1/session')).status).toBe(401); // a new password ends the old sessions
    const added = (await userAudit()).slice(auditBefore.length);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      actor: 'ada', action: 'user.update', target: 'vic',
      detail: { role: 'operator', scopes: [{ plant: 'p1' }], badge: '5150', passwordChanged: true, pinChanged: true },
    });
    expect(JSON.stringify(added)).not.toMatch(/a-brand-new-password-9|1234/);
  });

  it('refuses the last admin losing the role before anything is written', async () => {
    const auditBefore = await userAudit();
    const res = await call(relay, admin, 'PATCH', '/api/v1/admin/users/ada', { role: 'viewer', password: 'yet-another-password-3' });
    expect(res.status).toBe(409);
    expect((await signIn('ada', TEST_PASSWORD)).status).toBe(200);
    expect(await userAudit()).toEqual(auditBefore);
  });

  it('writes the change and its audit entry together: when the audit entry cannot be written, the change is not kept', async () => {
    const db = new DatabaseSync(join(relay.dir, 'clearline.sqlite'));
    db.exec("CREATE TRIGGER audit_down BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'audit unavailable'); END;");
    try {
      const res = await call(relay, admin, 'PATCH', '/api/v1/admin/users/olga', { role: 'admin', scopes: [{ plant: '*' }] });
      expect(res.status).toBe(500);
    } finally {
      db.exec('DROP TRIGGER audit_down');
      db.close();
    }
    expect(await relay.store.anyUser('olga')).toMatchObject({ role: 'operator', scopes: [{ plant: 'p1', line: 'l1' }] });
  });

  it('checks the badge again inside the transaction (the store refuses a badge someone else holds)', async () => {
    const auditBefore = await userAudit();
    const olga = (await relay.store.anyUser('olga'))!;
    const outcome = await relay.store.changeUser(
      { ...olga, role: 'admin', badge: { badge: '5150', pinHash: olga.passwordHash }, endSessions: true },
      { at: Date.now(), actor: 'ada', action: 'user.update', target: 'olga', detail: {} },
    );
    expect(outcome).toEqual({ ok: false, badgeHolder: 'vic' });
    expect(await relay.store.anyUser('olga')).toMatchObject({ role: 'operator' });
    expect(await userAudit()).toEqual(auditBefore);
  });
});
