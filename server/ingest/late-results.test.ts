// Through the relay: results stamped before an alert was raised, arriving after it (an edge's buffer
// emptied late), are taken and stored but do not return the live alert to normal; newer results still do.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Alert } from '../../src/protocol/alert.ts';
import { call, get, publish } from '../api/route-testing.ts';
import { startRelay, type TestRelay } from '../testing/relay.ts';
import { result } from '../testing/results.ts';

const MIN = 60_000;
let relay: TestRelay;
let viewer: string;
let key: string;
const t0 = Date.now() - 5 * MIN;
/** The relay's clock, moved by the test; its own ticks are run by hand (no timed waits). */
let now = t0 + 10_000;
const at = (n: number, score: number, ts: number) => result(n, { id: `late-${n}`, plant: 'late', ts, score });

beforeAll(async () => {
  relay = await startRelay({ clock: () => now, tickMs: 3_600_000 });
  await relay.addUser('vic', 'viewer');
  viewer = await relay.login('vic');
  key = await relay.edgeKey();
});
afterAll(() => relay.close());

const open = async () => (await get(relay, viewer, '/api/v1/alerts?plant=late')).json as Alert[];

it('late results are stored but leave the live alert as newer results made it', async () => {
  expect((await publish(relay, key, [1, 2, 3, 4].map((n) => at(n, 0.95, t0 + n * 1000)))).accepted).toHaveLength(4);
  const [alert] = await open();
  expect(alert).toMatchObject({ active: true, state: 'unacknowledged' });
  // 30 normal results stamped 10 minutes before the alert: in order, they would have returned it after 10 s.
  const late = Array.from({ length: 30 }, (_, i) => at(100 + i, 0.1, t0 - 10 * MIN + i * 1000));
  const ack = await publish(relay, key, late);
  expect(ack.accepted).toHaveLength(30);
  expect(ack.rejected).toEqual([]);
  expect(await relay.store.resultCount()).toBe(34);
  // The relay's clock passes the off-delay: a tick completes nothing, as no newer result started it.
  now += 30_000;
  await relay.app.host.tick();
  expect((await open()).map((a) => [a.id, a.active, a.state])).toEqual([[alert!.id, true, 'unacknowledged']]);
  const timeline = await get(relay, viewer, `/api/v1/alerts/${encodeURIComponent(alert!.id)}`);
  expect(timeline.json.changes.map((c: { kind: string }) => c.kind)).not.toContain('returned');
  // Newer normal results still decide: the alert returns to normal after the off-delay.
  await publish(relay, key, Array.from({ length: 12 }, (_, i) => at(200 + i, 0.1, t0 + 5_000 + i * 1000)));
  expect((await open()).map((a) => [a.id, a.active, a.state])).toEqual([[alert!.id, false, 'returned_unacknowledged']]);
  expect((await call(relay, null, 'GET', '/healthz')).status).toBe(200);
});
