import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_STATUS_OF, RefusalCode } from '../../src/protocol/refusal.ts';
import { startRelay, type TestRelay } from '../testing/relay.ts';
import { call, get } from './route-testing.ts';

/**
 * Every refusal carries a code from the protocol's enum, and a REST refusal's status is the one of its
 * code: a representative failing request of each kind against a real relay, REST and socket.
 */
let relay: TestRelay;
let admin: string;
let viewer: string;
let stranger: string;
let edgeKey: string;

beforeAll(async () => {
  relay = await startRelay({ signInLimits: { loginPerAddress: 3 } });
  await relay.addUser('ada', 'admin');
  await relay.addUser('vic', 'viewer');
  await relay.addUser('otto', 'supervisor', [{ plant: 'p2' }]);
  [admin, viewer, stranger] = [await relay.login('ada'), await relay.login('vic'), await relay.login('otto')];
  edgeKey = await relay.edgeKey();
});
afterAll(() => relay.close());

const raw = (path: string, init: RequestInit) => fetch(`${relay.url}${path}`, init).then(async (res) => ({ status: res.status, json: (await res.json()) as unknown }));

describe('REST refusals', () => {
  const expectRefusal = (answer: { status: number; json: unknown }, code: RefusalCode) => {
    expect(answer.json).toEqual({ error: expect.any(String), code });
    expect(answer.status).toBe(HTTP_STATUS_OF[code]);
  };

  it('bad body, bad JSON, no session, wrong role, out of scope, missing id, unknown route, conflict', async () => {
    expectRefusal(await call(relay, null, 'POST', '/api/v1/session', { username: 'ada' }), 'invalid');
    expectRefusal(await raw('/api/v1/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' }), 'invalid');
    expectRefusal(await get(relay, null, '/api/v1/alerts?plant=p1'), 'unauthorized');
    expectRefusal(await get(relay, viewer, '/api/v1/admin/users'), 'forbidden');
    expectRefusal(await get(relay, stranger, '/api/v1/catalogue/p1'), 'forbidden');
    expectRefusal(await get(relay, admin, `/api/v1/alerts/${encodeURIComponent('p1/l1/none#1')}`), 'not_found');
    expectRefusal(await get(relay, admin, '/api/v1/no-such-route'), 'not_found');
    expectRefusal(await call(relay, admin, 'POST', '/api/v1/admin/users', { username: 'vic', displayName: 'Vic', role: 'viewer', password: 'another-password-1', scopes: [{ plant: '*' }] }), 'conflict');
  });

  it('a foreign origin, an edge without a key and a body over the limit', async () => {
    expectRefusal(await raw('/api/v1/session', { method: 'DELETE', headers: { cookie: admin, origin: 'http://127.0.0.1:1' } }), 'forbidden');
    expectRefusal(await raw('/api/v1/inferences', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]' }), 'unauthorized');
    const big = JSON.stringify([{ pad: 'x'.repeat(1024 * 1024) }]);
    expectRefusal(await raw('/api/v1/inferences', { method: 'POST', headers: { authorization: `Bearer ${edgeKey}`, 'content-type': 'application/json' }, body: big }), 'payload_too_large');
  });

  it('wrong credentials, then too many of them (the last test: it uses up this address\'s sign-ins)', async () => {
    const wrong = () => call(relay, null, 'POST', '/api/v1/session', { username: 'ada', password: 'not-the-password' });
    expectRefusal(await wrong(), 'wrong_credentials');
    let last = await wrong();
    while (last.status === 401) last = await wrong();
    expectRefusal(last, 'rate_limited');
  });
});

describe('socket refusals', () => {
  it('subscribe, trend:follow and command answers carry a code', async () => {
    const s = relay.browser(viewer);
    await new Promise<void>((ok) => s.once('connect', () => ok()));
    expect(await s.emitWithAck('subscribe', { plant: 'P 1' } as never)).toMatchObject({ status: 'refused', code: 'invalid' });
    const other = relay.browser(stranger);
    await new Promise<void>((ok) => other.once('connect', () => ok()));
    expect(await other.emitWithAck('subscribe', { plant: 'p1' })).toMatchObject({ status: 'refused', code: 'forbidden' });
    expect(await other.emitWithAck('trend:follow', { plant: 'p1', line: 'l1', asset: 'a' })).toMatchObject({ status: 'refused', code: 'forbidden' });
    expect(await s.emitWithAck('trend:follow', {} as never)).toMatchObject({ status: 'refused', code: 'invalid' });
    expect(await s.emitWithAck('command', { type: 'acknowledge', commandId: crypto.randomUUID(), alertId: 'p1/l1/a/m/x#1' })).toMatchObject({ status: 'refused', code: 'forbidden' });
    expect(await s.emitWithAck('command', { type: 'nonsense' } as never)).toMatchObject({ status: 'refused', code: 'invalid' });
  });

  it('a handshake without a session is refused with the code in the error data', async () => {
    const s = relay.browser('cl_session=nobody');
    const err = await new Promise<Error & { data?: unknown }>((ok) => s.once('connect_error', ok));
    expect(err.data).toEqual({ code: 'unauthorized' });
  });
});
