import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import type { Role } from '../../src/protocol/common.ts';
import type { CommandAck } from '../../src/protocol/commands.ts';
import type { SubscribeAck } from '../../src/protocol/events.ts';
import type { TrendFollowAck } from '../../src/protocol/trend.ts';
import type { IngestAck } from '../../src/protocol/inference.ts';
import { createPanelDevice, setBadge } from '../auth/panels.ts';
import { startRelay, type TestRelay } from '../testing/relay.ts';
import { result } from '../testing/results.ts';

/** Who may call what (docs/design.md "Auth and security model"): the least role, or a special kind of caller. */
type Policy = 'public' | Role | 'edge' | 'panel' | 'engineer-all-plants';
const PRINCIPALS = ['anonymous', 'viewer', 'operator', 'supervisor', 'engineer', 'admin', 'panel', 'edge-other-line'] as const;
type Principal = (typeof PRINCIPALS)[number];
const RANK: Record<Role, number> = { viewer: 0, operator: 1, supervisor: 2, engineer: 3, admin: 4 };

interface Case { method: string; url: string; path: string; body?: unknown; policy: Policy }
const q = 'plant=p1&line=l1';
let alertId = 'p1/l1/pump-1/watch/anomaly#1';
const CASES: Case[] = [
  { method: 'GET', url: '/healthz', path: '/healthz', policy: 'public' },
  { method: 'GET', url: '/readyz', path: '/readyz', policy: 'public' },
  { method: 'GET', url: '/metrics', path: '/metrics', policy: 'public' },
  { method: 'GET', url: '/api/docs', path: '/api/docs', policy: 'public' },
  { method: 'GET', url: '/api/docs/openapi.json', path: '/api/docs/openapi.json', policy: 'public' },
  { method: 'POST', url: '/api/v1/session', path: '/api/v1/session', body: { username: 'nobody', password: 'x' }, policy: 'public' },
  { method: 'GET', url: '/api/v1/session', path: '/api/v1/session', policy: 'viewer' },
  // Signing out is open to anyone; sent without credentials here so it does not end the matrix's sessions.
  { method: 'DELETE', url: '/api/v1/session', path: '/api/v1/session', policy: 'public' },
  { method: 'POST', url: '/api/v1/panel-session', path: '/api/v1/panel-session', body: { token: 'clp_nothere_abcdefghij' }, policy: 'public' },
  // The panel identifies the (line-wide) operator, then the next case signs them out again.
  { method: 'POST', url: '/api/v1/panel-session/operator', path: '/api/v1/panel-session/operator', body: { badge: '4471', pin: '2580' }, policy: 'panel' },
  { method: 'DELETE', url: '/api/v1/panel-session/operator', path: '/api/v1/panel-session/operator', policy: 'panel' },
  { method: 'POST', url: '/api/v1/inferences', path: '/api/v1/inferences', body: [], policy: 'edge' },
  { method: 'GET', url: '/api/v1/catalogue/:plant', path: '/api/v1/catalogue/p1', policy: 'viewer' },
  { method: 'PUT', url: '/api/v1/catalogue/:plant', path: '/api/v1/catalogue/p1', body: {}, policy: 'engineer' },
  { method: 'GET', url: '/api/v1/catalogues', path: '/api/v1/catalogues', policy: 'viewer' },
  { method: 'GET', url: '/api/v1/plants', path: '/api/v1/plants', policy: 'viewer' },
  { method: 'GET', url: '/api/v1/trend', path: `/api/v1/trend?${q}&asset=pump-1&from=1&to=2`, policy: 'viewer' },
  { method: 'GET', url: '/api/v1/alerts', path: `/api/v1/alerts?${q}`, policy: 'viewer' },
  { method: 'GET', url: '/api/v1/alerts/:id', path: '/api/v1/alerts/ALERT', policy: 'viewer' },
  { method: 'POST', url: '/api/v1/commands', path: '/api/v1/commands', body: { type: 'feedback', commandId: 'UUID', alertId: 'ALERT', answer: 'not_sure' }, policy: 'operator' },
  { method: 'GET', url: '/api/v1/kpi/alarm-load', path: `/api/v1/kpi/alarm-load?${q}`, policy: 'supervisor' },
  { method: 'GET', url: '/api/v1/kpi/trust', path: `/api/v1/kpi/trust?${q}`, policy: 'supervisor' },
  { method: 'GET', url: '/api/v1/kpi/drift', path: `/api/v1/kpi/drift?${q}`, policy: 'supervisor' },
  { method: 'GET', url: '/api/v1/suppression-log', path: `/api/v1/suppression-log?${q}`, policy: 'supervisor' },
  { method: 'GET', url: '/api/v1/labels', path: `/api/v1/labels?${q}`, policy: 'supervisor' },
  { method: 'GET', url: '/api/v1/audit', path: '/api/v1/audit', policy: 'supervisor' },
  { method: 'GET', url: '/api/v1/policy', path: '/api/v1/policy', policy: 'engineer' },
  // The plant-wide defaults reach every plant: only an engineer scoped to all plants may change them.
  { method: 'PUT', url: '/api/v1/policy', path: '/api/v1/policy', body: {}, policy: 'engineer-all-plants' },
  { method: 'PUT', url: '/api/v1/policy/plants/:plant', path: '/api/v1/policy/plants/p1', body: {}, policy: 'engineer' },
  { method: 'GET', url: '/api/v1/admin/users', path: '/api/v1/admin/users', policy: 'admin' },
  { method: 'POST', url: '/api/v1/admin/users', path: '/api/v1/admin/users', body: {}, policy: 'admin' },
  { method: 'PATCH', url: '/api/v1/admin/users/:username', path: '/api/v1/admin/users/nobody', body: {}, policy: 'admin' },
  { method: 'GET', url: '/api/v1/admin/edge-keys', path: '/api/v1/admin/edge-keys', policy: 'admin' },
  { method: 'POST', url: '/api/v1/admin/edge-keys', path: '/api/v1/admin/edge-keys', body: {}, policy: 'admin' },
  { method: 'POST', url: '/api/v1/admin/edge-keys/:id/revoke', path: '/api/v1/admin/edge-keys/nothere/revoke', policy: 'admin' },
  { method: 'GET', url: '/api/v1/admin/panels', path: '/api/v1/admin/panels', policy: 'admin' },
  { method: 'POST', url: '/api/v1/admin/panels', path: '/api/v1/admin/panels', body: {}, policy: 'admin' },
  { method: 'POST', url: '/api/v1/admin/panels/:id/revoke', path: '/api/v1/admin/panels/nothere/revoke', policy: 'admin' },
];

