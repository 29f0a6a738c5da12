import { afterAll, beforeAll, expect, it } from 'vitest';
import { InferenceResult } from '../../src/protocol/inference.ts';
import { Trend } from '../../src/protocol/trend.ts';
import { startRelay, type TestRelay } from '../testing/relay.ts';
import { result } from '../testing/results.ts';
import { downsample } from './trend-routes.ts';

let relay: TestRelay;
beforeAll(async () => {
  relay = await startRelay();
  await relay.addUser('olga', 'operator', [{ plant: 'p1', line: 'l1' }]);
  await relay.store.saveCatalogue({ plant: 'p1', features: [], assets: {}, lines: { l1: 'Line 1', l2: 'Line 2' }, labels: {}, actions: {} }, 1);
  await relay.store.saveCatalogue({ plant: 'p9', features: [], assets: {}, lines: { x: 'X' }, labels: {}, actions: {} }, 1);
});
afterAll(async () => relay.close());

it('downsamples to the last result of each time bucket', () => {
  const rs = [0, 1, 2, 5, 9].map((n) => InferenceResult.parse(result(n, { score: n, ts: 1000 + n * 100 })));
  expect(downsample(rs, 1000, 2000, 2).map((p) => p.score)).toEqual([2, 9]);
  expect(downsample(rs, 1000, 2000, 10).map((p) => p.score)).toEqual([0, 1, 2, 5, 9]);
  expect(downsample(rs, 1000, 2000, 10)[0]!.values).toEqual({ flow: 18, current: 2.6 });
});

it('serves an asset trend within scope and lists only plants and lines in scope', async () => {
  const key = await relay.edgeKey();
  const rs = Array.from({ length: 50 }, (_, n) => result(n, { ts: 1_000_000 + n * 1000 }));
  const res = await fetch(`${relay.url}/api/v1/inferences`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(rs) });
  expect(res.status).toBe(202);
  const cookie = await relay.login('olga');
  const get = (path: string) => fetch(`${relay.url}${path}`, { headers: { cookie } });
  const trend = Trend.parse(await (await get('/api/v1/trend?plant=p1&line=l1&asset=pump-1&from=1000000&to=1050000&points=10')).json());
  expect(trend.points).toHaveLength(10);
  expect(trend.points.at(-1)!.ts).toBe(1_049_000);
  expect((await get('/api/v1/trend?plant=p1&line=l2&asset=pump-1&from=1000000&to=1050000')).status).toBe(403);
  const bad = await get('/api/v1/trend?plant=p1&line=l1&asset=pump-1&from=5&to=1');
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as { error: string }).error).toMatch(/to must be after from/);
  expect((await fetch(`${relay.url}/api/v1/trend?plant=p1&line=l1&asset=pump-1&from=1&to=5`)).status).toBe(401);
  expect(await (await get('/api/v1/plants')).json()).toEqual([{ plant: 'p1', lines: [{ line: 'l1', title: 'Line 1' }] }]);
});
