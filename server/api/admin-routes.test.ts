import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EdgeKeyCreated, EdgeKeyView, PanelCreated, PanelView, UserView } from '../../src/protocol/admin.ts';
import { AuditPage } from '../../src/protocol/audit.ts';
import { startRelay, TEST_PASSWORD, type TestRelay } from '../testing/relay.ts';
import { result } from '../testing/results.ts';
import { call, get } from './route-testing.ts';

let relay: TestRelay;
let admin: string;
let engineer: string;

const signIn = (username: string, password: string) => fetch(`${relay.url}/api/v1/session`, {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }),
});

beforeAll(async () => {
  relay = await startRelay();
  await relay.addUser('ada', 'admin');
  await relay.addUser('eng', 'engineer');
  [admin, engineer] = await Promise.all([relay.login('ada'), relay.login('eng')]);
});
afterAll(() => relay.close());

describe('users', () => {
  it('creates a user with a slow-hashed password, who can then sign in; refuses duplicates and bad fields', async () => {
    const body = { username: 'new.op', displayName: 'N. Op', role: 'operator', scopes: [{ plant: 'p1', line: 'l1' }], password: 'a-long-password-1' };
    const res = await call(relay, admin, 'POST', '/api/v1/admin/users', body);
    expect(res.status).toBe(201);
    expect(UserView.parse(res.json)).toMatchObject({ username: 'new.op', role: 'operator', disabled: false });
    expect(JSON.stringify(res.json)).not.toContain('a-long-password-1');
    expect((await relay.store.user('new.op'))!.passwordHash).toMatch(/^scrypt\$/);
    expect((await signIn('new.op', 'a-long-password-1')).status).toBe(200);
    expect((await call(relay, admin, 'POST', '/api/v1/admin/users', body)).status).toBe(409);
    const bad = await call(relay, admin, 'POST', '/api/v1/admin/users', { ...body, username: 'X Y', password: 'short', scopes: [] });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatch(/username/);
    expect(bad.json.error).toMatch(/password: must be at least 12/);
    expect(bad.json.error).toMatch(/scopes/);
    const list = (await get(relay, admin, '/api/v1/admin/users')).json as UserView[];
    expect(list.map((u) => u.username)).toEqual(['ada', 'eng', 'new.op']);
  });

  it('changes role, scopes and password (ending sessions), disables and enables; every change audited', async () => {
    const session = await relay.login('eng');
    const patch = await call(relay, admin, 'PATCH', '/api/v1/admin/users/eng', { role: 'supervisor', scopes: [{ plant: 'p2' }] });
    expect(patch.json).toMatchObject({ role: 'supervisor', scopes: [{ plant: 'p2' }] });
    expect((await get(relay, session, '/api/v1/session')).json).toMatchObject({ role: 'supervisor' });
    expect((await call(relay, admin, 'PATCH', '/api/v1/admin/users/eng', { password: 'another-password-2' })).status).toBe(200);
    expect((await get(relay, session, '/api/v1/session')).status).toBe(401);
    expect((await signIn('eng', TEST_PASSWORD)).status).toBe(401);
    const fresh = (await signIn('eng', 'another-password-2')).headers.get('set-cookie')!.split(';')[0]!;
    expect((await call(relay, admin, 'PATCH', '/api/v1/admin/users/eng', { disabled: true })).json).toMatchObject({ disabled: true });
    expect((await get(relay, fresh, '/api/v1/session')).status).toBe(401);
    expect((await signIn('eng', 'another-password-2')).status).toBe(401);
    expect((await call(relay, admin, 'PATCH', '/api/v1/admin/users/eng', { disabled: false, role: 'engineer', scopes: [{ plant: '*' }] })).json).toMatchObject({ disabled: false, role: 'engineer' });
    expect((await signIn('eng', 'another-password-2')).status).toBe(200);
    engineer = (await signIn('eng', 'another-password-2')).headers.get('set-cookie')!.split(';')[0]!;
    const audit = AuditPage.parse((await get(relay, admin, '/api/v1/audit?action=user.*&order=asc')).json);
    expect(audit.entries.map((e) => [e.action, e.target])).toEqual([['user.create', 'new.op'], ['user.update', 'eng'], ['user.update', 'eng'], ['user.update', 'eng'], ['user.update', 'eng']]);
    expect(audit.entries[2]!.detail).toEqual({ passwordChanged: true });
    expect(JSON.stringify(audit.entries)).not.toContain('another-password-2');
  });

  it('keeps an admin: no disabling yourself, not the last admin', async () => {
    expect((await call(relay, admin, 'PATCH', '/api/v1/admin/users/ada', { disabled: true })).json.error).toMatch(/yourself/);
    expect((await call(relay, admin, 'PATCH', '/api/v1/admin/users/ada', { role: 'viewer' })).status).toBe(409);
    expect((await call(relay, admin, 'PATCH', '/api/v1/admin/users/nobody', { disabled: true })).status).toBe(404);
    expect((await call(relay, admin, 'PATCH', '/api/v1/admin/users/eng', { role: 'overlord' })).json.error).toMatch(/role/);
  });

  it('refuses everyone but admins', async () => {
    expect((await get(relay, engineer, '/api/v1/admin/users')).status).toBe(403);
    expect((await call(relay, engineer, 'POST', '/api/v1/admin/users', {})).status).toBe(403);
    expect((await call(relay, engineer, 'PATCH', '/api/v1/admin/users/eng', { role: 'admin' })).status).toBe(403);
    expect((await get(relay, null, '/api/v1/admin/users')).status).toBe(401);
  });
});

