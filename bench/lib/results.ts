// Inference results as a plant's edges send them: five attributions summing to score − baseValue.
import type { Priority } from '../../src/protocol/common.ts';
import type { InferenceResultInput } from '../../src/protocol/inference.ts';

export interface ResultSpec {
  plant: string;
  line: string;
  asset: string;
  model?: string;
  score: number;
  ts?: number;
  priority?: Priority;
  label?: string;
}

const FEATURES = [['flow', 'l/min', 18], ['pressure', 'bar', 1.9], ['current', 'A', 2.6], ['temperature', '°C', 61], ['vibration', 'mm/s', 3.1]] as const;
const SHARES = [0.45, 0.25, 0.15, 0.1, 0.05];

export function benchResult(id: string, s: ResultSpec): InferenceResultInput {
  const base = 0.1;
  const spread = s.score - base;
  return {
    id, ts: s.ts ?? Date.now(), plant: s.plant, line: s.line, asset: s.asset,
    model: { name: s.model ?? 'pump-watch', version: '1.4.2' }, score: s.score, threshold: 0.8, baseValue: base,
    ...(s.priority ? { priority: s.priority } : {}),
    ...(s.label ? { label: s.label } : {}),
    attributions: FEATURES.map(([feature, unit, value], i) => ({ feature, unit, value, contribution: spread * SHARES[i]!, baseline: value * 0.9 })),
  };
}

/** The engine's alert id of a key's n-th alert (DESIGN: one alert per plant/line/asset/model/label). */
export const alertId = (plant: string, line: string, asset: string, model = 'pump-watch', label = 'anomaly', n = 1) => `${plant}/${line}/${asset}/${model}/${label}#${n}`;

/** p-th percentile (0..100) of numbers, nearest rank. */
export function percentile(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

export const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));

/** Polls `cond` every `everyMs` until true; throws with `what` after `timeoutMs`. */
export async function until(cond: () => boolean | Promise<boolean>, timeoutMs: number, what: string, everyMs = 50): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}
