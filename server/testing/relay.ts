import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import type { Role } from '../../src/protocol/common.ts';
import type { BrowserToServerEvents, ServerToBrowserEvents } from '../../src/protocol/events.ts';
import type { Scope } from '../../src/protocol/session.ts';
import type { AppDeps } from '../app-deps.ts';
import { createApplication, type Application } from '../app.ts';
import { createEdgeKey } from '../auth/edge-keys.ts';
import { slowHash } from '../auth/hash.ts';
import { restoreEngine } from '../relay/restore.ts';
import { openStore } from '../store/open.ts';
import type { KyselyStore } from '../store/kysely-store.ts';

export const TEST_PASSWORD = 'test-password-123';

export interface TestRelay {
  url: string;
  app: Application;
  store: KyselyStore;
  dir: string;
  addUser(username: string, role: Role, scopes?: Scope[]): Promise<void>;
  edgeKey(scopes?: Scope[]): Promise<string>;
  /** Signs in over HTTP as a person does; returns the session cookie header. */
  login(username: string): Promise<string>;
  browser(cookie: string): Socket<ServerToBrowserEvents, BrowserToServerEvents>;
  close(opts?: { keepData?: boolean }): Promise<void>;
}

/**
 * A real relay on an ephemeral loopback port with a real SQLite file in a temp folder, or on the
 * PostgreSQL database `databaseUrl` names.
 */
export async function startRelay(opts: Partial<AppDeps> & { dir?: string; databaseUrl?: string } = {}): Promise<TestRelay> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'clearline-test-'));
  const store = await openStore({ databaseUrl: opts.databaseUrl, sqliteFile: join(dir, 'clearline.sqlite') });
  const engine = opts.engine ?? (await restoreEngine(store));
  const httpServer = createServer();
  // Test fixtures carry fixed event times (server/testing/results.ts: 2025): no result-age bound unless
  // a test asks for one (server/ingest/result-age.test.ts).
  const app = await createApplication(httpServer, { log: pino({ level: 'silent' }), maxResultAgeMs: Infinity, ...opts, store, engine });
  await new Promise<void>((ok) => httpServer.listen(0, '127.0.0.1', ok));
  const { port } = httpServer.address() as { port: number };
  const url = `http://127.0.0.1:${port}`;
  const sockets: Socket[] = [];
  const relay: TestRelay = {
    url, app, store, dir,
    async addUser(username, role, scopes = [{ plant: '*' }]) {
      await store.upsertUser({ username, displayName: username, role, scopes, passwordHash: await slowHash(TEST_PASSWORD) }, Date.now());
    },
    async edgeKey(scopes = [{ plant: '*' }]) {
      return (await createEdgeKey(store, 'test edge', scopes, Date.now())).key;
    },
    async login(username) {
      const res = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: TEST_PASSWORD }) });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
      return res.headers.get('set-cookie')!.split(';')[0]!;
    },
    browser(cookie) {
      const s = connect(url, { extraHeaders: { cookie }, transports: ['websocket'], reconnection: false, forceNew: true });
      sockets.push(s);
      return s;
    },
    async close(o = {}) {
      sockets.forEach((s) => s.close());
      await app.close();
      await new Promise((ok) => httpServer.close(ok));
      await store.close();
      if (!o.keepData && !opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
  return relay;
}
