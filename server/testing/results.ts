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
