import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ConsoleState } from '../../src/protocol/alert.ts';
import { AlarmEngine } from '../engine/engine.ts';
import { startRelay, type TestRelay } from '../testing/relay.ts';
import { result } from '../testing/results.ts';

let relay: TestRelay;
const engine = new AlarmEngine();
beforeAll(async () => {
  relay = await startRelay({ engine });
  await relay.addUser('olga', 'operator');
});
afterAll(async () => relay.close());

it('a flood reaches browsers as one console state per line per queue turn, ending equal to the engine', async () => {
  const browser = relay.browser(await relay.login('olga'));
  await browser.emitWithAck('subscribe', { plant: 'p1', line: 'l1' });
  const states: ConsoleState[] = [];
  browser.on('console:state', (s: ConsoleState) => states.push(s));
  // 60 assets go abnormal at once, each for 3 s of event time: far past the flood mark (10 in 10 min).
  const batch = Array.from({ length: 60 }, (_, a) => [0, 1, 2].map((k) =>
    result(a * 3 + k, { ts: 1_760_000_000_000 + k * 1000, asset: `pump-${a}`, priority: 'low' }))).flat();
  const key = await relay.edgeKey();
  const res = await fetch(`${relay.url}/api/v1/inferences`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(batch) });
  expect(res.status).toBe(202);
  const answer = (await res.json()) as { accepted: string[]; rejected: unknown[] };
  await relay.app.host.drain();
  // On a loaded machine the queue can look idle between two of its turns: wait for the engine itself.
  const seen = () => JSON.stringify({ consoles: engine.consoles(), alerts: engine.alerts().length, accepted: answer.accepted.length, rejected: answer.rejected.slice(0, 3), states: states.length });
  await expect.poll(() => engine.consoles().find((c) => c.line === 'l1')?.inFlood, { timeout: 30_000, message: `engine not in flood: ${seen()}` }).toBe(true);
  await expect.poll(() => engine.consoles().find((c) => c.line === 'l1')!.digest.length, { timeout: 30_000 }).toBeGreaterThan(20);
  await relay.app.host.drain();
  const engineConsole = engine.consoles().find((c) => c.line === 'l1')!;
  expect(engineConsole.digest.length).toBeGreaterThan(20);
  await expect.poll(() => states.at(-1)?.digest.length).toBe(engineConsole.digest.length);
  expect(states.at(-1)).toEqual(engineConsole);
  // 180 results are two queue turns of 100; a digest growing alert by alert would have sent one state per alert.
  expect(states.length).toBeLessThanOrEqual(2);
});
