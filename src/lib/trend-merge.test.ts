import { describe, expect, it } from 'vitest';
import type { Trend, TrendPoint } from '../protocol/trend.ts';
import { MAX_TREND_POINTS, mergeTrendPoint } from './trend-merge.ts';

const p = (ts: number, score = ts / 1000): TrendPoint => ({ ts, score, threshold: 1, values: {} });
const trend = (...ts: number[]): Trend => ({ asset: 'pump-1', points: ts.map((t) => p(t)) });
const times = (t: Trend | undefined) => t?.points.map((x) => x.ts);

describe('mergeTrendPoint', () => {
  const cases: { name: string; before: Trend | undefined; point: TrendPoint; want: number[] | undefined }[] = [
    { name: 'appends the newest point', before: trend(1000, 2000), point: p(3000), want: [1000, 2000, 3000] },
    { name: 'puts a late point in time order', before: trend(1000, 3000), point: p(2000), want: [1000, 2000, 3000] },
    { name: 'goes first when it is the oldest in the window', before: trend(2000, 3000), point: p(1500), want: [1500, 2000, 3000] },
    { name: 'replaces a point at the same time', before: trend(1000, 2000), point: p(2000, 9), want: [1000, 2000] },
    { name: 'ignores a point before the window', before: trend(1000, 2000), point: p(500), want: [1000, 2000] },
    { name: 'ignores a point after the window', before: trend(1000, 2000), point: p(10_001), want: [1000, 2000] },
    { name: 'fills an empty window', before: trend(), point: p(4000), want: [4000] },
    { name: 'leaves a trend not loaded yet to its fetch', before: undefined, point: p(4000), want: undefined },
  ];
  for (const c of cases) {
    it(c.name, () => expect(times(mergeTrendPoint(c.before, c.point, 1000, 10_000))).toEqual(c.want));
  }

  it('keeps the replaced point’s new values and returns the same object when nothing changes', () => {
    const before = trend(1000, 2000);
    expect(mergeTrendPoint(before, p(2000, 9), 1000, 10_000)?.points[1]!.score).toBe(9);
    expect(mergeTrendPoint(before, p(99_999), 1000, 10_000)).toBe(before);
  });

  it('keeps at most MAX_TREND_POINTS, dropping the oldest', () => {
    const full = trend(...Array.from({ length: MAX_TREND_POINTS }, (_, i) => 1000 + i));
    const next = mergeTrendPoint(full, p(5000), 1000, 10_000)!;
    expect(next.points).toHaveLength(MAX_TREND_POINTS);
    expect(next.points[0]!.ts).toBe(1001);
    expect(next.points.at(-1)!.ts).toBe(5000);
  });
});
