// The live trend stream end to end: a browser follows an asset within its scope and receives
// downsampled points of the results stored for it (not of other assets); out of scope, invalid or
// too many follows are refused by name; after unfollowing, nothing more arrives.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TrendFollowAck, TrendPush } from '../../src/protocol/trend.ts';
import { MAX_TREND_FOLLOWS } from '../../src/protocol/trend.ts';
import { startRelay, type TestRelay } from '../testing/relay.ts';
import { result } from '../testing/results.ts';

let relay: TestRelay;
let key: string;
beforeAll(async () => {
  relay = await startRelay();
  await relay.addUser('olga', 'operator', [{ plant: 'p1', line: 'l1' }]);
  key = await relay.edgeKey();
});
afterAll(async () => relay.close());

const publish = (rs: ReturnType<typeof result>[]) => fetch(`${relay.url}/api/v1/inferences`, {
  method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(rs),
});

it('streams one asset’s stored results to its followers, downsampled, until they unfollow', async () => {
  const browser = relay.browser(await relay.login('olga'));
  const points: TrendPush[] = [];
  browser.on('trend:point', (p) => points.push(p));
  const ack = (await browser.emitWithAck('trend:follow', { plant: 'p1', line: 'l1', asset: 'pump-1' })) as TrendFollowAck;
  expect(ack).toEqual({ status: 'following' });
  // 20 results for the followed asset and 20 for another, in one go: the follower sees the first at
  // once and the newest after the interval, nothing of the other asset.
  const now = Date.now();
  const mine = Array.from({ length: 20 }, (_, i) => result(i, { id: `m${i}`, ts: now - 20_000 + i * 1000, score: 0.1 + i / 100 }));
  const other = Array.from({ length: 20 }, (_, i) => result(100 + i, { id: `o${i}`, asset: 'pump-2', ts: now - 20_000 + i * 1000 }));
  expect((await publish([...mine, ...other])).status).toBe(202);
  await expect.poll(() => points.length, { timeout: 5000 }).toBe(2);
  expect(points.every((p) => p.asset === 'pump-1')).toBe(true);
  expect(points.map((p) => p.point.ts)).toEqual([now - 20_000, now - 1000]);
  expect(points[1]!.point).toEqual({ ts: now - 1000, score: mine[19]!.score, threshold: 0.8, values: { flow: 18, current: 2.6 } });

  browser.emit('trend:unfollow', { plant: 'p1', line: 'l1', asset: 'pump-1' });
  await new Promise((r) => setTimeout(r, 1200)); // past the interval, so a new point would go out at once
  expect((await publish([result(50, { id: 'after', ts: now })])).status).toBe(202);
  await relay.app.host.drain();
  await new Promise((r) => setTimeout(r, 300));
  expect(points).toHaveLength(2);
});

it('refuses a follow outside the scope, an invalid one, and more than the limit, each by name', async () => {
  const browser = relay.browser(await relay.login('olga'));
  const follow = (asset: unknown) => browser.emitWithAck('trend:follow', asset as never) as Promise<TrendFollowAck>;
  expect(await follow({ plant: 'p1', line: 'l2', asset: 'pump-1' })).toMatchObject({ status: 'refused', reason: expect.stringMatching(/^forbidden: p1\/l2/) });
  expect(await follow({ plant: 'p1', line: 'l1', asset: 'no spaces' })).toMatchObject({ status: 'refused', reason: expect.stringMatching(/^invalid: .*asset/) });
  for (let i = 0; i < MAX_TREND_FOLLOWS; i++) expect(await follow({ plant: 'p1', line: 'l1', asset: `a${i}` })).toEqual({ status: 'following' });
  expect(await follow({ plant: 'p1', line: 'l1', asset: 'a0' })).toEqual({ status: 'following' }); // already following: fine
  expect(await follow({ plant: 'p1', line: 'l1', asset: 'one-more' })).toMatchObject({ status: 'refused', reason: expect.stringMatching(/^limit: at most 24/) });
});
