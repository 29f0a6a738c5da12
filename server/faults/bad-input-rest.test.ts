// Bad input on the relay's HTTP API: generated bodies (fast-check) on every body-taking REST route,
// prototype-pollution keys, oversized and deeply nested bodies, invalid UTF-8, wrong content types, and
// hostile query strings, path parameters and headers (some as raw bytes fetch() will not send). HTTP is
// where anyone who can reach the relay gets in, signed in or not, so each answer must be a clear 4xx
// with an `error` (never a 500 or a stack trace) and the prototype must stay clean.
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countTried, expectStillServing, expectUnpolluted, mutate, plant, pollutionTexts, relayUnderAttack } from './bad-input-support.ts';

const target = relayUnderAttack(import.meta.filename);

interface Route {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  pattern: string;
  url: string;
  base: Record<string, unknown>;
  auth: 'admin' | 'operator' | 'edge' | 'none';
}

const ROUTES: Route[] = [
  { method: 'POST', pattern: '/api/v1/session', url: '/api/v1/session', base: { username: 'olga', password: 'not-the-password' }, auth: 'none' },
  { method: 'POST', pattern: '/api/v1/setup', url: '/api/v1/setup', base: { token: 'x', username: 'root', displayName: 'Root', password: 'long-enough-password' }, auth: 'none' },
  { method: 'POST', pattern: '/api/v1/inferences', url: '/api/v1/inferences', base: { 0: 1 }, auth: 'edge' },
  { method: 'POST', pattern: '/api/v1/commands', url: '/api/v1/commands', base: { type: 'acknowledge', commandId: randomUUID(), alertId: 'bad/l1/a/m/x#1' }, auth: 'operator' },
  { method: 'POST', pattern: '/api/v1/admin/users', url: '/api/v1/admin/users', base: { username: 'new-user', displayName: 'New', role: 'viewer', password: 'long-enough-password', scopes: [{ plant: 'p1' }] }, auth: 'admin' },
  { method: 'PATCH', pattern: '/api/v1/admin/users/:username', url: '/api/v1/admin/users/fuzz-target', base: { displayName: 'Target', role: 'viewer' }, auth: 'admin' },
  { method: 'POST', pattern: '/api/v1/admin/edge-keys', url: '/api/v1/admin/edge-keys', base: { name: 'fuzz', scopes: [{ plant: 'p1' }] }, auth: 'admin' },
  { method: 'POST', pattern: '/api/v1/admin/edge-keys/:id/revoke', url: '/api/v1/admin/edge-keys/nokey/revoke', base: {}, auth: 'admin' },
  { method: 'POST', pattern: '/api/v1/admin/panels', url: '/api/v1/admin/panels', base: { name: 'fuzz panel', plant: 'p1', line: 'l1' }, auth: 'admin' },
  { method: 'POST', pattern: '/api/v1/admin/panels/:id/revoke', url: '/api/v1/admin/panels/nopanel/revoke', base: {}, auth: 'admin' },
  { method: 'POST', pattern: '/api/v1/panel-session', url: '/api/v1/panel-session', base: { token: 'not-a-panel-token' }, auth: 'none' },
  { method: 'POST', pattern: '/api/v1/panel-session/operator', url: '/api/v1/panel-session/operator', base: { badge: '4471', pin: '1234' }, auth: 'none' },
  { method: 'PUT', pattern: '/api/v1/catalogue/:plant', url: `/api/v1/catalogue/${plant}`, base: { plant, features: {}, lines: {}, assets: {}, labels: {}, actions: {} }, auth: 'admin' },
  { method: 'PUT', pattern: '/api/v1/policy', url: '/api/v1/policy', base: { defaults: { onDelayResults: 3 } }, auth: 'admin' },
  { method: 'PUT', pattern: '/api/v1/policy/plants/:plant', url: `/api/v1/policy/plants/${plant}`, base: { policy: { onDelayResults: 3 } }, auth: 'admin' },
];

function headersFor(auth: Route['auth'], contentType: string | null = 'application/json'): Record<string, string> {
  const h: Record<string, string> = {};
  if (contentType) h['content-type'] = contentType;
  if (auth === 'admin') h.cookie = target.admin;
  if (auth === 'operator') h.cookie = target.operator;
  if (auth === 'edge') h.authorization = `Bearer ${target.edgeKey}`;
  return h;
}

/** Sends one bad request; it must be refused clearly (or, rarely, accepted), never a 5xx or a stack trace. */
async function send(method: string, url: string, headers: Record<string, string>, body?: string | Uint8Array): Promise<number> {
  countTried();
  const res = await fetch(`${target.relay.url}${url}`, { method, headers, body: body as BodyInit | undefined, signal: AbortSignal.timeout(15_000) });
  const text = await res.text();
  expect(res.status, `${method} ${url} answered ${res.status}: ${text.slice(0, 200)}`).toBeLessThan(500);
  if (res.status >= 400 && res.status !== 404) {
    const json = JSON.parse(text) as { error?: unknown };
    expect(typeof json.error, `${method} ${url} ${res.status} names the problem`).toBe('string');
    expect(text).not.toMatch(/\bat \S+\.(ts|js):\d+/); // no stack traces
  }
  return res.status;
}

