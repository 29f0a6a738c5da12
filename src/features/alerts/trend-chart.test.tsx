// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { AlertTrend, linePath, trendSeries } from './trend-chart.tsx';
import { explain } from './explain.ts';
import { trendWindow } from '../../lib/trend.ts';
import { makeAlert } from '../../lib/testing/alert-fixture.ts';
import type { Catalogue } from '../../protocol/catalogue.ts';

const catalogue: Catalogue = {
  plant: 'demo', assets: {}, lines: {}, labels: {}, actions: {},
  features: [
    { feature: 'flow', displayName: 'Flow', unit: 'l/min', normalLow: 31, normalHigh: 35, mean: 33, sigma: 0.5 },
    { feature: 'pressure', displayName: 'Pressure', unit: 'bar', normalLow: 1.2, normalHigh: 1.6 },
  ],
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('trend', () => {
  it('asks for 10 min before the start until now, in 1 min steps, never more than the relay answers', () => {
    expect(trendWindow(1_000_000, 1_000_001)).toEqual({ from: 400_000, to: 1_020_000 });
    const long = trendWindow(0, 30 * 86_400_000);
    expect(long.to - long.from).toBeLessThanOrEqual(7 * 86_400_000);
  });

  it('breaks the line where results are missing', () => {
    const d = linePath([0, 1000, 2000, 60_000], [1, 2, null, 3], (t) => t / 1000, (v) => v, 30_000);
    expect(d).toBe('M0.0,1.0L1.0,2.0M60.0,3.0');
  });

  it('draws the top features in their units with their normal band, and the score against the threshold', () => {
    const rows = explain(makeAlert().last, catalogue, 2).rows;
    const points = [
      { ts: 0, score: 0.2, threshold: 0.8, values: { flow: 33, pressure: 1.4 } },
      { ts: 1000, score: 0.9, threshold: 0.8, values: { flow: 18, pressure: 1.9 } },
    ];
    const series = trendSeries(points, rows, true);
    expect(series.map((s) => [s.name, s.now])).toEqual([['Score', '0.9 / 0.8'], ['Flow', '18 l/min'], ['Pressure', '1.9 bar']]);
    expect(series[1]!.band).toEqual({ low: 31, high: 35 });
    expect(series[0]!.level).toBe(0.8);
  });

  it('loads the asset’s trend around the start and describes each line in words', async () => {
    const alert = makeAlert();
    const start = alert.annunciatedAt!;
    const fetch = vi.fn(async (url: string) => {
      expect(url).toMatch(/^\/api\/v1\/trend\?plant=demo&line=line2&asset=p204&from=\d+&to=\d+&points=240$/);
      const points = [-300_000, -60_000, 0, 60_000].map((dt, i) => ({ ts: start + dt, score: [0.2, 0.3, 0.85, 0.93][i]!, threshold: 0.8, values: { flow: [33, 32, 20, 18][i]!, pressure: 1.4 + i * 0.2 } }));
      return new Response(JSON.stringify({ asset: 'p204', points }), { headers: { 'content-type': 'application/json' } });
    });
    vi.stubGlobal('fetch', fetch);
    render(<QueryClientProvider client={new QueryClient()}><AlertTrend alert={alert} catalogue={catalogue} now={start + 60_000} /></QueryClientProvider>);
    await waitFor(() => expect(screen.getByTestId('alert-trend').dataset.points).toBe('4'));
    const imgs = screen.getAllByRole('img');
    expect(imgs.map((i) => i.getAttribute('aria-label'))).toEqual([
      'Flow: 33 l/min 5 min before the start, 20 l/min at the start, 18 l/min now; normal 31 to 35',
      'Pressure: 1.4 bar 5 min before the start, 1.8 bar at the start, 2 bar now; normal 1.2 to 1.6',
    ]);
    expect(screen.getByTestId('alert-trend').textContent).toContain('▲ start');
  });
});
