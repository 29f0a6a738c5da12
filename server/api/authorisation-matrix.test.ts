import cookie from '@fastify/cookie';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/protocol/common.ts';
import type { IngestAck } from '../../src/protocol/inference.ts';
import { PRINCIPALS, startPrincipalsRelay, type Principal } from '../testing/principals.ts';
import type { TestRelay } from '../testing/relay.ts';
import { result } from '../testing/results.ts';
import { MissingPolicyError, registerAuthorisation } from './authorise.ts';
import { policy, type RoutePolicy } from './route-policy.ts';

const RANK: Record<Role, number> = { viewer: 0, operator: 1, supervisor: 2, engineer: 3, admin: 4 };

/**
 * How to call each route (a path with sample parameters and a body): inputs only. Who may call it comes
 * from the route's own declaration (`config.policy`), read from the relay's registered routes.
 */
interface Call { path: string; body?: unknown }
const q = 'plant=p1&line=l1';
let alertId = 'p1/l1/pump-1/watch/anomaly#1';
const CALLS: Record<string, Call> = {
  'POST /api/v1/session': { path: '/api/v1/session', body: { username: 'nobody', password: 'x' } },
  'POST /api/v1/panel-session': { path: '/api/v1/panel-session', body: { token: 'clp_nothere_abcdefghij' } },
  // The panel identifies the (line-wide) operator, then the next case signs them out again.
  'POST /api/v1/panel-session/operator': { path: '/api/v1/panel-session/operator', body: { badge: '4471', pin: '2580' } },
  'POST /api/v1/inferences': { path: '/api/v1/inferences', body: [] },
  'GET /api/v1/catalogue/:plant': { path: '/api/v1/catalogue/p1' },
  'PUT /api/v1/catalogue/:plant': { path: '/api/v1/catalogue/p1', body: {} },
  'GET /api/v1/trend': { path: `/api/v1/trend?${q}&asset=pump-1&from=1&to=2` },
  'GET /api/v1/alerts': { path: `/api/v1/alerts?${q}` },
  'GET /api/v1/alerts/:id': { path: '/api/v1/alerts/ALERT' },
  'POST /api/v1/commands': { path: '/api/v1/commands', body: { type: 'feedback', commandId: 'UUID', alertId: 'ALERT', answer: 'not_sure' } },
  'GET /api/v1/kpi/alarm-load': { path: `/api/v1/kpi/alarm-load?${q}` },
  'GET /api/v1/kpi/trust': { path: `/api/v1/kpi/trust?${q}` },
  'GET /api/v1/kpi/drift': { path: `/api/v1/kpi/drift?${q}` },
  'GET /api/v1/suppression-log': { path: `/api/v1/suppression-log?${q}` },
  'GET /api/v1/labels': { path: `/api/v1/labels?${q}` },
  'PUT /api/v1/policy': { path: '/api/v1/policy', body: {} },
  'PUT /api/v1/policy/plants/:plant': { path: '/api/v1/policy/plants/p1', body: {} },
  'POST /api/v1/admin/users': { path: '/api/v1/admin/users', body: {} },
  'PATCH /api/v1/admin/users/:username': { path: '/api/v1/admin/users/nobody', body: {} },
  'POST /api/v1/admin/edge-keys': { path: '/api/v1/admin/edge-keys', body: {} },
  'POST /api/v1/admin/edge-keys/:id/revoke': { path: '/api/v1/admin/edge-keys/nothere/revoke' },
  'POST /api/v1/admin/panels': { path: '/api/v1/admin/panels', body: {} },
  'POST /api/v1/admin/panels/:id/revoke': { path: '/api/v1/admin/panels/nothere/revoke' },
};
/** A route without parameters or a body is called at its own URL. */
const callOf = (route: string): Call => CALLS[route] ?? { path: route.split(' ')[1]! };

