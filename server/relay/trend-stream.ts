import type { InferenceResult } from '../../src/protocol/inference.ts';
import type { TrendPush } from '../../src/protocol/trend.ts';
import type { BrowserServer } from './publisher.ts';
import { TrendSampler } from './trend-sampler.ts';

/** The room of one asset's live trend. */
export const trendRoom = (plant: string, line: string, asset: string) => `trend:${plant}/${line}/${asset}`;

/**
 * The live trend stream: stored results in, downsampled points out to the browsers following each
 * asset (see browser-namespace.ts for `trend:follow`). A timer sends the points that had to wait.
 */
export function startTrendStream(io: BrowserServer, clock: () => number, everyMs = 1000) {
  const sampler = new TrendSampler(everyMs);
  const send = (p: TrendPush) => io.to(trendRoom(p.plant, p.line, p.asset)).emit('trend:point', p);
  const timer = setInterval(() => sampler.due(clock()).forEach(send), Math.max(50, everyMs / 4));
  timer.unref();
  return {
    /** Results just stored (and so safe to show). */
    stored(results: InferenceResult[]) {
      const now = clock();
      for (const r of results) {
        const push = sampler.offer(r, now);
        if (push) send(push);
      }
    },
    stop: () => clearInterval(timer),
  };
}
