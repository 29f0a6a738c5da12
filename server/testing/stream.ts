import type { InferenceResultInput } from '../../src/protocol/inference.ts';
import { result } from './results.ts';

/**
 * A repeating abnormal/normal pattern on several assets, stamped with the relay's clock, so alerts
 * raise, update and return to normal over and over: a stream of every kind of change.
 */
export function cyclingResults(tick: number, opts: { plant?: string; line?: string; assets?: number; now?: number } = {}): InferenceResultInput[] {
  const { plant = 'p1', line = 'l1', assets = 4, now = Date.now() } = opts;
  return Array.from({ length: assets }, (_, a) => {
    const phase = (tick + a * 7) % 40; // 40 ticks a cycle: 8 abnormal, 32 normal
    return result(tick * 100 + a, { id: `s-${a}-${tick}`, ts: now, plant, line, asset: `asset-${a}`, score: phase < 8 ? 0.95 : 0.2 });
  });
}

/** Publishes `cyclingResults` for one line every 100 ms through an edge client, noting every id published. */
export function resultStream(edge: { publish(r: InferenceResultInput): void }, where: { plant: string; line: string }) {
  const published: string[] = [];
  let tick = 0;
  return {
    published,
    /** Streams for `ms`. */
    async run(ms: number): Promise<void> {
      for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
        for (const r of cyclingResults(tick++, where)) {
          published.push(r.id);
          edge.publish(r);
        }
      }
    },
  };
}