/** Whether the declaration lets this kind of caller through. */
function allowed(declared: RoutePolicy, who: Principal): boolean {
  if (declared.who === 'public') return true;
  if (declared.who === 'edge key') return who === 'edge-other-line';
  if (declared.who === 'panel device') return who === 'panel';
  if (declared.who === 'set-up token') return false;
  if (declared.scope === 'every plant') return false; // every principal here is scoped to plant p1
  if (who === 'panel') return declared.who === 'viewer';
  if (who === 'anonymous' || who === 'edge-other-line') return false;
  return RANK[who] >= RANK[declared.who];
}

/** The case's body with a new command id and the real alert id filled in. */
function fresh(body: unknown): unknown {
  return body === undefined ? undefined : JSON.parse(JSON.stringify(body).replace('"UUID"', JSON.stringify(crypto.randomUUID())).replace('"ALERT"', JSON.stringify(alertId)));
}

let relay: TestRelay;
let auth: Map<Principal, Record<string, string>>;

beforeAll(async () => {
  ({ relay, auth, alertId } = await startPrincipalsRelay());
}, 60_000);
afterAll(async () => relay.close());

describe('authorisation matrix: every REST route × every kind of caller', () => {
  it('every route the relay serves declares a policy (static files aside), and the matrix knows how to call it', () => {
    expect(relay.app.routes.filter((r) => !r.policy).map((r) => r.url).filter((u) => u.startsWith('/api/') || !u.includes('.'))).toEqual([]);
    const declared = new Set(relay.app.routes.filter((r) => r.policy).map((r) => `${r.method} ${r.url}`));
    expect(Object.keys(CALLS).filter((c) => !declared.has(c))).toEqual([]); // no stale sample calls
  });

  it('answers every route for every kind of caller as its declaration says', async () => {
    const wrong: string[] = [];
    for (const route of relay.app.routes.filter((r) => r.policy)) {
      const declared = route.policy!;
      const name = `${route.method} ${route.url}`;
      const call = callOf(name);
      for (const who of PRINCIPALS) {
        const body = route.url === '/api/v1/inferences' ? [result(99)] : fresh(call.body);
        // Signing out is sent without credentials so it does not end the matrix's sessions.
        const credentials = route.method === 'DELETE' && route.url === '/api/v1/session' ? {} : auth.get(who);
        const res = await fetch(`${relay.url}${call.path.replace('ALERT', encodeURIComponent(alertId))}`, {
          method: route.method,
          headers: { ...credentials, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        await res.arrayBuffer();
        // Public routes check credentials of their own (a login, a panel token): they must just answer.
        const denied = declared.who === 'public' ? res.status >= 500 : res.status === 401 || res.status === 403;
        if (denied === allowed(declared, who)) wrong.push(`${name} (${declared.who}) ${who}: ${allowed(declared, who) ? 'allowed' : 'denied'} but got ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('an edge key of another line is let in but may not publish to l1', async () => {
    const res = await fetch(`${relay.url}/api/v1/inferences`, { method: 'POST', headers: { ...auth.get('edge-other-line'), 'content-type': 'application/json' }, body: JSON.stringify([result(98)]) });
    const ack = (await res.json()) as IngestAck;
    expect(ack.accepted).toEqual([]);
    expect(ack.rejected[0]!.reason).toMatch(/^scope/);
  });

  it('refuses to register a route that declares no policy', async () => {
    const app = Fastify();
    await app.register(cookie);
    registerAuthorisation(app, { store: relay.store, clock: Date.now, verifier: { authenticate: async () => ({ code: 'unauthorized', reason: 'none' }) } });
    expect(() => app.get('/api/v1/undeclared', async () => 'open')).toThrow(MissingPolicyError);
    app.get('/api/v1/declared', { config: policy('admin') }, async () => 'guarded');
    expect((await app.inject({ method: 'GET', url: '/api/v1/declared' })).statusCode).toBe(401);
    await app.close();
  });
});

// Socket events × callers: server/relay/socket-matrix.test.ts, driven by src/protocol/socket-events.ts.
