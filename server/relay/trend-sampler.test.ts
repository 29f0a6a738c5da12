import { describe, expect, it } from 'vitest';
import { InferenceResult } from '../../src/protocol/inference.ts';
import { result } from '../testing/results.ts';
import { TrendSampler } from './trend-sampler.ts';

const r = (n: number, over: Parameters<typeof result>[1] = {}) => InferenceResult.parse(result(n, over));

describe('TrendSampler', () => {
  it('sends at most one point per asset per interval, always the newest, and the held one when its turn comes', () => {
    const s = new TrendSampler(1000);
    const steps: [string, number, ReturnType<typeof r> | null][] = [
      ['first result goes out at once', 0, r(1, { score: 0.5 })],
      ['inside the interval: held', 200, r(2, { score: 0.6 })],
      ['newer still: replaces the held one', 400, r(3, { score: 0.7 })],
    ];
    const sent = steps.map(([, now, res]) => s.offer(res!, now)?.point.score ?? null);
    expect(sent).toEqual([0.5, null, null]);
    expect(s.due(900)).toEqual([]);
    expect(s.due(1000).map((p) => p.point.score)).toEqual([0.7]);
    expect(s.due(2500)).toEqual([]); // nothing held
    expect(s.offer(r(4, { score: 0.8 }), 2600)?.point.score).toBe(0.8);
  });

  it('keeps assets apart, carries each feature value, and forgets assets gone quiet', () => {
    const s = new TrendSampler(1000);
    const a = s.offer(r(1, { asset: 'pump-1' }), 0);
    const b = s.offer(r(2, { asset: 'pump-2' }), 10);
    expect([a?.asset, b?.asset]).toEqual(['pump-1', 'pump-2']);
    expect(a?.point.values).toEqual({ flow: 18, current: 2.6 });
    expect(s.size).toBe(2);
    s.due(61_000);
    expect(s.size).toBe(0);
  });

  it('keeps the newest by event time when results arrive out of order', () => {
    const s = new TrendSampler(1000);
    s.offer(r(1, { ts: 5000 }), 0);
    s.offer(r(3, { ts: 7000 }), 100);
    s.offer(r(2, { ts: 6000 }), 200); // late: older than the one held
    expect(s.due(1000).map((p) => p.point.ts)).toEqual([7000]);
  });
});
