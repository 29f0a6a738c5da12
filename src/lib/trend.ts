import { useEffect } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Trend } from '../protocol/trend.ts';
import { api } from './api.ts';
import { bridgeFor } from './socket.ts';

/** How far before an alert's start its trend begins. */
export const TREND_BEFORE_MS = 10 * 60_000;
/** The trend's end moves in steps of this, so the query is asked again at most this often. */
// Live points (trend-follower.ts) keep the window moving between fetches, so a minute is fresh enough.
export const TREND_STEP_MS = 60_000;
const MAX_SPAN_MS = 7 * 86_400_000 - TREND_STEP_MS; // the relay answers at most 7 days

/** The time window of an alert's trend: 10 min before its start until now (in 1 min steps). */
export function trendWindow(start: number, now: number): { from: number; to: number } {
  const to = Math.ceil(Math.max(now, start + 1) / TREND_STEP_MS) * TREND_STEP_MS;
  const from = Math.max(start - TREND_BEFORE_MS, to - MAX_SPAN_MS, 0);
  return { from, to };
}

export const trendKey = (plant: string, line: string, asset: string, from: number, to: number) => ['trend', plant, line, asset, from, to] as const;

/**
 * One asset's downsampled score and feature values: the trend around an alert's start, fetched
 * (REST) for its window and kept moving by the live trend stream while on screen (socket bridge).
 * While the next window loads, the previous one stays on screen.
 */
export function useTrend(q: { plant: string; line: string; asset: string; start: number; now: number; points?: number }) {
  const { from, to } = trendWindow(q.start, q.now);
  const points = q.points ?? 240;
  const qc = useQueryClient();
  useEffect(() => bridgeFor(qc).followTrend(q.plant, q.line, q.asset), [qc, q.plant, q.line, q.asset]);
  return useQuery({
    queryKey: [...trendKey(q.plant, q.line, q.asset, from, to), points],
    queryFn: ({ signal }) => {
      const p = new URLSearchParams({ plant: q.plant, line: q.line, asset: q.asset, from: String(from), to: String(to), points: String(points) });
      return api(`/api/v1/trend?${p}`, Trend, { signal });
    },
    placeholderData: keepPreviousData,
    staleTime: TREND_STEP_MS,
    gcTime: 60_000,
    retry: 1,
  });
}
