// The app's socket bridge (src/lib/socket.ts) against a real relay: every pushed event and answer is
// parsed with the protocol's schemas, so a malformed one is dropped and counted while the panel keeps
// applying the valid ones; asset state (subscribe answers, `asset:state` pushes) lands in the cache.
import { QueryClient } from '@tanstack/react-query';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { roomAssetsQuery } from '../../src/lib/asset-states.ts';
import type { BrowserSocket } from '../../src/lib/browser-socket.ts';
import { droppedEventsQuery } from '../../src/lib/dropped-events.ts';
import { roomKey, type RoomState } from '../../src/lib/room.ts';
import { plantShelveLimitsQuery } from '../../src/lib/shelve-limits.ts';
import { AlertBridge } from '../../src/lib/socket.ts';
import { lineRoom } from './publisher.ts';
import { startRelay, type TestRelay } from '../testing/relay.ts';
import { result } from '../testing/results.ts';

let relay: TestRelay;
let now = Date.now();
const bridges: AlertBridge[] = [];
beforeAll(async () => {
  relay = await startRelay({ clock: () => now, tickMs: 50 });
  await relay.addUser('olga', 'operator');
  await relay.addUser('erik', 'engineer');
});
afterAll(async () => {
  bridges.forEach((b) => b.close());
  await relay.close();
});

/** A panel's query cache with the app's bridge on a real socket.io client signed in as olga. */
async function panel() {
  const cookie = await relay.login('olga');
  const qc = new QueryClient();
  const socket = () => io(relay.url, { extraHeaders: { cookie }, transports: ['websocket'], reconnection: false, forceNew: true, autoConnect: false }) as BrowserSocket;
  const bridge = new AlertBridge(qc, { socket });
  bridges.push(bridge);
  await bridge.openRoom('p1', 'l1');
  return {
    alerts: () => Object.values(qc.getQueryData<RoomState>(roomKey('p1', 'l1'))?.alerts ?? {}).map((a) => a.asset),
    assets: () => Object.values(qc.getQueryData(roomAssetsQuery('p1', 'l1').queryKey) ?? {}).map((a) => `${a.asset}:${a.status}`),
    dropped: () => qc.getQueryData(droppedEventsQuery.queryKey),
    operatorShelf: () => qc.getQueryData(plantShelveLimitsQuery('p1').queryKey)?.plant.operatorShelveMaxMinutes,
  };
}

/** One result of pump-1 at relay time `now`. */
const post = async (n: number) => {
  const res = await fetch(`${relay.url}/api/v1/inferences`, {
    method: 'POST', headers: { authorization: `Bearer ${await relay.edgeKey()}`, 'content-type': 'application/json' },
    body: JSON.stringify([result(n, { ts: now, score: 0.95 })]),
  });
  expect(res.status).toBe(202);
};

it('drops and counts a malformed push, and applies the next valid one', async () => {
  const p = await panel();
  expect(p.alerts()).toEqual([]);
  // The relay's own io object, so the bad events travel the real wire ahead of a real change.
  const room = relay.app.io.to(lineRoom('p1', 'l1')) as unknown as { emit(event: string, payload: unknown): boolean };
  const pushed = (event: string, payload: unknown) => room.emit(event, payload);
  pushed('alert:change', { seq: 'not a number', alert: null }); // wrong shape
  pushed('alert:change', { seq: 1_000_000, kind: 'exploded', at: now, by: null, reason: null, alert: {} }); // unknown kind
  pushed('asset:state', { plant: 'p1', line: 'l1', asset: 'pump-1', status: 'on_fire' });
  for (const n of [1, 2, 3]) await post(n); // three results over the threshold raise (onDelayResults)
  await expect.poll(p.alerts).toEqual(['pump-1']);
  // socket.io keeps a connection's order: the three bad pushes came before the valid change.
  expect(p.dropped()).toMatchObject({ count: 3, last: { event: 'asset:state' } });
  expect(p.assets()).toEqual([]);
});

it('keeps the room\'s stale assets beside its alerts, from pushes and from the subscribe answer', async () => {
  const first = await panel();
  now += 2 * 60_000; // no data for two minutes of relay time (policy: stale after one)
  await expect.poll(first.assets).toEqual(['pump-1:stale']);
  const late = await panel();
  expect(late.assets()).toEqual(['pump-1:stale']); // from its subscribe answer
  await post(4);
  await expect.poll(first.assets).toEqual([]);
  await expect.poll(late.assets).toEqual([]);
  expect(first.dropped()).toBeUndefined();
});

it('takes the shelve limits from the subscribe answer, and the new ones when an engineer tightens the policy', async () => {
  const p = await panel();
  expect(p.operatorShelf()).toBe(120);
  const res = await fetch(`${relay.url}/api/v1/policy/plants/p1`, {
    method: 'PUT', headers: { cookie: await relay.login('erik'), 'content-type': 'application/json' },
    body: JSON.stringify({ policy: { operatorShelveMaxMinutes: 30 } }),
  });
  expect(res.status).toBe(200);
  await expect.poll(p.operatorShelf).toBe(30);
  expect(p.dropped()).toBeUndefined();
});
