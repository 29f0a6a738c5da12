// Row (e): relay RSS with 100 k stored alerts and 200 connected clients.
import { join } from 'node:path';
import type { InferenceResultInput } from '../src/protocol/inference.ts';
import { edgeSocket, paced, publishAll } from '../server/testing/edge.ts';
import { startRelayProcess, ROOT } from '../server/testing/relay-process.ts';
import { benchResult } from '../server/testing/results.ts';
import { sleep, until } from '../server/testing/wait.ts';
import { forkChild } from '../server/testing/rpc.ts';

export interface MemoryResult {
  alerts: number;
  clients: number;
  lines: number;
  ingestSeconds: number;
  /** Highest RSS sampled while 200 clients are connected and results flow (after start-up). */
  steadyRssMb: number;
  /** RSS after the clients connected and traffic stopped, settled for a few seconds. */
  idleRssMb: number;
  /** Kernel's peak (VmHWM) over the whole run, including the 100 k-alert ingest and the 200 subscribes. */
  peakRssMb: number;
  afterIngestRssMb: number;
}

export async function memory(opts: { quick: boolean; log: (s: string) => void }): Promise<MemoryResult> {
  const ALERTS = opts.quick ? 20_000 : 100_000;
  const LINES = 200;
  const CLIENTS = 200;
  const perLine = ALERTS / LINES;
  const relay = await startRelayProcess();
  const farm = forkChild(join(ROOT, 'bench/lib/client-farm.ts'));
  try {
    // 100 k alerts through the real ingest path: 3 abnormal results each (the on-delay), 200 lines × 500 assets.
    const batches: InferenceResultInput[][] = [];
    let b: InferenceResultInput[] = [];
    let n = 0;
    for (let i = 0; i < ALERTS; i++) {
      const line = `l${i % LINES}`, asset = `a${Math.floor(i / LINES)}`;
      for (let r = 0; r < 3; r++) b.push(benchResult(`m${n++}`, { plant: 'bench', line, asset, score: 0.95 }));
      if (b.length >= 999) {
        batches.push(b);
        b = [];
      }
    }
    if (b.length) batches.push(b);
    const t0 = Date.now();
    const pub = await publishAll(relay.url, relay.key, batches, { lanes: 4 });
    if (pub.rejected) throw new Error(`ingest refused ${pub.rejected}: ${pub.reasons.join('; ')}`);
    await until(async () => (await relay.queueDepth()) === 0, 60_000, 'queue drained');
    const ingestSeconds = (Date.now() - t0) / 1000;
    const afterIngestRssMb = relay.memory().rssMb;
    const open = await relay.openAlerts();
    opts.log(`  (e) ${open} open alerts after ${ingestSeconds.toFixed(0)} s (${(n / ingestSeconds).toFixed(0)} results/s), RSS ${afterIngestRssMb.toFixed(0)} MB`);

    const cookie = await relay.login();
    const subs = Array.from({ length: LINES }, (_, i) => ({ plant: 'bench', line: `l${i}` }));
    const c = await farm.call<{ connected: number; ms: number }>('connect', { url: relay.url, n: CLIENTS, cookie, subs, kind: 'socketio' }, 300_000);
    opts.log(`  (e) ${c.connected} clients subscribed (${perLine} alerts each) in ${(c.ms / 1000).toFixed(1)} s`);

    // Live traffic while connected: 500 results/s updating alerts across every line.
    const edge = await edgeSocket(relay.url, relay.key);
    let steady = 0;
    let m = 0;
    const sampler = setInterval(() => (steady = Math.max(steady, relay.memory().rssMb)), 200);
    await paced(500, opts.quick ? 10_000 : 30_000, (k) => {
      const batch = Array.from({ length: k }, () => {
        const i = m++ % ALERTS;
        return benchResult(`live${m}`, { plant: 'bench', line: `l${i % LINES}`, asset: `a${Math.floor(i / LINES)}`, score: 0.9 });
      });
      edge.emit('inference', batch, () => undefined);
    }, 50);
    clearInterval(sampler);
    edge.close();
    await sleep(5000);
    const idle = relay.memory();
    return { alerts: open, clients: c.connected, lines: LINES, ingestSeconds, steadyRssMb: steady, idleRssMb: idle.rssMb, peakRssMb: idle.peakMb, afterIngestRssMb };
  } finally {
    await farm.stop();
    await relay.stop();
  }
}

if (import.meta.main) console.log(await memory({ quick: process.argv.includes('--quick'), log: console.log }));
