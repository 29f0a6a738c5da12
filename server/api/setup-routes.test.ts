import { afterAll, beforeAll, expect, it } from 'vitest';
import { startRelay, type TestRelay } from '../testing/relay.ts';
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
