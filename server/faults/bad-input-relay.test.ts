// Bad input on every way into the relay that server/ingest/bad-input.test.ts does not already cover:
// every REST body (fast-check), query strings and headers, the browser socket events `subscribe`,
// `command` and `unsubscribe`, the /edge handshake, MQTT ingest; prototype-pollution keys, oversized and
// deeply nested bodies, invalid UTF-8, wrong content types; and injection strings in names that then
// render in the app (rendered with React's own renderer and inspected as a DOM: no element, attribute or
// URL from the input). Every answer must be a clear refusal (4xx with an `error`, or a refused ack with
// a reason), never a 500, a crash or a polluted prototype; valid traffic must still flow afterwards.
// Prints `bad inputs tried: N`.
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import fc from 'fast-check';
import mqtt from 'mqtt';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/protocol/alert.ts';
import { Catalogue } from '../../src/protocol/catalogue.ts';
import type { IngestAck } from '../../src/protocol/inference.ts';
import { AlertCard } from '../../src/features/alerts/alert-card.tsx';
import { AlertRow } from '../../src/features/alerts/alert-row.tsx';
import { benchResult } from '../../bench/lib/results.ts';
import { ensureMosquitto } from '../testing/services.ts';
import { startRelay, type TestRelay } from '../testing/relay.ts';
import { sleep, until } from './support.ts';

// jsdom ships no type declarations; it only parses the rendered markup here.
const { JSDOM } = createRequire(import.meta.url)('jsdom') as { JSDOM: new (html: string) => { window: Window } };

let relay: TestRelay;
let admin: string;
let operator: string;
let edgeKey: string;
let tried = 0;
const plant = `bad${process.pid}`;

beforeAll(async () => {
  await ensureMosquitto();
  relay = await startRelay({ mqttUrl: 'mqtt://127.0.0.1:1883' });
  await relay.addUser('ada', 'admin');
  await relay.addUser('olga', 'operator');
  await relay.addUser('fuzz-target', 'viewer');
  admin = await relay.login('ada');
  operator = await relay.login('olga');
  edgeKey = await relay.edgeKey();
}, 60_000);

afterAll(async () => {
  console.log(`bad inputs tried: ${tried}`);
  await relay?.close();
});

// ── building blocks ────────────────────────────────────────────────────────────────────────────

const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'then'];
const INJECTION = [
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "'><svg onload=alert(1)>", 'javascript:alert(1)',
  "'; drop table results; --", '${7*7}', '{{7*7}}', '../../etc/passwd', '\u0000nul', '\u202eevil', '%00%0d%0a', 'a'.repeat(5000),
];
const hostileValue = fc.oneof(fc.constantFrom(...INJECTION), fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(null, -1, 1e308, '', [], {}));

/** A valid-looking body with one field replaced (or a hostile key added). */
function mutate(base: Record<string, unknown>) {
  return fc.tuple(fc.constantFrom(...Object.keys(base), ...HOSTILE_KEYS), hostileValue).map(([k, v]) => {
    const body: Record<string, unknown> = { ...base };
    Object.defineProperty(body, k, { value: v, enumerable: true, configurable: true, writable: true });
    return body;
  });
}

function pollutionTexts(base: Record<string, unknown>): string[] {
  const inner = JSON.stringify(base).slice(1, -1);
  return [
    `{"__proto__":{"polluted":"yes"}${inner ? ',' + inner : ''}}`,
    `{"constructor":{"prototype":{"polluted":"yes"}}${inner ? ',' + inner : ''}}`,
    `[{"__proto__":{"polluted":"yes"}}]`,
    `{"a":{"__proto__":{"polluted":"yes"}},"b":[{"constructor":{"prototype":{"polluted":"yes"}}}]}`,
  ];
}

function expectUnpolluted() {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('polluted');
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(Object.getOwnPropertyNames(Object.getPrototypeOf({})).sort());
}

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
  if (auth === 'admin') h.cookie = admin;
  if (auth === 'operator') h.cookie = operator;
  if (auth === 'edge') h.authorization = `Bearer ${edgeKey}`;
  return h;
}

