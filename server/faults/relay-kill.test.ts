// Fault: the relay process is killed (SIGKILL, no clean-up) under load and started again on the same
// data folder. The edge client resends what was not acknowledged; a browser reconnects with its last
// sequence. Ends with: every acknowledged result stored exactly once, the browser showing exactly the
// store's changes (none twice, none missing), the relay answering.
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startRelayProcess, type RelayProcess } from '../testing/relay-process.ts';
import { benchResult } from '../testing/results.ts';
import { EdgeClient } from '../sim/edge-client.ts';
import { openStore } from '../store/open.ts';
import { expectAnswering, expectStoredOnce, expectWatcherMatchesStore, freePort, RoomWatcher, sleep, until } from './support.ts';

let relay: RelayProcess | undefined;
afterAll(async () => {
  await relay?.stop();
});

it('loses nothing acknowledged and shows nothing twice when the relay is SIGKILLed under load', async () => {
  const port = await freePort();
  relay = await startRelayProcess({ port });
  const { dir, key } = relay;
  const room = { plant: 'bench', line: 'l1' };
  const watcher = new RoomWatcher(relay.url, await relay.login(), room);
  await watcher.ready();
  const firstSeq = watcher.state!.seq;

  const edge = new EdgeClient({ url: relay.url, key, ackTimeoutMs: 1500, backoff: { baseMs: 100, maxMs: 1000 }, maxBuffer: 100_000, random: () => 0.5 });
  expect(await edge.ready()).toBe(true);
  const published: string[] = [];
  const t0 = Date.now() - 6 * 3_600_000; // far enough back that t0 + 10,000 s is still in the past
  let n = 0;
  let killed = false;
  const restartAt = Date.now() + 2500;
  // 20 assets, 400 results/s; each asset alternates 12 abnormal and 15 normal results, with event time
  // 1 s per result, so alerts are raised, updated, returned and cleared (off-delay 10 s) during the run.
  const load = (async () => {
    const end = Date.now() + 7000;
    while (Date.now() < end) {
      for (let i = 0; i < 8; i++) {
        const asset = `p${n % 20}`, step = Math.floor(n / 20);
        const id = `k${n}`;
        edge.publish(benchResult(id, { ...room, asset, ts: t0 + step * 1000, score: step % 27 < 12 ? 0.95 : 0.3 }));
        published.push(id);
        n++;
      }
      if (!killed && Date.now() >= restartAt) {
        killed = true;
        await relay!.kill(); // mid-stream: batches are in flight, some stored and unanswered
        relay = await startRelayProcess({ dir, port, seed: false, key });
      }
      await sleep(20);
    }
  })();
  await load;
  expect(killed).toBe(true);
  expect(await edge.flush(30_000), `edge flushed (last error: ${edge.lastError})`).toBe(true);
  const counts = await edge.close();
  expect(counts).toMatchObject({ rejected: 0, dropped: 0 });
  expect(counts.accepted).toBe(published.length);
  expect(counts.resent, 'the kill made the edge resend').toBeGreaterThan(0);

  const store = await openStore({ sqliteFile: join(dir, 'clearline.sqlite') });
  try {
    await expectStoredOnce(store, published);
    expect(await store.resultCount()).toBe(published.length);
    const latest = async () => (await store.changesAfter(room, 0, 1_000_000)).at(-1)?.seq ?? 0;
    await until(async () => (watcher.state?.seq ?? 0) >= (await latest()), 20_000, 'the browser to catch up');
    expect(watcher.answers.length, 'the browser subscribed again after the restart').toBeGreaterThanOrEqual(2);
    expect(watcher.answers.slice(1), 'it caught up by replay from its last seq').not.toContain('snapshot');
    await expectWatcherMatchesStore(watcher, store, firstSeq);
    await expectAnswering(relay.url, async () => {
      const probe = new EdgeClient({ url: relay!.url, key });
      probe.publish(benchResult('after-restart', { ...room, asset: 'p0', ts: t0 + 10_000_000, score: 0.3 }));
      await probe.flush(10_000);
      return (await probe.close()).accepted === 1;
    });
    console.log(`relay-kill: ${published.length} results, ${counts.resent} resent, ${watcher.delivered.length} changes delivered, answers ${watcher.answers.join(',')}`);
  } finally {
    watcher.close();
    await store.close();
  }
});
