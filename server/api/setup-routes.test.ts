import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay, type TestRelay } from '../testing/relay.ts';
import { freshDatabase } from '../testing/services.ts';
import { setupRoutes } from './setup-routes.ts';

let relay: TestRelay;
beforeAll(async () => {
  relay = await startRelay({ beforeReady: (fastify, store) => setupRoutes(fastify, { store, token: 'one-time-token-123', clock: Date.now }) });
});
afterAll(async () => relay.close());

const setup = (body: unknown) => fetch(`${relay.url}/api/v1/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

it('creates the first admin once, with the printed token, and never again', async () => {
  const admin = { username: 'root', displayName: 'Plant admin', password: 'a-long-password-1' };
  expect((await setup({ ...admin, token: 'wrong-token-xyz' })).status).toBe(403);
  const short = await setup({ ...admin, password: 'short', token: 'one-time-token-123' });
  expect(short.status).toBe(400);
  expect(((await short.json()) as { error: string }).error).toMatch(/password/);
  expect((await setup({ ...admin, token: 'one-time-token-123' })).status).toBe(201);
  expect((await relay.store.user('root'))?.role).toBe('admin');
  expect((await setup({ ...admin, username: 'second', token: 'one-time-token-123' })).status).toBe(409);
  const login = await fetch(`${relay.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'root', password: admin.password }) });
  expect(login.status).toBe(200);
});

describe.each([
  ['SQLite', async () => ({ databaseUrl: undefined, drop: async () => {} })],
  ['PostgreSQL', async () => {
    const db = await freshDatabase('setup_race');
    return { databaseUrl: db.url, drop: db.drop };
  }],
])('simultaneous set-ups on %s', (_name, database) => {
  it('exactly one of ten parallel set-ups with the right token creates an admin; the others get 409', async () => {
    const { databaseUrl, drop } = await database();
    const other = await startRelay({ databaseUrl, beforeReady: (fastify, store) => setupRoutes(fastify, { store, token: 'one-time-token-456', clock: Date.now }) });
    try {
      const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => fetch(`${other.url}/api/v1/setup`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: 'one-time-token-456', username: `admin${i}`, displayName: `Admin ${i}`, password: 'a-long-password-1' }),
      })));
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toEqual([201, ...Array(9).fill(409)]);
      const refused = await answers.find((a) => a.status === 409)!.json() as { error: string };
      expect(refused.error).toBe('conflict: set-up is already done');
      expect(await other.store.userCount()).toBe(1);
    } finally {
      await other.close();
      await drop();
    }
  });
});