/** Sends one bad request; it must be refused clearly (or, rarely, accepted), never a 5xx or a stack trace. */
async function send(method: string, url: string, headers: Record<string, string>, body?: string | Uint8Array): Promise<number> {
  tried++;
  const res = await fetch(`${relay.url}${url}`, { method, headers, body: body as BodyInit | undefined, signal: AbortSignal.timeout(15_000) });
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
    const { port } = new URL(relay.url);
    const sock = connect(Number(port), '127.0.0.1', () => sock.end(Buffer.from(text, 'latin1')));
    let got = '';
    sock.on('data', (b) => (got += b.toString('latin1')));
    sock.on('error', fail);
    sock.on('close', () => ok(Number(/^HTTP\/1\.1 (\d{3})/.exec(got)?.[1] ?? 400)));
  });
}

// ── REST ───────────────────────────────────────────────────────────────────────────────────────

describe('REST bodies', () => {
  const live = () => ROUTES.filter((r) => relay.app.fastify.hasRoute({ method: r.method, url: r.pattern }));

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
      tried++;
      const status = await rawRequest(`POST /api/v1/inferences HTTP/1.1\r\nHost: x\r\n${header}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n[]`);
      expect(status, header).toBeGreaterThanOrEqual(400);
      expect(status, header).toBeLessThan(500);
    }
    expectUnpolluted();
  }, 60_000);
});

// ── browser socket events ──────────────────────────────────────────────────────────────────────

function browserSocket(cookie: string): Promise<Socket> {
  const s = io(relay.url, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie } });
  return new Promise((ok, fail) => {
    s.once('connect', () => ok(s));
    s.once('connect_error', fail);
  });
}

interface Refusal { status: string; reason?: string }
const expectAnswer = (ack: Refusal) => {
  expect(['refused', 'done', 'snapshot', 'replay']).toContain(ack.status);
  if (ack.status === 'refused') expect(ack.reason, 'a refusal names its reason').toMatch(/\S/);
};

describe('browser socket events', () => {
  it('answers generated subscribe and command payloads with a reason, and stays connected (fast-check)', async () => {
    const s = await browserSocket(operator);
    const subscribes = fc.oneof(mutate({ plant: 'p1', line: 'l1', lastSeq: 0 }), fc.jsonValue({ maxDepth: 3 }));
    await fc.assert(fc.asyncProperty(subscribes, async (p) => {
      tried++;
      expectAnswer((await s.timeout(10_000).emitWithAck('subscribe', p)) as Refusal);
    }), { numRuns: 300 });
    const commands = fc.oneof(
      mutate({ type: 'acknowledge', commandId: randomUUID(), alertId: 'p1/l1/a/m/x#1' }),
      mutate({ type: 'shelve', commandId: randomUUID(), alertId: 'p1/l1/a/m/x#1', reason: 'planned work', minutes: 30 }),
      mutate({ type: 'feedback', commandId: randomUUID(), alertId: 'p1/l1/a/m/x#1', answer: 'real', reasons: ['other'], note: 'n' }),
      mutate({ type: 'out_of_service', commandId: randomUUID(), plant: 'p1', line: 'l1', asset: 'a', reason: 'r', until: Date.now() + 60_000 }),
      fc.jsonValue({ maxDepth: 3 }),
    );
    await fc.assert(fc.asyncProperty(commands, async (p) => {
      tried++;
      expectAnswer((await s.timeout(10_000).emitWithAck('command', p)) as Refusal);
    }), { numRuns: 300 });
    expect(s.connected).toBe(true);
    s.close();
  }, 120_000);

  it('survives hostile shapes: pollution keys, deep nesting, binary, no ack, extra args, unknown events, oversized', async () => {
    const s = await browserSocket(operator);
    const shapes: unknown[] = [
      JSON.parse('{"__proto__":{"polluted":"yes"},"plant":"p1"}'), JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}}}'),
      JSON.parse('['.repeat(2000) + ']'.repeat(2000)), new Uint8Array([0xff, 0xfe, 0x00]), Buffer.from('{"plant":"p1"}'), null, 42, 'plant', [],
      { plant: 'p1', line: 'l1', lastSeq: -1 }, { plant: 'p1', line: 'l1', lastSeq: Number.MAX_SAFE_INTEGER + 2 }, { plant: 'p1', line: 'l1', lastSeq: 1.5 },
      { plant: '*' }, { plant: 'p1', line: '../l2' }, { type: 'acknowledge', commandId: 'not-a-uuid', alertId: 'x' },
      { type: 'feedback', commandId: randomUUID(), alertId: 'x', answer: 'real', note: 'n'.repeat(100_000) },
    ];
    for (const p of shapes) {
      for (const ev of ['subscribe', 'command']) {
        tried++;
        expectAnswer((await s.timeout(10_000).emitWithAck(ev, p)) as Refusal);
        tried++;
        s.emit(ev, p); // no ack function: nothing to answer, nothing must break
        tried++;
        s.emit(ev, p, 'extra', { more: 1 }, () => undefined); // the ack is not the 2nd argument: ignored, not answered
      }
      tried++;
      s.emit('unsubscribe', p);
      tried++;
      s.emit('no-such-event', p, () => undefined);
    }
    await sleep(200);
    expect(s.connected).toBe(true);
    expectUnpolluted();
    // Over maxHttpBufferSize (1 MB): socket.io drops that connection; the relay carries on.
    tried++;
    const gone = new Promise<string>((ok) => s.once('disconnect', ok));
    s.emit('subscribe', { plant: 'p1', pad: 'x'.repeat(1_100_000) });
    expect(await gone).toMatch(/transport|server/);
    const again = await browserSocket(operator);
    expect(((await again.emitWithAck('subscribe', { plant: plant, line: 'l1' })) as Refusal).status).toBe('snapshot');
    again.close();
  }, 60_000);

  it('refuses garbage handshakes on the browser and edge namespaces', async () => {
    const attempts: { nsp: string; opts: Parameters<typeof io>[1] }[] = [
      ...['x', 'clearline_session=' + 'y'.repeat(5000), 'clearline_session=\u00ff', ''].map((cookie) => ({ nsp: '', opts: { extraHeaders: { cookie } } })),
      ...[{ key: 1 }, { key: null }, { key: 'cl_x_y' }, { key: 'x'.repeat(10_000) }, { key: { toString: 'x' } }, { key: ['a'] }, { __proto__: { key: 'k' } }].map((auth) => ({ nsp: '/edge', opts: { auth: auth as Record<string, unknown> } })),
    ];
    for (const a of attempts) {
      tried++;
      const s = io(`${relay.url}${a.nsp}`, { transports: ['websocket'], forceNew: true, reconnection: false, ...a.opts });
      const err = await new Promise<Error | null>((ok) => {
        s.once('connect', () => ok(null));
        s.once('connect_error', ok);
      });
      s.close();
      expect(err?.message, `handshake on "${a.nsp || '/'}" refused`).toMatch(/unauthori[sz]ed|sign in/i);
    }
  }, 60_000);
});