describe('edge keys', () => {
  const edges: Socket[] = [];
  afterAll(() => edges.forEach((s) => s.close()));

  it('shows a new key once, lets it publish in its scope, and revokes it at once (HTTP and open sockets)', async () => {
    const res = await call(relay, admin, 'POST', '/api/v1/admin/edge-keys', { name: 'press gateway', scopes: [{ plant: 'p1', line: 'l1' }] });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const created = EdgeKeyCreated.parse(res.json);
    expect(created.key).toMatch(/^cl_[A-Za-z0-9]+_/);
    const listed = (await get(relay, admin, '/api/v1/admin/edge-keys')).json as EdgeKeyView[];
    expect(listed.find((k) => k.id === created.edgeKey.id)).toMatchObject({ name: 'press gateway', revokedAt: null });
    expect(JSON.stringify(listed)).not.toContain(created.key.split('_').slice(2).join('_'));

    const post = (id: string) => fetch(`${relay.url}/api/v1/inferences`, { method: 'POST', headers: { authorization: `Bearer ${created.key}`, 'content-type': 'application/json' }, body: JSON.stringify([result(1, { id })]) });
    expect((await post('a')).status).toBe(202);
    const edge = connect(`${relay.url}/edge`, { auth: { key: created.key }, transports: ['websocket'], reconnection: false, forceNew: true });
    edges.push(edge);
    await new Promise<void>((ok) => edge.once('connect', () => ok()));
    const dropped = new Promise((ok) => edge.once('disconnect', ok));

    const revoked = await call(relay, admin, 'POST', `/api/v1/admin/edge-keys/${created.edgeKey.id}/revoke`);
    expect(EdgeKeyView.parse(revoked.json).revokedAt).not.toBeNull();
    expect((await post('b')).status).toBe(401);
    await dropped;
    const again = connect(`${relay.url}/edge`, { auth: { key: created.key }, transports: ['websocket'], reconnection: false, forceNew: true });
    edges.push(again);
    expect((await new Promise<Error>((ok) => again.once('connect_error', ok))).message).toMatch(/revoked/);
    const audit = AuditPage.parse((await get(relay, admin, '/api/v1/audit?action=edge_key.*&order=asc')).json);
    expect(audit.entries.map((e) => e.action)).toEqual(['edge_key.create', 'edge_key.revoke']);
    expect(JSON.stringify(audit.entries)).not.toContain(created.key);
  });

  it('refuses bad keys and non-admins', async () => {
    expect((await call(relay, admin, 'POST', '/api/v1/admin/edge-keys', { name: '', scopes: [{ plant: 'bad plant' }] })).json.error).toMatch(/name.*scopes|scopes.*name/s);
    expect((await call(relay, admin, 'POST', '/api/v1/admin/edge-keys/none/revoke')).status).toBe(404);
    expect((await call(relay, engineer, 'POST', '/api/v1/admin/edge-keys', { name: 'x', scopes: [{ plant: 'p1' }] })).status).toBe(403);
    expect((await get(relay, engineer, '/api/v1/admin/edge-keys')).status).toBe(403);
  });
});

describe('panel devices and badges', () => {
  it('creates a panel (token shown once) that signs in, gives an operator a badge and PIN, and revokes the panel at once', async () => {
    const res = await call(relay, admin, 'POST', '/api/v1/admin/panels', { name: 'Line 1 panel', plant: 'p1', line: 'l1' });
    expect(res.status).toBe(201);
    const created = PanelCreated.parse(res.json);
    expect(created.token).toMatch(/^clp_/);
    expect(JSON.stringify((await get(relay, admin, '/api/v1/admin/panels')).json)).not.toContain(created.token.split('_').slice(2).join('_'));
    const panelLogin = await fetch(`${relay.url}/api/v1/panel-session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: created.token }) });
    expect(panelLogin.status).toBe(200);
    const device = panelLogin.headers.get('set-cookie')!.split(';')[0]!;

    await relay.addUser('opal', 'operator', [{ plant: 'p1', line: 'l1' }]);
    const badge = await call(relay, admin, 'PATCH', '/api/v1/admin/users/opal', { badge: '5150', pin: '2468' });
    expect(badge.json).toMatchObject({ badge: '5150' });
    expect((await call(relay, admin, 'PATCH', '/api/v1/admin/users/opal', { badge: '5150' })).json.error).toMatch(/pin: badge and pin go together/);
    expect((await call(relay, admin, 'PATCH', '/api/v1/admin/users/eng', { badge: '5150', pin: '1111' })).status).toBe(409);
    const identify = await call(relay, device, 'POST', '/api/v1/panel-session/operator', { badge: '5150', pin: '2468' });
    expect(identify.status).toBe(200);

    const revoked = await call(relay, admin, 'POST', `/api/v1/admin/panels/${created.panel.id}/revoke`);
    expect(PanelView.parse(revoked.json).revokedAt).not.toBeNull();
    expect((await get(relay, device, '/api/v1/session')).status).toBe(401);
    const again = await fetch(`${relay.url}/api/v1/panel-session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: created.token }) });
    expect(again.status).toBe(401);
    const audit = AuditPage.parse((await get(relay, admin, '/api/v1/audit?action=panel.*&order=asc')).json);
    expect(audit.entries.map((e) => e.action)).toEqual(['panel.create', 'panel.login', 'panel.revoke', 'panel.login.failed']);
    const userAudit = AuditPage.parse((await get(relay, admin, '/api/v1/audit?action=user.update&limit=1')).json);
    expect(JSON.stringify(userAudit.entries)).not.toContain('2468');
    expect((await get(relay, engineer, '/api/v1/admin/panels')).status).toBe(403);
  });
});