/** Status of a hand-written HTTP request (0 when the relay just closed the connection, as it may for garbage). */
function rawRequest(text: string): Promise<number> {
  return new Promise((ok, fail) => {
    const { port } = new URL(target.relay.url);
    const sock = connect(Number(port), '127.0.0.1', () => sock.end(Buffer.from(text, 'latin1')));
    let got = '';
    sock.on('data', (b) => (got += b.toString('latin1')));
    sock.on('error', fail);
    sock.on('close', () => ok(Number(/^HTTP\/1\.1 (\d{3})/.exec(got)?.[1] ?? 400)));
  });
}

describe('REST bodies', () => {
  const live = () => ROUTES.filter((r) => target.relay.app.fastify.hasRoute({ method: r.method, url: r.pattern }));

  it('covers the body-taking routes the relay has', () => {
    expect(live().length).toBeGreaterThanOrEqual(8);
  });

  it('refuses generated bodies on every route clearly (fast-check)', async () => {
    for (const r of live()) {
      const body = fc.oneof(mutate(r.base), fc.jsonValue({ maxDepth: 4 }), fc.anything({ maxDepth: 3, withNullPrototype: true }).map((v) => JSON.parse(JSON.stringify(v ?? null)) as unknown));
      await fc.assert(fc.asyncProperty(body, async (b) => {
        await send(r.method, r.url, headersFor(r.auth), JSON.stringify(b));
      }), { numRuns: 60 });
    }
  }, 120_000);

  it('refuses prototype-pollution keys, oversized and deeply nested bodies, invalid UTF-8 and wrong content types', async () => {
    for (const r of live()) {
      for (const text of pollutionTexts(r.base)) await send(r.method, r.url, headersFor(r.auth), text);
      expect(await send(r.method, r.url, headersFor(r.auth), JSON.stringify({ ...r.base, pad: 'x'.repeat(1024 * 1024 + 10) }))).toBe(413);
      await send(r.method, r.url, headersFor(r.auth), '['.repeat(100_000) + ']'.repeat(100_000));
      await send(r.method, r.url, headersFor(r.auth), '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000));
      await send(r.method, r.url, headersFor(r.auth), new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]));
      await send(r.method, r.url, headersFor(r.auth), '{"username":"\\ud800","password":"\\udfff"}');
      await send(r.method, r.url, headersFor(r.auth, 'text/plain'), JSON.stringify(r.base));
      await send(r.method, r.url, headersFor(r.auth, 'application/x-www-form-urlencoded'), 'username=a&__proto__[polluted]=yes');
      await send(r.method, r.url, headersFor(r.auth, null), JSON.stringify(r.base));
      await send(r.method, r.url, headersFor(r.auth), '');
      await send(r.method, r.url, headersFor(r.auth, 'application/json; charset=utf-16'), JSON.stringify(r.base));
    }
    expectUnpolluted();
  }, 120_000);

  it('refuses hostile query strings, path parameters and headers', async () => {
    const { admin, operator } = target;
    const queries = ['plant[]=a&plant[]=b', '__proto__[polluted]=yes&plant=p1', 'constructor[prototype][polluted]=yes&plant=p1', `plant=${'a'.repeat(10_000)}`,
      'plant=%E0%A4%A', 'plant=%00', 'plant=p1&line=<script>', 'plant=p1&state=unacknowledged&state=normal', 'plant=..%2F..%2Fetc', ''];
    for (const q of queries) await send('GET', `/api/v1/alerts?${q}`, { cookie: admin });
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 200 }), async (s) => {
      await send('GET', `/api/v1/alerts?plant=${encodeURIComponent(s)}`, { cookie: operator });
      await send('GET', `/api/v1/catalogue/${encodeURIComponent(s) || 'x'}`, { cookie: operator });
    }), { numRuns: 60 });
    for (const cookie of ['clearline_session=' + 'x'.repeat(8000), 'a=b; a=c; clearline_session=', '=;=;;', 'clearline_session=%ZZ']) await send('GET', '/api/v1/session', { cookie });
    for (const authorization of ['Bearer ' + 'x'.repeat(10_000), 'Bearer', 'Basic Zm9vOmJhcg==', 'Bearer cl_x_y']) {
      await send('POST', '/api/v1/inferences', { authorization, 'content-type': 'application/json' }, '[]');
    }
    // Header bytes fetch() will not send: written by hand on a raw socket.
    for (const header of ['Cookie: clearline_session=\u0000x', 'Authorization: Bearer \xff\xfe', 'Cookie: \r', 'Content-Length: -1', 'Transfer-Encoding: chunked, identity']) {
      countTried();
      const status = await rawRequest(`POST /api/v1/inferences HTTP/1.1\r\nHost: x\r\n${header}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n[]`);
      expect(status, header).toBeGreaterThanOrEqual(400);
      expect(status, header).toBeLessThan(500);
    }
    expectUnpolluted();
  }, 60_000);
});

it('still takes valid traffic and answers health afterwards', () => expectStillServing(target));
