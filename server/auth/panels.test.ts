import { afterEach, beforeEach, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import type { CommandAck } from '../../src/protocol/commands.ts';
import type { Me } from '../../src/protocol/session.ts';
import type { IngestAck } from '../../src/protocol/inference.ts';
import { startRelay, type TestRelay } from '../testing/relay.ts';
import { result } from '../testing/results.ts';
import { createPanelDevice, OPERATOR_IDLE_MS, setBadge } from './panels.ts';

let relay: TestRelay;
let now = Date.now();
beforeEach(async () => {
  now = Date.now();
  relay = await startRelay({ clock: () => now });
  await relay.addUser('olga', 'operator', [{ plant: 'p1', line: 'l1' }]);
  await relay.addUser('otto', 'operator', [{ plant: 'p1', line: 'l2' }]);
  await setBadge(relay.store, 'olga', '4471', '2580');
  await setBadge(relay.store, 'otto', '5512', '1111');
});
afterEach(async () => relay.close());

const post = (path: string, body: unknown, cookie?: string) => fetch(`${relay.url}${path}`, {
  method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body),
});

async function panelCookie(): Promise<string> {
  const { token } = await createPanelDevice(relay.store, 'Line 1 panel', 'p1', 'l1', now);
  const res = await post('/api/v1/panel-session', { token });
  expect(res.status).toBe(200);
  const me = (await res.json()) as Me;
  expect(me).toMatchObject({ role: 'viewer', scopes: [{ plant: 'p1', line: 'l1' }], panel: { plant: 'p1', line: 'l1', operatorUntil: null } });
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

async function openAlertId(): Promise<string> {
  const edge = connect(`${relay.url}/edge`, { auth: { key: await relay.edgeKey() }, transports: ['websocket'], forceNew: true });
  const ack = (await edge.emitWithAck('inference', [1, 2, 3, 4].map((n) => result(n, { ts: now - 10_000 + n * 1000 })))) as IngestAck;
  edge.close();
  expect(ack.accepted).toHaveLength(4);
  await relay.app.host.drain();
  return (await relay.store.openAlerts({ plant: 'p1', line: 'l1' }))[0]!.id;
}

it('a panel is a viewer of its line until an operator identifies with badge + PIN, and falls back when idle', async () => {
  const cookie = await panelCookie();
  const alertId = await openAlertId();
  const socket = relay.browser(cookie);
  const ackCmd = () => socket.emitWithAck('command', { type: 'acknowledge', commandId: crypto.randomUUID(), alertId }) as Promise<CommandAck>;
  expect(await ackCmd()).toMatchObject({ status: 'refused', reason: expect.stringMatching(/viewer/) });
  expect((await socket.emitWithAck('subscribe', { plant: 'p1', line: 'l2' })).status).toBe('refused');

  const bad = await post('/api/v1/panel-session/operator', { badge: '4471', pin: '0000' }, cookie);
  expect(bad.status).toBe(401);
  expect(((await bad.json()) as { error: string }).error).toMatch(/badge or PIN/);
  const otto = await post('/api/v1/panel-session/operator', { badge: '5512', pin: '1111' }, cookie);
  expect(otto.status).toBe(403); // a real operator, but not of this line

  const ok = await post('/api/v1/panel-session/operator', { badge: '4471', pin: '2580' }, cookie);
  expect(ok.status).toBe(200);
  expect(await ok.json()).toMatchObject({ username: 'olga', role: 'operator', scopes: [{ plant: 'p1', line: 'l1' }], panel: { operatorUntil: now + OPERATOR_IDLE_MS } });
  expect(await ackCmd()).toMatchObject({ status: 'done' });

  now += OPERATOR_IDLE_MS + 1;
  const idle = await fetch(`${relay.url}/api/v1/session`, { headers: { cookie } });
  expect(await idle.json()).toMatchObject({ role: 'viewer', panel: { operatorUntil: null } });
  expect((await ackCmd()).status).toBe('refused');
});

it('locks the keypad after repeated wrong PINs and refuses unknown panel tokens', async () => {
  const cookie = await panelCookie();
  for (let i = 0; i < 5; i++) expect((await post('/api/v1/panel-session/operator', { badge: '4471', pin: '9999' }, cookie)).status).toBe(401);
  expect((await post('/api/v1/panel-session/operator', { badge: '4471', pin: '2580' }, cookie)).status).toBe(429);
  expect((await post('/api/v1/panel-session', { token: 'clp_nothere_abcdefghijkl' })).status).toBe(401);
  expect((await post('/api/v1/panel-session/operator', { badge: '44', pin: '2580' }, cookie)).status).toBe(400);
  expect((await post('/api/v1/panel-session/operator', { badge: '4471', pin: '2580' })).status).toBe(401);
});

it('caps a panel session at operator of its line: an admin identifying there gets no admin, supervisor or engineer rights', async () => {
  await relay.addUser('ada', 'admin'); // scope: every plant
  await setBadge(relay.store, 'ada', '9001', '4242');
  const cookie = await panelCookie();
  const alertId = await openAlertId();
  const edge = connect(`${relay.url}/edge`, { auth: { key: await relay.edgeKey() }, transports: ['websocket'], forceNew: true });
  await edge.emitWithAck('inference', [1, 2, 3, 4].map((n) => result(100 + n, { line: 'l2', ts: now - 10_000 + n * 1000 })));
  edge.close();
  await relay.app.host.drain();
  const otherLine = (await relay.store.openAlerts({ plant: 'p1', line: 'l2' }))[0]!.id;

  const ok = await post('/api/v1/panel-session/operator', { badge: '9001', pin: '4242' }, cookie);
  expect(ok.status).toBe(200);
  expect(await ok.json()).toMatchObject({ username: 'ada', role: 'operator', scopes: [{ plant: 'p1', line: 'l1' }] });
  expect(await (await fetch(`${relay.url}/api/v1/session`, { headers: { cookie } })).json()).toMatchObject({ role: 'operator', scopes: [{ plant: 'p1', line: 'l1' }] });

  const user = { username: 'mallory', displayName: 'M', role: 'admin', scopes: [{ plant: '*' }], password: 'a-long-password-1' };
  expect((await post('/api/v1/admin/users', user, cookie)).status).toBe(403);
  expect(await relay.store.anyUser('mallory')).toBeNull();
  expect((await fetch(`${relay.url}/api/v1/admin/users`, { headers: { cookie } })).status).toBe(403);
  expect((await fetch(`${relay.url}/api/v1/audit`, { headers: { cookie } })).status).toBe(403);
  expect((await fetch(`${relay.url}/api/v1/policy`, { headers: { cookie } })).status).toBe(403);
  const policy = await fetch(`${relay.url}/api/v1/policy`, { method: 'PUT', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ defaults: {} }) });
  expect(policy.status).toBe(403);
  expect((await fetch(`${relay.url}/api/v1/labels?plant=p1&line=l1`, { headers: { cookie } })).status).toBe(403);

  // Acknowledges on its own line (socket and REST), nothing on another line, and no supervisor commands.
  const socket = relay.browser(cookie);
  expect(await socket.emitWithAck('command', { type: 'acknowledge', commandId: crypto.randomUUID(), alertId })).toMatchObject({ status: 'done' });
  expect(await socket.emitWithAck('command', { type: 'acknowledge', commandId: crypto.randomUUID(), alertId: otherLine })).toMatchObject({ status: 'refused' });
  expect((await socket.emitWithAck('subscribe', { plant: 'p1', line: 'l2' })).status).toBe('refused');
  const rest = await post('/api/v1/commands', { type: 'acknowledge', commandId: crypto.randomUUID(), alertId: otherLine }, cookie);
  expect(rest.status).toBeGreaterThanOrEqual(400);
  const until = now + 3_600_000;
  expect(await socket.emitWithAck('command', { type: 'out_of_service', commandId: crypto.randomUUID(), plant: 'p1', line: 'l1', asset: 'pump-1', reason: 'x', until }))
    .toMatchObject({ status: 'refused', reason: expect.stringMatching(/operator may not/) });
  expect((await relay.store.openAlerts({ plant: 'p1', line: 'l2' }))[0]!.state).toBe('unacknowledged');
});
