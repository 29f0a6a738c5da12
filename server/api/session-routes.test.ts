// Sign-in limits against a real relay: parallel guesses are refused before the slow hash, and
// nobody can lock someone else out from another address. Requests come from distinct loopback
// addresses (127.0.0.x), or through a trusted proxy's X-Forwarded-For.
import { afterEach, expect, it } from 'vitest';
import { countStatuses, requestFrom } from '../testing/from-address.ts';
import { startRelay, TEST_PASSWORD, type TestRelay } from '../testing/relay.ts';

let relay: TestRelay;
afterEach(async () => relay.close());

const login = (from: string, username: string, password: string, headers: Record<string, string> = {}) =>
  requestFrom(from, `${relay.url}/api/v1/session`, 'POST', { username, password }, headers);

async function audited(action: string): Promise<{ target: string; detail: string }[]> {
  return relay.store.db.selectFrom('audit').select(['target', 'detail']).where('action', '=', action).execute();
}

it('40 parallel wrong passwords from one address: at most the limit are checked, the rest get 429 at once; another person signs in meanwhile', async () => {
  relay = await startRelay();
  await relay.addUser('xena', 'operator');
  await relay.addUser('yann', 'operator');
  const burst = Array.from({ length: 40 }, () => login('127.0.0.2', 'xena', 'not-her-password'));
  const real = login('127.0.0.3', 'yann', TEST_PASSWORD);
  const answers = await Promise.all(burst);
  expect((await real).status).toBe(200);
  const by = countStatuses(answers);
  expect(by[401] ?? 0).toBeLessThanOrEqual(5);
  expect((by[401] ?? 0) + (by[429] ?? 0)).toBe(40);
  for (const a of answers.filter((x) => x.status === 429)) {
    expect(Number(a.headers['retry-after'])).toBeGreaterThan(0);
    expect(a.json.error).toMatch(/^too many failed sign-ins: try again in \d+ s \(for this account from this address\)$/);
  }
  // every attempt that was checked left an audit entry; the refused ones never reached the hash
  expect(await audited('login.failed')).toHaveLength(by[401] ?? 0);
});

it("wrong passwords from one address do not lock the account for its owner at another address", async () => {
  relay = await startRelay();
  await relay.addUser('xena', 'operator');
  for (let i = 0; i < 5; i++) expect((await login('127.0.0.2', 'xena', 'guess-' + i)).status).toBe(401);
  expect((await login('127.0.0.2', 'xena', TEST_PASSWORD)).status).toBe(429);
  expect((await login('127.0.0.3', 'xena', TEST_PASSWORD)).status).toBe(200);
});

it("a success clears only that account at that address: the address's failures on other accounts still count", async () => {
  relay = await startRelay({ signInLimits: { loginPerAddress: 6 } });
  for (const u of ['xena', 'yann', 'zeno']) await relay.addUser(u, 'operator');
  for (let i = 0; i < 4; i++) expect((await login('127.0.0.2', 'xena', 'guess-' + i)).status).toBe(401);
  expect((await login('127.0.0.2', 'yann', TEST_PASSWORD)).status).toBe(200);
  for (let i = 0; i < 2; i++) expect((await login('127.0.0.2', 'zeno', 'guess-' + i)).status).toBe(401);
  const refused = await login('127.0.0.2', 'zeno', 'guess-3');
  expect(refused.status).toBe(429);
  expect(refused.json.error).toMatch(/^too many failed sign-ins: try again in \d+ s \(from this address\)$/);
  expect((await login('127.0.0.3', 'zeno', TEST_PASSWORD)).status).toBe(200);
});

it('guessing one account from many addresses is slowed per account, but not for an address its owner signed in from', async () => {
  relay = await startRelay({ signInLimits: { loginPerAccount: 8 } });
  await relay.addUser('xena', 'operator');
  expect((await login('127.0.0.9', 'xena', TEST_PASSWORD)).status).toBe(200); // her own workstation
  for (let i = 0; i < 5; i++) expect((await login('127.0.0.2', 'xena', 'guess-' + i)).status).toBe(401);
  for (let i = 0; i < 3; i++) expect((await login('127.0.0.3', 'xena', 'guess-' + i)).status).toBe(401);
  const refused = await login('127.0.0.4', 'xena', 'guess-9');
  expect(refused.status).toBe(429);
  expect(refused.json.error).toMatch(/^too many failed sign-ins: try again in \d+ s \(for this account\)$/);
  expect((await login('127.0.0.5', 'xena', TEST_PASSWORD)).status).toBe(429);
  expect((await login('127.0.0.9', 'xena', TEST_PASSWORD)).status).toBe(200);
});

it('behind a trusted proxy each client is its own address; without the setting X-Forwarded-For is ignored', async () => {
  relay = await startRelay({ trustProxy: '127.0.0.1' });
  await relay.addUser('xena', 'operator');
  const via = (client: string) => ({ 'x-forwarded-for': client });
  for (let i = 0; i < 5; i++) expect((await login('127.0.0.1', 'xena', 'guess-' + i, via('198.51.100.7'))).status).toBe(401);
  expect((await login('127.0.0.1', 'xena', TEST_PASSWORD, via('198.51.100.7'))).status).toBe(429);
  expect((await login('127.0.0.1', 'xena', TEST_PASSWORD, via('198.51.100.8'))).status).toBe(200);
  expect(JSON.parse((await audited('login.failed'))[0]!.detail)).toMatchObject({ ip: '198.51.100.7' });
  // a client that is not the proxy cannot pick its address by sending the header itself
  for (let i = 0; i < 5; i++) expect((await login('127.0.0.2', 'xena', 'guess-' + i, via(`203.0.113.${i}`))).status).toBe(401);
  expect((await login('127.0.0.2', 'xena', TEST_PASSWORD, via('203.0.113.99'))).status).toBe(429);
  await relay.close();

  relay = await startRelay();
  await relay.addUser('xena', 'operator');
  for (let i = 0; i < 5; i++) expect((await login('127.0.0.1', 'xena', 'guess-' + i, via(`198.51.100.${i}`))).status).toBe(401);
  expect((await login('127.0.0.1', 'xena', TEST_PASSWORD, via('198.51.100.50'))).status).toBe(429);
});

it('when too many hashes are queued, sign-ins are told to retry (503 busy) instead of waiting, and that is no failure', async () => {
  relay = await startRelay({ trustProxy: '127.0.0.1', slowHashBounds: { concurrency: 1, queue: 2 } });
  await relay.addUser('xena', 'operator');
  const answers = await Promise.all(Array.from({ length: 40 }, (_, i) =>
    login('127.0.0.1', `user${i}`, 'not-a-password', { 'x-forwarded-for': `198.51.100.${i}` })));
  const by = countStatuses(answers);
  expect((by[401] ?? 0) + (by[503] ?? 0)).toBe(40);
  expect(by[503]).toBeGreaterThan(0);
  const busy = answers.find((a) => a.status === 503)!;
  expect(busy.json.error).toMatch(/^busy: /);
  expect(busy.headers['retry-after']).toBe('1');
  expect(await audited('login.failed')).toHaveLength(by[401] ?? 0);
  expect((await login('127.0.0.1', 'xena', TEST_PASSWORD, { 'x-forwarded-for': '198.51.100.200' })).status).toBe(200);
});
