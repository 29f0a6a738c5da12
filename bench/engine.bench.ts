// Alarm-engine throughput on one core: `node bench/engine.bench.ts` (Node 24, type stripping).
// Prints results/s for 1k and 100k keys. Target (DESIGN.md budgets via the relay): ≥ 200,000 results/s at 1k keys.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { InferenceResult } from '../src/protocol/inference.ts';
import { AlarmEngine } from '../server/engine/engine.ts';

/** Deterministic pseudo-random numbers (the bench must give the same stream every run). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

interface Shape {
  keys: number;
  results: number;
  /** Every key abnormal all the time: each result updates an annunciated alert (worst steady path). */
  allAbnormal?: boolean;
}

/**
 * A plant-like stream: keys spread over 20 lines and 10 assets per model; each key is normal most of
 * the time (score ~0.3), some keys are in an abnormal episode (score ~0.9, so every result updates an
 * annunciated alert), and episodes start and end so raises, returns and off-delays happen too.
 */
function stream({ keys, results, allAbnormal = false }: Shape): InferenceResult[] {
  const rnd = lcg(42);
  const models = Array.from({ length: 10 }, (_, i) => ({ name: `model-${i}`, version: '1.0.0' }));
  const abnormal = new Uint8Array(keys);
  const out: InferenceResult[] = new Array(results);
  const t0 = 1_700_000_000_000;
  for (let i = 0; i < results; i++) {
    const k = i % keys;
    if (allAbnormal) abnormal[k] = 1;
    else if (rnd() < 0.002) abnormal[k] = abnormal[k] ? 0 : 1;
    const asset = Math.floor(k / 10);
    out[i] = {
      id: `r${i}`,
      ts: t0 + Math.floor((i / keys) * 1000), // every key about once a second
      plant: 'plant-1',
      line: `line-${asset % 20}`,
      asset: `asset-${asset}`,
      model: models[k % 10]!,
      score: (abnormal[k] ? 0.9 : 0.3) + (rnd() - 0.5) * 0.1,
      threshold: 0.8,
    };
  }
  return out;
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapMb = () => {
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

/** Ingests the stream (first 10 % as warm-up, so key creation and JIT are not in the figure). */
function measure(e: AlarmEngine, rs: InferenceResult[]) {
  const warm = Math.floor(rs.length / 10);
  for (let i = 0; i < warm; i++) e.ingest(rs[i]!);
  let events = 0;
  const t = process.hrtime.bigint();
  for (let i = warm; i < rs.length; i++) events += e.ingest(rs[i]!).length;
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  return { n: rs.length - warm, events, ms, last: rs.at(-1)!.ts };
}

function run(shape: Shape, label: string): void {
  const base = heapMb();
  const e = new AlarmEngine();
  const { n, events, ms, last } = measure(e, stream(shape));
  let ticks = 0;
  const tt = process.hrtime.bigint();
  for (let s = 1; s <= 10; s++) ticks += e.tick(last + s * 1000).length;
  const tickMs = Number(process.hrtime.bigint() - tt) / 1e6 / 10;
  const heap = heapMb() - base; // what the engine keeps: state of every key, alerts, timers
  console.log(
    `${label.padEnd(22)} ${String(n).padStart(9)} results  ${((n / ms) * 1000).toFixed(0).padStart(9)} results/s  ` +
      `${events} events (${((events / n) * 100).toFixed(1)} per 100)  alerts ${e.alerts().length}  tick ${tickMs.toFixed(2)} ms  engine heap ${heap.toFixed(0)} MB  (${ticks} tick events)`,
  );
}

run({ keys: 1_000, results: 2_000_000 }, '1k keys');
run({ keys: 1_000, results: 2_000_000, allAbnormal: true }, '1k keys, all abnormal');
run({ keys: 100_000, results: 2_000_000 }, '100k keys');