// ── MQTT ingest ────────────────────────────────────────────────────────────────────────────────

describe('MQTT ingest', () => {
  it('answers every generated, oversized, non-UTF-8 or mismatched message on the ack topic', async () => {
    const edge = await mqtt.connectAsync('mqtt://127.0.0.1:1883');
    const topic = `clearline/v1/${plant}/l1/pump-1/inference`;
    const acks: IngestAck[] = [];
    await edge.subscribeAsync(`${topic}/ack`, { qos: 1 });
    edge.on('message', (_t, b) => acks.push(JSON.parse(b.toString()) as IngestAck));
    let sent = 0;
    const publish = async (payload: string | Buffer) => {
      tried++;
      sent++;
      await edge.publishAsync(topic, payload, { qos: 1 });
    };
    const valid = benchResult('mq-ok', { plant, line: 'l1', asset: 'pump-1', score: 0.3 });
    await fc.assert(fc.asyncProperty(fc.oneof(mutate(valid as unknown as Record<string, unknown>), fc.jsonValue({ maxDepth: 3 })), async (p) => publish(JSON.stringify(p))), { numRuns: 150 });
    await publish(Buffer.from([0xff, 0xfe, 0xfd]));
    await publish(Buffer.concat([Buffer.from('{"id":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]));
    await publish('x'.repeat(1024 * 1024 + 1));
    await publish('['.repeat(50_000) + ']'.repeat(50_000));
    for (const text of pollutionTexts(valid as unknown as Record<string, unknown>)) await publish(text);
    await publish(JSON.stringify({ ...valid, plant: 'other' }));
    await until(() => acks.length >= sent, 20_000, `${sent} MQTT acks (got ${acks.length})`);
    for (const a of acks) expect(Array.isArray(a.accepted) && Array.isArray(a.rejected)).toBe(true);
    expect(acks.filter((a) => a.rejected.length).length, 'refusals among the MQTT acks').toBeGreaterThan(sent / 2);
    // valid traffic still flows
    const n = acks.length;
    await edge.publishAsync(topic, JSON.stringify(benchResult('mq-after', { plant, line: 'l1', asset: 'pump-1', score: 0.3 })), { qos: 1 });
    await until(() => acks.slice(n).some((a) => a.accepted.includes('mq-after')), 10_000, 'the valid message to be accepted');
    await edge.endAsync();
    expectUnpolluted();
  }, 60_000);
});

// ── injection strings rendered by the app ──────────────────────────────────────────────────────

describe('injection strings in names rendered by the app', () => {
  const HOSTILE_TEXT = ['<script>window.pwned=1</script>', '<img src=x onerror=window.pwned=1>', '"><svg onload=window.pwned=1>', 'javascript:window.pwned=1', '{{constructor.constructor("pwned")()}}'];

  it('stores hostile names as text and renders them as text: no element, attribute or URL comes from the input', async () => {
    const s = io(`${relay.url}/edge`, { auth: { key: edgeKey }, transports: ['websocket'], forceNew: true });
    const batch = HOSTILE_TEXT.flatMap((h, i) => [0, 1, 2].map((r) => {
      const res = benchResult(`inj-${i}-${r}`, { plant, line: 'inj', asset: `a${i}`, score: 0.95, label: h.slice(0, 64) });
      res.model = { name: h.slice(0, 64), version: h.slice(0, 64) };
      res.attributions = [{ feature: h, value: 1, contribution: 0.5, unit: h.slice(0, 32) }, { feature: 'flow', value: 2, contribution: 0.35 }];
      res.meta = { note: h };
      return res;
    }));
    tried += batch.length;
    const ack = (await s.emitWithAck('inference', batch)) as IngestAck;
    s.close();
    expect(ack.rejected).toEqual([]);
    await relay.app.host.drain();
    const alerts: Alert[] = await relay.store.openAlerts({ plant, line: 'inj' });
    expect(alerts).toHaveLength(HOSTILE_TEXT.length);
    for (const [i, alert] of alerts.entries()) {
      const h = HOSTILE_TEXT[i % HOSTILE_TEXT.length]!;
      // The plant's catalogue is hostile too: display names, units, titles and actions.
      const catalogue = Catalogue.parse({
        plant, features: [{ feature: alert.last.attributions![0]!.feature, displayName: h.slice(0, 64), unit: h.slice(0, 16) }],
        assets: { [alert.asset]: h.slice(0, 64) }, lines: { inj: h.slice(0, 64) }, labels: { [alert.label]: h.slice(0, 96) }, actions: { [alert.label]: h },
      });
      const html = renderToStaticMarkup(createElement('div', null,
        createElement(AlertCard, { alert, catalogue, now: Date.now() }),
        createElement(AlertRow, { alert, catalogue: undefined, now: Date.now(), grouped: 0, selected: false, onSelect: () => undefined })));
      tried++;
      const { document } = new JSDOM(`<!doctype html><body>${html}</body>`).window;
      expect(document.querySelectorAll('script, img, svg[onload], iframe, object, embed').length, 'elements made from input').toBe(0);
      for (const el of document.querySelectorAll('*')) {
        for (const attr of el.attributes) {
          expect(attr.name, `attribute ${attr.name} on <${el.tagName}>`).not.toMatch(/^on/i);
          expect(attr.value, `attribute ${attr.name}`).not.toMatch(/^\s*javascript:/i);
        }
      }
      const text = document.body.textContent ?? '';
      expect(HOSTILE_TEXT.some((h) => text.includes(h.slice(0, 20))), 'the hostile string is shown as text').toBe(true);
    }
  }, 60_000);

  it('no component writes raw HTML (dangerouslySetInnerHTML / innerHTML / outerHTML / insertAdjacentHTML / document.write)', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ts|tsx)$/.test(f) && !/\.test\./.test(f)) files.push(p);
      }
    };
    walk(join(import.meta.dirname, '../../src'));
    const offenders = files.filter((f) => /dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write\(/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('serves the app with a CSP that allows no inline script', async () => {
    const res = await fetch(`${relay.url}/healthz`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  });
});

it('still takes valid traffic and answers health afterwards', async () => {
  const s = io(`${relay.url}/edge`, { auth: { key: edgeKey }, transports: ['websocket'], forceNew: true });
  const ack = (await s.emitWithAck('inference', [benchResult('after-bad-input', { plant, line: 'l1', asset: 'pump-1', score: 0.3 })])) as IngestAck;
  s.close();
  expect(ack.accepted).toEqual(['after-bad-input']);
  expect((await fetch(`${relay.url}/healthz`)).status).toBe(200);
  expect((await fetch(`${relay.url}/api/v1/session`, { headers: { cookie: operator } })).status).toBe(200);
  expectUnpolluted();
});