function allowed(policy: Policy, who: Principal): boolean {
  if (policy === 'public') return true;
  if (policy === 'edge') return who === 'edge-other-line';
  if (policy === 'panel') return who === 'panel';
  if (policy === 'engineer-all-plants') return false; // every principal here is scoped to plant p1
  if (who === 'panel') return policy === 'viewer';
  if (who === 'anonymous' || who === 'edge-other-line') return false;
  return RANK[who] >= RANK[policy];
}

/** The case's body with a new command id and the real alert id filled in. */
function fresh(body: unknown): unknown {
  return body === undefined ? undefined : JSON.parse(JSON.stringify(body).replace('"UUID"', JSON.stringify(crypto.randomUUID())).replace('"ALERT"', JSON.stringify(alertId)));
}

let relay: TestRelay;
const auth = new Map<Principal, Record<string, string>>();

beforeAll(async () => {
  relay = await startRelay();
  for (const role of ['viewer', 'operator', 'supervisor', 'engineer', 'admin'] as const) {
    await relay.addUser(role, role, [{ plant: 'p1' }]);
    auth.set(role, { cookie: await relay.login(role) });
  }
  await setBadge(relay.store, 'operator', '4471', '2580');
  const { token } = await createPanelDevice(relay.store, 'panel', 'p1', 'l1', Date.now());
  const panel = await fetch(`${relay.url}/api/v1/panel-session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
  auth.set('panel', { cookie: panel.headers.get('set-cookie')!.split(';')[0]! });
  auth.set('anonymous', {});
  const other = await relay.edgeKey([{ plant: 'p1', line: 'l2' }]);
  auth.set('edge-other-line', { authorization: `Bearer ${other}` });
  const mine = await relay.edgeKey([{ plant: 'p1', line: 'l1' }]);
  await fetch(`${relay.url}/api/v1/inferences`, { method: 'POST', headers: { authorization: `Bearer ${mine}`, 'content-type': 'application/json' }, body: JSON.stringify([1, 2, 3, 4].map((n) => result(n))) });
  await relay.app.host.drain();
  alertId = (await relay.store.openAlerts({ plant: 'p1', line: 'l1' }))[0]!.id;
}, 60_000);
afterAll(async () => relay.close());

describe('authorisation matrix: every REST route × every kind of caller', () => {
  it('declares a policy for every route the relay serves', () => {
    const served = relay.app.routes.filter((r) => r.url.startsWith('/api/') || ['/healthz', '/readyz', '/metrics'].includes(r.url))
      .map((r) => `${r.method} ${r.url}`).sort();
    expect(served).toEqual(CASES.map((c) => `${c.method} ${c.url}`).sort());
  });

  for (const c of CASES) {
    it(`${c.method} ${c.url} (${c.policy})`, async () => {
      const outcome: string[] = [];
      for (const who of PRINCIPALS) {
        const body = c.url === '/api/v1/inferences' ? [result(99)] : fresh(c.body);
        const credentials = c.method === 'DELETE' && c.url === '/api/v1/session' ? {} : auth.get(who);
        const res = await fetch(`${relay.url}${c.path.replace('ALERT', encodeURIComponent(alertId))}`, {
          method: c.method,
          headers: { ...credentials, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        // Public routes check credentials of their own (a login, a panel token): they must just answer.
        const denied = c.policy === 'public' ? res.status >= 500 : res.status === 401 || res.status === 403;
        outcome.push(`${who}: ${allowed(c.policy, who) ? 'allowed' : 'denied'}${denied === allowed(c.policy, who) ? ` but got ${res.status}` : ''}`);
        if (c.url === '/api/v1/inferences' && who === 'edge-other-line') {
          const ack = (await res.json()) as IngestAck;
          expect(ack.accepted).toEqual([]); // a key of line l2 may not publish to l1
          expect(ack.rejected[0]!.reason).toMatch(/^scope/);
        }
      }
      expect(outcome.filter((o) => o.includes(' but got '))).toEqual([]);
    });
  }
});

describe('authorisation matrix: socket events × every kind of caller', () => {
  const expectSubscribe: Record<Principal, string> = { anonymous: 'no connection', 'edge-other-line': 'no connection', viewer: 'replay|snapshot', operator: 'replay|snapshot', supervisor: 'replay|snapshot', engineer: 'replay|snapshot', admin: 'replay|snapshot', panel: 'replay|snapshot' };
  const mayCommand: Record<Principal, boolean> = { anonymous: false, 'edge-other-line': false, viewer: false, panel: false, operator: true, supervisor: true, engineer: true, admin: true };

  for (const who of PRINCIPALS) {
    it(`${who}: subscribe, subscribe outside scope, trend:follow in and outside scope, command`, async () => {
      const socket = connect(relay.url, { extraHeaders: auth.get(who), transports: ['websocket'], forceNew: true, reconnection: false });
      const connected = await new Promise<boolean>((ok) => {
        socket.once('connect', () => ok(true));
        socket.once('connect_error', () => ok(false));
      });
      try {
        if (!connected) return expect(expectSubscribe[who]).toBe('no connection');
        const sub = (await socket.emitWithAck('subscribe', { plant: 'p1', line: 'l1' })) as SubscribeAck;
        expect(sub.status).toMatch(new RegExp(expectSubscribe[who]));
        const outside = (await socket.emitWithAck('subscribe', { plant: who === 'panel' ? 'p1' : 'p2', line: 'l2' })) as SubscribeAck;
        expect(outside).toMatchObject({ status: 'refused', reason: expect.stringMatching(/^forbidden/) });
        const trend = (await socket.emitWithAck('trend:follow', { plant: 'p1', line: 'l1', asset: 'pump-1' })) as TrendFollowAck;
        expect(trend).toEqual({ status: 'following' }); // every signed-in kind may watch within its scope
        const trendOutside = (await socket.emitWithAck('trend:follow', { plant: who === 'panel' ? 'p1' : 'p2', line: 'l2', asset: 'pump-1' })) as TrendFollowAck;
        expect(trendOutside).toMatchObject({ status: 'refused', reason: expect.stringMatching(/^forbidden/) });
        const ack = (await socket.emitWithAck('command', { type: 'feedback', commandId: crypto.randomUUID(), alertId, answer: 'not_sure' })) as CommandAck;
        expect(ack.status, JSON.stringify(ack)).toBe(mayCommand[who] ? 'done' : 'refused');
      } finally {
        socket.close();
      }
    });
  }

  it('a browser session cannot publish on /edge, and an edge key cannot publish outside its line', async () => {
    const asUser = connect(`${relay.url}/edge`, { extraHeaders: auth.get('admin'), transports: ['websocket'], forceNew: true, reconnection: false });
    expect((await new Promise<Error>((ok) => asUser.once('connect_error', ok))).message).toMatch(/edge key/);
    asUser.close();
    const key = auth.get('edge-other-line')!.authorization!.slice('Bearer '.length);
    const edge = connect(`${relay.url}/edge`, { auth: { key }, transports: ['websocket'], forceNew: true, reconnection: false });
    const ack = (await edge.emitWithAck('inference', [result(500)])) as IngestAck;
    expect(ack.rejected[0]!.reason).toMatch(/^scope/);
    edge.close();
  });
});
