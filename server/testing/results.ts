// Inference results as tests and benches publish them: small builders over one shape.
import type { Priority } from '../../src/protocol/common.ts';
import type { InferenceResultInput } from '../../src/protocol/inference.ts';

/** A valid inference result for tests; override any field. */
export function result(n: number, over: Partial<InferenceResultInput> = {}): InferenceResultInput {
  return {
    id: `r-${n}`, ts: 1_760_000_000_000 + n * 1000, plant: 'p1', line: 'l1', asset: 'pump-1',
    model: { name: 'watch', version: '1.0.0' }, score: 0.9, threshold: 0.8, baseValue: 0.1,
    attributions: [{ feature: 'flow', value: 18, contribution: 0.5 }, { feature: 'current', value: 2.6, contribution: 0.3 }],
    ...over,
  };
}

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

/** A result as a plant's edges send it: five attributions summing to score − baseValue. */
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

/** The engine's alert id of a key's n-th alert (docs/design.md, Lifecycle: one alert per plant/line/asset/model/label key). */
export const alertId = (plant: string, line: string, asset: string, model = 'pump-watch', label = 'anomaly', n = 1) => `${plant}/${line}/${asset}/${model}/${label}#${n}`;

/** Resolves with the first event of `name` on an emitter-like socket, or rejects after `ms`. */
export function nextEvent<T>(socket: { once(ev: string, fn: (v: T) => void): unknown }, name: string, ms = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no ${name} within ${ms} ms`)), ms);
    socket.once(name, (v: T) => {
      clearTimeout(t);
      resolve(v);
    });
  });
}
