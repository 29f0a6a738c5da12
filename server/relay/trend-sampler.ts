import type { InferenceResult } from '../../src/protocol/inference.ts';
import type { TrendPush } from '../../src/protocol/trend.ts';

/** When an asset's last point went out, and the newest result since that waits for its turn. */
interface AssetTrend {
  sentAt: number;
  held: TrendPush | null;
}

/** An asset quiet this long is forgotten, so the map holds only assets that are publishing. */
const FORGET_AFTER_MS = 60_000;

/**
 * Downsamples stored results into the live trend stream (DESIGN: "a separate, downsampled stream"):
 * at most one point per asset per `everyMs`, always the newest result, so a 100 Hz edge becomes 1 Hz
 * on the panel's trend. Pure: relay time is passed in.
 */
export class TrendSampler {
  private readonly assets = new Map<string, AssetTrend>();
  private readonly everyMs: number;

  constructor(everyMs = 1000) {
    this.everyMs = everyMs;
  }

  /** A stored result: its point goes out now when the asset's last one is old enough, else it waits (newest wins). */
  offer(r: InferenceResult, now: number): TrendPush | null {
    const id = `${r.plant}/${r.line}/${r.asset}`;
    const push = toPush(r);
    const a = this.assets.get(id);
    if (!a || now - a.sentAt >= this.everyMs) {
      this.assets.set(id, { sentAt: now, held: null });
      return push;
    }
    if (!a.held || push.point.ts >= a.held.point.ts) a.held = push;
    return null;
  }

  /** Points that waited and whose turn has come (call a few times per `everyMs`). */
  due(now: number): TrendPush[] {
    const out: TrendPush[] = [];
    for (const [id, a] of this.assets) {
      if (a.held && now - a.sentAt >= this.everyMs) {
        out.push(a.held);
        a.held = null;
        a.sentAt = now;
      } else if (!a.held && now - a.sentAt >= FORGET_AFTER_MS) this.assets.delete(id);
    }
    return out;
  }

  /** Assets tracked right now (for tests and metrics). */
  get size(): number {
    return this.assets.size;
  }
}

/** A result as a trend point: score, threshold and each attributed feature's value (as GET /api/v1/trend gives them). */
export function toPush(r: InferenceResult): TrendPush {
  return {
    plant: r.plant, line: r.line, asset: r.asset,
    point: { ts: r.ts, score: r.score, threshold: r.threshold, values: Object.fromEntries((r.attributions ?? []).map((a) => [a.feature, a.value])) },
  };
}
