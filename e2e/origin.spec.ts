import { createServer, type Server } from 'node:http';
import { expect, test, type APIRequestContext } from '@playwright/test';
import type { EdgeKeyCreated, EdgeKeyView } from '../src/protocol/admin.ts';
import { DEMO_PASSWORD, startDemo, type Demo } from './support/demo.ts';

/**
 * Issue #11, point 1: a page on another port of the same host is the same site, so Chromium sends it
 * the SameSite=Strict session cookie. Signed in on the app, such a page must not get a socket.io
 * connection or change anything over REST; the app's own page, and an origin listed in
 * ALLOWED_ORIGINS (a reverse proxy's), still work.
 */

/** A tiny page server on an ephemeral port of 127.0.0.1: the "other port of the same host". */
interface PageServer {
  origin: string;
  close(): Promise<void>;
}

let demo: Demo;
let foreign: PageServer;
let proxy: PageServer;

/**
 * What a hostile page's script does: open the relay's socket.io over a raw websocket and subscribe to
 * a line (the snapshot is the signed-in person's data), then revoke an edge key with a POST that needs
 * no preflight. Runs inside the page (its source is inlined there, or passed to page.evaluate).
 * (A polling handshake is left to server/auth/origin-relay.test.ts: without CORS headers a foreign
 * page cannot read its answer even when it is not refused, so a browser shows no difference.)
 */
async function probe([relay, keyId]: [string, string]): Promise<string> {
  const socket = await new Promise<string>((done) => {
    let state = 'refused';
    const ws = new WebSocket(`${relay.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
    ws.onmessage = (e) => {
      const m = String(e.data);
      if (m.startsWith('0{')) ws.send('40');
      else if (m.startsWith('40{')) {
        state = 'connected';
        ws.send('420["subscribe",{"plant":"demo","line":"line1"}]');
      } else if (m.startsWith('430')) {
        state = m.includes('"snapshot"') ? 'subscribed' : `answered ${m.slice(0, 80)}`;
        ws.close();
      } else if (m.startsWith('44')) {
        state = 'refused by the namespace';
        ws.close();
      }
    };
    ws.onclose = () => done(state);
  });
  // The answer is unreadable cross-origin either way; what counts is whether the key was revoked.
  await fetch(`${relay}/api/v1/admin/edge-keys/${keyId}/revoke`, { method: 'POST', credentials: 'include' }).catch(() => undefined);
  return socket;
}

async function servePages(): Promise<PageServer> {
  const server: Server = createServer((req, res) => {
    if (!req.url?.startsWith('/?key=')) return void res.writeHead(404).end();
    const args = `[${JSON.stringify(demo.url)}, new URLSearchParams(location.search).get('key')]`;
    const script = `(${probe.toString()})(${args}).then((r) => { document.body.dataset.socket = r; });`;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><title>another port</title><body><script>${script}</script></body>`);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((ok) => server.close(() => ok())) };
}

async function newEdgeKey(request: APIRequestContext, name: string): Promise<string> {
  const res = await request.post(`${demo.url}/api/v1/admin/edge-keys`, { data: { name, scopes: [{ plant: 'demo' }] } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as EdgeKeyCreated).edgeKey.id;
}

async function revoked(request: APIRequestContext, id: string): Promise<boolean> {
  const keys = (await (await request.get(`${demo.url}/api/v1/admin/edge-keys`)).json()) as EdgeKeyView[];
  return keys.find((k) => k.id === id)!.revokedAt !== null;
}

test.beforeAll(async () => {
  foreign = await servePages();
  proxy = await servePages();
  demo = await startDemo({ ALLOWED_ORIGINS: proxy.origin });
});
test.afterAll(async () => {
  await demo?.stop();
  await foreign?.close();
  await proxy?.close();
});

test('signed in on the app, a page on another port of the same host gets no socket and changes nothing; the app and an allowed origin work', async ({ page, context }) => {
  // Sign in as the admin through the app's own form: a POST from the app's origin.
  await page.goto(`${demo.url}/panel/demo/line1`);
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.getByLabel('User name').fill('admin');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/panel\/demo\/line1$/);
  await expect(page.getByTestId('connection-banner')).toContainText(/live/i);
  const [ownKey, hostileKey, proxiedKey] = [await newEdgeKey(page.request, 'own'), await newEdgeKey(page.request, 'hostile'), await newEdgeKey(page.request, 'proxied')];

  // The app's own origin: the same probe connects, subscribes and revokes.
  expect(await page.evaluate(probe, [demo.url, ownKey] as [string, string])).toBe('subscribed');
  expect(await revoked(page.request, ownKey)).toBe(true);

  // A page on another port of 127.0.0.1, in the same browser, so with the session cookie.
  const hostile = await context.newPage();
  await hostile.goto(`${foreign.origin}/?key=${hostileKey}`);
  await expect(hostile.locator('body')).toHaveAttribute('data-socket', /.+/);
  expect(await hostile.locator('body').getAttribute('data-socket')).toBe('refused');
  expect(await revoked(page.request, hostileKey)).toBe(false);

  // The same page from an origin listed in ALLOWED_ORIGINS (as behind a reverse proxy) is let in.
  const proxied = await context.newPage();
  await proxied.goto(`${proxy.origin}/?key=${proxiedKey}`);
  await expect(proxied.locator('body')).toHaveAttribute('data-socket', /.+/);
  expect(await proxied.locator('body').getAttribute('data-socket')).toBe('subscribed');
  expect(await revoked(page.request, proxiedKey)).toBe(true);

  // The app itself is still live after all this.
  await expect(page.getByTestId('connection-banner')).toContainText(/live/i);
});
