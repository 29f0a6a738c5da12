import type { Trend, TrendPoint } from '../protocol/trend.ts';

/** Most points a cached trend keeps, however long it stays on screen receiving live points. */
export const MAX_TREND_POINTS = 1000;

/**
 * A live point merged into a cached trend window [from, to]: kept in time order, a point at the same
 * time replaced, points outside the window ignored, the oldest dropped beyond MAX_TREND_POINTS.
 * Returns the same object when nothing changes (so nothing re-renders). No trend yet: nothing to merge
 * into — the window's fetch brings the stored points.
 */
export function mergeTrendPoint(trend: Trend | undefined, point: TrendPoint, from: number, to: number): Trend | undefined {
  if (!trend || point.ts < from || point.ts > to) return trend;
  const points = trend.points;
  let i = points.length;
  while (i > 0 && points[i - 1]!.ts > point.ts) i--; // live points are nearly always the newest: search from the end
  const same = i > 0 && points[i - 1]!.ts === point.ts;
  const next = [...points.slice(0, same ? i - 1 : i), point, ...points.slice(i)];
  return { ...trend, points: next.length > MAX_TREND_POINTS ? next.slice(next.length - MAX_TREND_POINTS) : next };
}
