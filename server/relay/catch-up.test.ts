import { afterAll, beforeAll, expect, it } from 'vitest';
import { EdgeClient } from '../sim/edge-client.ts';
import { TestBrowser } from '../testing/browser.ts';
import { startRelay, type TestRelay } from '../testing/relay.ts';
import { seqDifferences } from '../testing/seqs.ts';
import { cyclingResults } from '../testing/stream.ts';

let relay: TestRelay;
beforeAll(async () => {
  relay = await startRelay();
  await relay.addUser('olga', 'operator');
});
afterAll(async () => relay.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('a browser cut off for 30 s during a stream catches up completely, each change once', async () => {
  const room = { plant: 'p1', line: 'l1' };
  const cookie = await relay.login('olga');
  const steady = new TestBrowser(relay.url, cookie, room);
  const cut = new TestBrowser(relay.url, cookie, room);
  await Promise.all([steady.connected(), cut.connected()]);
  const edge = new EdgeClient({ url: relay.url, key: await relay.edgeKey() });
  let tick = 0;
  const publishFor = async (ms: number) => {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      cyclingResults(tick++).forEach((r) => edge.publish(r));
      await sleep(100);
    }
  };
  await publishFor(3000);
  const beforeCut = cut.shown.size;
  cut.socket.disconnect();
  await publishFor(30_000);
  const missed = (await relay.store.latestSeq()) - cut.lastSeq;
  cut.socket.connect();
  await publishFor(2000);
  expect(await edge.flush(10_000)).toBe(true);
  await edge.close();
  await relay.app.host.drain();
  await sleep(600); // held updates flush on the next tick
  await relay.app.host.drain();
  // Deadlines may still add changes after the stream: the store is read again on every try.
  await expect.poll(async () => {
    const stored = (await relay.store.changesAfter(room, 0, 100_000)).map((c) => c.seq);
    return [cut.seqs(), steady.seqs()].map((shown) => seqDifferences(shown, stored));
  }, { timeout: 10_000 }).toEqual([null, null]);
  expect(beforeCut).toBeGreaterThan(0);
  expect(missed).toBeGreaterThan(20);
  expect(cut.snapshots).toBe(1); // the first connect only: the reconnect was a replay
  steady.close();
  cut.close();
}, 90_000);
