// Row (a): relay throughput, ingest → engine → store → 50 socket.io clients, against a plain socket.io
// server broadcasting the very same change payloads (captured from the relay's run) to 50 clients.
// Both sides keep the same window of changes in flight (sent, not yet received by the slowest client),
// and they alternate (relay, plain, relay, plain…) so that other load on the machine hits both alike;
// each side's best round counts. CPU seconds per 1000 changes of the relay and of the plain server are
// reported too: unlike wall-clock rates they hardly depend on what else the machine is doing.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InferenceResultInput } from '../src/protocol/inference.ts';
import { publishAll } from '../server/testing/edge.ts';
import { cpuSeconds } from './lib/proc.ts';
import { startRelayProcess, ROOT } from '../server/testing/relay-process.ts';
import { benchResult } from '../server/testing/results.ts';
import { sleep, until } from '../server/testing/wait.ts';
import { forkChild, type Child } from '../server/testing/rpc.ts';

interface FarmStats { min: number; max: number; total: number; lastAt: number; connected: number; errors: number }

export interface ThroughputResult {
  clients: number;
  keys: number;
  rounds: number;
  resultsPerRound: number;
  changesPerRound: number;
  payloadBytes: number;
  relayChangesPerS: number;
  plainChangesPerS: number;
  ratio: number;
  relayRounds: number[];
  plainRounds: number[];
  /** CPU seconds per 1000 changes delivered to all clients (median over rounds). */
  cpuPer1000: { relay: number; plain: number };
  /** Throughput ratio implied by CPU cost alone (plain ÷ relay CPU per change). */
  cpuRatio: number;
  relayPeakRssMb: number;
  publish: { retries: number; rejected: number };
}

// Changes in flight (sent, not yet received by the slowest client), the same on both sides. Kept well
// under what the relay tolerates queued for one browser (server/relay/slow-browsers.ts drops a browser
// that stays over ~8 MB): WINDOW + LANES × BATCH changes of ~2 kB is under 3 MB.
const WINDOW = 500;
const LANES = 4;
const BATCH = 250;
const CLIENTS = 50;

