import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import type { SubscribeAck } from '../../src/protocol/events.ts';
import { startRelay, TEST_PASSWORD, type TestRelay } from '../testing/relay.ts';

/**
 * A real relay refusing browser requests from foreign origins: a page on another port of the same host
 * sends the SameSite=Strict cookie, so only the Origin header tells it apart (issue #11, point 1).
 */

const PROXY = 'https://alarms.example.com';
const FOREIGN = 'http://127.0.0.1:1';
let relay: TestRelay;
let cookie: string;

beforeAll(async () => {
  relay = await startRelay({ allowedOrigins: [PROXY] });
  await relay.addUser('ada', 'admin');
  cookie = await relay.login('ada');
});
afterAll(async () => {
  await relay?.close();
});

/** One HTTP request with exactly these headers (node:http, so Host can be set as a proxy would). */
function raw(method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise<{ status: number; text: string; upgraded: boolean }>((ok, fail) => {
    const req = request(`${relay.url}${path}`, { method, headers: { ...headers, ...(data ? { 'content-type': 'application/json' } : {}) } });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (b: Buffer) => (text += b.toString()));
      res.on('end', () => ok({ status: res.statusCode!, text, upgraded: false }));
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      ok({ status: res.statusCode!, text: '', upgraded: true });
    });
    req.on('error', fail);
    req.end(data);
  });
}

const origin = (o: string | undefined): Record<string, string> => (o ? { origin: o } : {});
const login = (headers: Record<string, string>) => raw('POST', '/api/v1/session', headers, { username: 'ada', password: TEST_PASSWORD });
const polling = (headers: Record<string, string>) => raw('GET', '/socket.io/?EIO=4&transport=polling', { cookie, ...headers });
const websocket = (headers: Record<string, string>) => raw('GET', '/socket.io/?EIO=4&transport=websocket', {
  cookie, connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', ...headers,
});

describe('REST requests that change state', () => {
  it('refuses a foreign Origin with 403 naming it, before the route runs', async () => {
    const res = await login({ origin: FOREIGN });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.text)).toEqual({ error: expect.stringMatching(/^forbidden: origin http:\/\/127\.0\.0\.1:1 is not allowed/), code: 'forbidden' });
    // A refused sign-out leaves the session signed in.
    expect((await raw('DELETE', '/api/v1/session', { cookie, origin: FOREIGN })).status).toBe(403);
    expect((await raw('GET', '/api/v1/session', { cookie })).status).toBe(200);
    expect((await raw('PATCH', '/api/v1/admin/users/ada', { cookie, origin: FOREIGN }, { displayName: 'x' })).status).toBe(403);
    expect((await raw('PUT', '/api/v1/policy', { cookie, origin: FOREIGN }, {})).status).toBe(403);
  });

  it('accepts the relay\'s own origin, no Origin at all, and ALLOWED_ORIGINS behind a proxy', async () => {
    expect((await login({ origin: relay.url })).status).toBe(200);
    expect((await login({})).status).toBe(200);
    expect((await login({ origin: PROXY, host: 'relay.internal:8080' })).status).toBe(200);
    // The proxy's origin is allowed only because it is listed, not because it matches its Host.
    expect((await login({ origin: 'https://other.example.com', host: 'other.example.com' })).status).toBe(403);
  });

  it('leaves reads alone (a foreign page cannot read them without CORS headers)', async () => {
    expect((await raw('GET', '/api/v1/session', { cookie, origin: FOREIGN })).status).toBe(200);
  });

  it('still takes results from an edge that sends no Origin', async () => {
    const key = await relay.edgeKey();
    const res = await raw('POST', '/api/v1/inferences', { authorization: `Bearer ${key}` }, []);
    expect(res.status).toBe(202);
  });
});

describe('socket.io handshakes', () => {
  it('refuses a polling handshake from a foreign Origin with 403 and accepts own, none and allowed', async () => {
    const refused = await polling({ origin: FOREIGN });
    expect(refused.status).toBe(403);
    expect(refused.text).toMatch(/forbidden: origin http:\/\/127\.0\.0\.1:1 is not allowed/);
    for (const headers of [origin(relay.url), origin(undefined), { origin: PROXY, host: 'relay.internal:8080' }]) {
      const res = await polling(headers);
      expect(res.status).toBe(200);
      expect(res.text).toMatch(/^0\{"sid":/);
    }
  });

  it('refuses a websocket handshake from a foreign Origin and upgrades own, none and allowed', async () => {
    const refused = await websocket({ origin: FOREIGN });
    expect(refused.upgraded).toBe(false);
    expect(refused.text).toMatch(/forbidden: origin http:\/\/127\.0\.0\.1:1 is not allowed/);
    for (const headers of [origin(relay.url), origin(undefined), { origin: PROXY, host: 'relay.internal:8080' }]) {
      expect(await websocket(headers)).toMatchObject({ upgraded: true, status: 101 });
    }
  });

  for (const transport of ['websocket', 'polling'] as const) {
    it(`a socket.io client over ${transport} with a foreign Origin never connects; with its own it subscribes`, async () => {
      const foreign = connect(relay.url, { extraHeaders: { cookie, origin: FOREIGN }, transports: [transport], reconnection: false, forceNew: true });
      const outcome = await new Promise<string>((ok) => {
        foreign.on('connect', () => ok('connected'));
        foreign.on('connect_error', () => ok('refused'));
      });
      foreign.close();
      expect(outcome).toBe('refused');

      const own = connect(relay.url, { extraHeaders: { cookie, origin: relay.url }, transports: [transport], reconnection: false, forceNew: true });
      try {
        const ack = (await own.emitWithAck('subscribe', { plant: 'p1', line: 'l1' })) as SubscribeAck;
        expect(ack.status).toBe('snapshot');
      } finally {
        own.close();
      }
    });
  }

  it('lets an edge (no Origin) connect to /edge', async () => {
    const edge = connect(`${relay.url}/edge`, { auth: { key: await relay.edgeKey() }, transports: ['websocket'], reconnection: false, forceNew: true });
    try {
      await new Promise<void>((ok, fail) => edge.on('connect', ok).on('connect_error', fail));
    } finally {
      edge.close();
    }
  });
});
