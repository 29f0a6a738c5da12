import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AssetState } from '../../src/protocol/asset.ts';
import type { SubscribeAck } from '../../src/protocol/events.ts';
import { startRelay, type TestRelay } from '../testing/relay.ts';
import { result } from '../testing/results.ts';

let relay: TestRelay;
let now = Date.now();
beforeAll(async () => {
  relay = await startRelay({ clock: () => now, tickMs: 50 });
  await relay.addUser('olga', 'operator');
});
afterAll(async () => relay.close());

it('tells the line when an asset goes silent, and a late subscriber sees it too', async () => {
  const browser = relay.browser(await relay.login('olga'));
  await browser.emitWithAck('subscribe', { plant: 'p1', line: 'l1' });
  const states: AssetState[] = [];
  browser.on('asset:state', (s) => states.push(s));
  const key = await relay.edgeKey();
  const post = (n: number) => fetch(`${relay.url}/api/v1/inferences`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify([result(n, { ts: now, score: 0.1 })]) });
  expect((await post(1)).status).toBe(202);
  now += 2 * 60_000; // no data for two minutes of relay time (policy: stale after one)
  await expect.poll(() => states.map((s) => s.status)).toEqual(['stale']);
  expect(states[0]).toMatchObject({ plant: 'p1', line: 'l1', asset: 'pump-1' });
  const late = relay.browser(await relay.login('olga'));
  const ack = (await late.emitWithAck('subscribe', { plant: 'p1', line: 'l1' })) as SubscribeAck;
  expect(ack.status === 'snapshot' && ack.snapshot.assets?.map((a) => a.status)).toEqual(['stale']);
  expect((await post(2)).status).toBe(202);
  await expect.poll(() => states.map((s) => s.status)).toEqual(['stale', 'fresh']);
});
