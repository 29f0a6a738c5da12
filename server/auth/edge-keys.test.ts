// Wrong edge keys against a real relay, over REST and the socket.io /edge namespace: parallel
// guesses are refused before the slow hash, and other addresses keep publishing.
import { afterEach, expect, it } from 'vitest';
import { countStatuses, edgeConnectFrom, requestFrom } from '../testing/from-address.ts';
import { startRelay, type TestRelay } from '../testing/relay.ts';
import { result } from '../testing/results.ts';

let relay: TestRelay;
afterEach(async () => relay.close());

const publishFrom = (from: string, key: string, headers: Record<string, string> = {}) =>
  requestFrom(from, `${relay.url}/api/v1/inferences`, 'POST', [result(Math.random())], { authorization: `Bearer ${key}`, ...headers });
/** A key with a real id and a wrong secret: only the slow hash can tell it is wrong. */
const wrongSecret = (key: string, n: number) => key.replace(/_[^_]+$/, `_wrong-secret-${n}`);

it('60 parallel wrong keys over REST: at most the limit are hashed, the rest get 429; a right key from another address publishes', async () => {
  relay = await startRelay();
  const [known, fresh] = [await relay.edgeKey(), await relay.edgeKey()];
  const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => publishFrom('127.0.0.2', wrongSecret(known, i))));
  const by = countStatuses(answers);
  expect(by[401] ?? 0).toBeLessThanOrEqual(20);
  expect((by[401] ?? 0) + (by[429] ?? 0)).toBe(60);
  const refused = answers.find((a) => a.status === 429)!;
  expect(refused.json.error).toMatch(/^unauthorized: too many wrong edge keys from this address; retry in \d+ s/);
  expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  expect((await publishFrom('127.0.0.3', fresh)).status).toBe(202);
});

it('60 parallel wrong keys over the /edge socket: at most the limit are hashed; a right key from another address connects', async () => {
  relay = await startRelay();
  const [known, fresh] = [await relay.edgeKey(), await relay.edgeKey()];
  const outcomes = await Promise.all(Array.from({ length: 60 }, (_, i) => edgeConnectFrom(relay.url, wrongSecret(known, i), '127.0.0.2')));
  const checked = outcomes.filter((m) => /unknown or revoked edge key/.test(m)).length;
  const refused = outcomes.filter((m) => /too many wrong edge keys from this address/.test(m)).length;
  expect(checked).toBeLessThanOrEqual(20);
  expect(checked + refused).toBe(60);
  expect(await edgeConnectFrom(relay.url, fresh, '127.0.0.3')).toBe('connected');
});

it('behind a trusted proxy the socket path and REST count the same client address', async () => {
  relay = await startRelay({ trustProxy: '127.0.0.1', edgeKeyFailuresPerMinute: 3 });
  const [known, fresh] = [await relay.edgeKey(), await relay.edgeKey()];
  const via = (client: string) => ({ 'x-forwarded-for': client });
  expect((await publishFrom('127.0.0.1', wrongSecret(known, 1), via('198.51.100.7'))).status).toBe(401);
  expect((await publishFrom('127.0.0.1', wrongSecret(known, 2), via('198.51.100.7'))).status).toBe(401);
  expect(await edgeConnectFrom(relay.url, wrongSecret(known, 3), '127.0.0.1', via('198.51.100.7'))).toMatch(/unknown or revoked/);
  expect(await edgeConnectFrom(relay.url, fresh, '127.0.0.1', via('198.51.100.7'))).toMatch(/too many wrong edge keys/);
  expect((await publishFrom('127.0.0.1', fresh, via('198.51.100.7'))).status).toBe(429);
  expect(await edgeConnectFrom(relay.url, fresh, '127.0.0.1', via('198.51.100.8'))).toBe('connected');
});