async function stats(farm: Child): Promise<FarmStats> {
  return farm.call<FarmStats>('stats');
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function throughput(opts: { quick: boolean; log: (s: string) => void }): Promise<ThroughputResult> {
  const KEYS = opts.quick ? 2000 : 5000;
  const PASSES = opts.quick ? 4 : 6; // each key once per pass: ≥ 250 ms apart below KEYS*4 results/s, so no coalescing
  const ROUNDS = opts.quick ? 1 : 3;
  const tmp = mkdtempSync(join(tmpdir(), 'clearline-tp-'));
  const capture = join(tmp, 'changes.jsonl');
  const farmR = forkChild(join(ROOT, 'bench/lib/client-farm.ts'));
  const farmP = forkChild(join(ROOT, 'bench/lib/client-farm.ts'));
  const plain = forkChild(join(ROOT, 'bench/lib/plain-server.ts'));
  const relay = await startRelayProcess();
  try {
    const cookie = await relay.login();
    // Clients follow the whole plant; the keys are spread over 500 lines (10 assets each) so that no line
    // goes into flood: in flood every raise also sends the line's whole digest (see the report), which
    // would make the warm-up, not the relay's steady work, dominate.
    await farmR.call('connect', { url: relay.url, n: CLIENTS, cookie, subs: [{ plant: 'bench' }] });
    const asset = (k: number) => `a${k}`;
    const line = (k: number) => `l${k % 500}`;
    let base = relay.latestSeq();
    const gate = async () => {
      const end = Date.now() + 120_000;
      for (;;) {
        const sent = relay.latestSeq() - base; // changes are sent right after they are stored
        const s = await stats(farmR);
        if (s.connected < CLIENTS) throw new Error(`the relay dropped ${CLIENTS - s.connected} of ${CLIENTS} clients (slow readers?)`);
        if (sent - s.min <= WINDOW) return;
        if (Date.now() > end) throw new Error(`clients stopped receiving: ${sent} changes stored, slowest client has ${s.min}`);
        await sleep(2);
      }
    };
    let last: FarmStats | null = null;
    const settled = () => until(async () => {
      const s = (last = await stats(farmR));
      if (s.connected < CLIENTS) throw new Error(`the relay dropped ${CLIENTS - s.connected} of ${CLIENTS} clients (slow readers?)`);
      return s.min >= relay.latestSeq() - base && (await relay.queueDepth()) === 0 && Date.now() - s.lastAt > 1500;
    }, 180_000, 'every relay client to receive every change', 50).catch((e: Error) => {
      throw new Error(`${e.message}: stored ${relay.latestSeq() - base} changes, clients got min ${last?.min} max ${last?.max}, ${last?.connected}/${CLIENTS} connected, ${last?.errors} errors`);
    });

    // Warm-up: raise every key (3 abnormal results each: the on-delay), so each measured result updates an alert.
    let n = 0;
    const warm: InferenceResultInput[][] = [];
    for (let k = 0; k < KEYS; k += BATCH / 5) {
      const b: InferenceResultInput[] = [];
      for (let j = k; j < Math.min(KEYS, k + BATCH / 5); j++) for (let r = 0; r < 3; r++) b.push(benchResult(`w${n++}`, { plant: 'bench', line: line(j), asset: asset(j), score: 0.95 }));
      warm.push(b);
    }
    await publishAll(relay.url, relay.key, warm, { lanes: 2, gate });
    await settled();
    opts.log(`  (a) ${KEYS} alerts raised; ${ROUNDS} round(s) of ${KEYS * PASSES} results, relay and plain alternating`);

    const port = await plain.call<number>('listen');
    await farmP.call('connect', { url: `http://127.0.0.1:${port}`, n: CLIENTS });
    const relayRounds: number[] = [], plainRounds: number[] = [], relayCpu: number[] = [], plainCpu: number[] = [];
    let changesPerRound = 0, total = 0;
    const pub = { retries: 0, rejected: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      // ── relay ──
      const batches: InferenceResultInput[][] = [];
      for (let p = 0; p < PASSES; p++) {
        for (let k = 0; k < KEYS; k += BATCH) {
          const b: InferenceResultInput[] = [];
          for (let j = k; j < Math.min(KEYS, k + BATCH); j++) b.push(benchResult(`m${n++}`, { plant: 'bench', line: line(j), asset: asset(j), score: 0.85 + (p % 5) * 0.02 }));
          batches.push(b);
        }
      }
      await farmR.call('reset');
      if (round === 0) await farmR.call('capture', { on: true });
      base = relay.latestSeq();
      const c0 = cpuSeconds(relay.pid);
      const t0 = Date.now();
      const r = await publishAll(relay.url, relay.key, batches, { lanes: LANES, gate });
      pub.retries += r.retries;
      pub.rejected += r.rejected;
      await settled();
      const changes = relay.latestSeq() - base;
      const seconds = ((await stats(farmR)).lastAt - t0) / 1000;
      relayRounds.push(changes / seconds);
      relayCpu.push(((cpuSeconds(relay.pid) - c0) / changes) * 1000);
      if (round === 0) {
        changesPerRound = changes;
        await farmR.call('dump', { file: capture });
        total = await plain.call<number>('load', { file: capture });
      }
      // ── plain socket.io, the same payloads ──
      await farmP.call('reset');
      const p0 = cpuSeconds(plain.proc.pid!);
      const s0 = Date.now();
      let emitted = 0;
      while (emitted < total) {
        if (emitted - (await stats(farmP)).min > WINDOW) {
          await sleep(2);
          continue;
        }
        emitted = await plain.call<number>('emit', { from: emitted, to: emitted + BATCH });
      }
      await until(async () => (await stats(farmP)).min >= total, 180_000, 'plain clients to receive everything', 20);
      const plainSeconds = ((await stats(farmP)).lastAt - s0) / 1000;
      plainRounds.push(total / plainSeconds);
      plainCpu.push(((cpuSeconds(plain.proc.pid!) - p0) / total) * 1000);
      opts.log(`  (a) round ${round + 1}: relay ${(changes / seconds).toFixed(0)} changes/s per client (${seconds.toFixed(1)} s), plain ${(total / plainSeconds).toFixed(0)} (${plainSeconds.toFixed(1)} s)`);
    }
    const relayChangesPerS = Math.max(...relayRounds), plainChangesPerS = Math.max(...plainRounds);
    const cpu = { relay: median(relayCpu), plain: median(plainCpu) };
    return {
      clients: CLIENTS, keys: KEYS, rounds: ROUNDS, resultsPerRound: KEYS * PASSES, changesPerRound, payloadBytes: statSync(capture).size / Math.max(1, total),
      relayChangesPerS, plainChangesPerS, ratio: relayChangesPerS / plainChangesPerS, relayRounds, plainRounds,
      cpuPer1000: cpu, cpuRatio: cpu.plain / cpu.relay, relayPeakRssMb: relay.memory().peakMb, publish: pub,
    };
  } finally {
    await Promise.all([farmR.stop(), farmP.stop(), plain.stop()]);
    await relay.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (import.meta.main) console.log(await throughput({ quick: process.argv.includes('--quick'), log: console.log }));
