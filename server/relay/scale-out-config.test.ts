// Scale-out: configuration changed on one relay instance holds on the other at once — a policy book
// saved through A is in force in B's engine (B's own lines), also when B was down at the time, and an
// edge key revoked through A is refused by B even though B had just verified (and cached) it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { slowHash } from '../auth/hash.ts';
import { openStore } from '../store/open.ts';
import { freePort, instanceDir, signIn, startRelayProcess, type RelayProcess } from '../testing/relay-process.ts';
import { TEST_PASSWORD } from '../testing/relay.ts';
import { result } from '../testing/results.ts';
import { ensureRedis, freshDatabase } from '../testing/services.ts';

const plant = `cfg${process.pid}`;
let db: Awaited<ReturnType<typeof freshDatabase>>;
let a: RelayProcess;
let b: RelayProcess;
let portB: number;

const launch = (lines: string, port: number) => startRelayProcess({ dir: instanceDir(`${plant}-${lines}`), port, seed: false, bounds: 'production',
  env: { DATABASE_URL: db.url, REDIS_URL: 'redis://127.0.0.1:6379', REDIS_STREAM: `test-${plant}`, LINES: lines } });

beforeAll(async () => {
  await ensureRedis();
  db = await freshDatabase('clearline_cfg');
  const store = await openStore({ databaseUrl: db.url, sqliteFile: '' });
  await store.upsertUser({ username: 'ada', displayName: 'Ada', role: 'admin', scopes: [{ plant: '*' }], passwordHash: await slowHash(TEST_PASSWORD) }, Date.now());
  await store.close();
  portB = await freePort();
  [a, b] = await Promise.all([launch(`${plant}/a`, await freePort()), launch(`${plant}/b`, portB)]);
}, 60_000);
afterAll(async () => {
  await Promise.all([a?.kill('SIGTERM'), b?.kill('SIGTERM')]);
  await db?.drop();
});

const login = (url: string) => signIn(url, 'ada', TEST_PASSWORD);

async function call(url: string, cookie: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}${path}`, { method, headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

it('a policy book saved through one instance is in force on the other', async () => {
  const [onA, onB] = [await login(a.url), await login(b.url)];
  const book = { defaults: {}, plants: { [plant]: { policy: { onDelayResults: 7 }, lines: { b: { floodEnter: 25, floodLeave: 9 } } } } };
  expect((await call(a.url, onA, 'PUT', '/api/v1/policy', book)).status).toBe(200);
  await expect.poll(async () => (await call(b.url, onB, 'GET', '/api/v1/policy')).json, { timeout: 10_000 })
    .toMatchObject({ updatedBy: 'ada', book: { plants: { [plant]: { policy: { onDelayResults: 7 }, lines: { b: { floodEnter: 25 } } } } } });

  // B is down while the book changes again; it starts with the newer book, not its snapshot's.
  await b.kill('SIGTERM');
  book.plants[plant]!.policy.onDelayResults = 4;
  expect((await call(a.url, onA, 'PUT', '/api/v1/policy', book)).status).toBe(200);
  b = await launch(`${plant}/b`, portB);
  expect((await call(b.url, await login(b.url), 'GET', '/api/v1/policy')).json).toMatchObject({ book: { plants: { [plant]: { policy: { onDelayResults: 4 } } } } });
}, 60_000);

it('an edge key revoked through one instance is refused by the other at once', async () => {
  const cookie = await login(a.url);
  const created = (await call(a.url, cookie, 'POST', '/api/v1/admin/edge-keys', { name: 'line b gateway', scopes: [{ plant }] })).json as { key: string; edgeKey: { id: string } };
  let n = 0;
  const publishToB = () => fetch(`${b.url}/api/v1/inferences`, { method: 'POST', headers: { authorization: `Bearer ${created.key}`, 'content-type': 'application/json' }, body: JSON.stringify([result(n++, { id: `k${n}`, plant, line: 'b' })]) });
  expect((await publishToB()).status).toBe(202); // B verified the key and cached it
  expect((await call(a.url, cookie, 'POST', `/api/v1/admin/edge-keys/${created.edgeKey.id}/revoke`)).status).toBe(200);
  await expect.poll(async () => (await publishToB()).status, { timeout: 5_000 }).toBe(401);
});
