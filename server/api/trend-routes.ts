import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { InferenceResult } from '../../src/protocol/inference.ts';
import { Trend, TrendQuery, type TrendPoint } from '../../src/protocol/trend.ts';
import { inScope, touchesPlant } from '../auth/scope.ts';
import { toPush } from '../relay/trend-sampler.ts';
import type { Store } from '../store/store.ts';
import { personOf } from './authorise.ts';
import { requireScope } from './guard.ts';
import { policy } from './route-policy.ts';

const MAX_ROWS = 20_000;

/** Keeps the last result of each of `points` equal time buckets: a trend, not every result. */
export function downsample(results: InferenceResult[], from: number, to: number, points: number): TrendPoint[] {
  const width = (to - from) / points;
  const last = new Map<number, InferenceResult>();
  for (const r of results) last.set(Math.min(points - 1, Math.floor((r.ts - from) / width)), r);
  return [...last.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => toPush(r).point);
}

/**
 * `GET /api/v1/trend`: an asset's score and feature values around an alert, so the card can show
 * what moved. Viewer and up, within scope.
 */
export function trendRoutes(app: FastifyInstance, deps: { store: Store; clock: () => number }) {
  const zapp = app.withTypeProvider<ZodTypeProvider>();
  zapp.get('/api/v1/trend', {
    config: policy('viewer', 'room in query'),
    schema: { summary: "An asset's score and feature values over a time window, downsampled", querystring: TrendQuery, response: { 200: Trend } },
  }, async (req): Promise<Trend> => {
    const q = req.query;
    requireScope(personOf(req), q.plant, q.line);
    const results = await deps.store.resultsBetween(q, q.from, q.to, MAX_ROWS);
    return { asset: q.asset, points: downsample(results, q.from, q.to, q.points) };
  });

  /** `GET /api/v1/plants`: the plants this person may see (from the catalogues), for choosers. */
  zapp.get('/api/v1/plants', {
    config: policy('viewer', 'answer filtered'),
    schema: { summary: 'Plants you may see, for choosers', response: { 200: z.array(z.object({ plant: z.string(), lines: z.array(z.object({ line: z.string(), title: z.string() })) })) } },
  }, async (req) => {
    const me = personOf(req);
    const catalogues = await deps.store.catalogues();
    return catalogues.filter((c) => touchesPlant(me.scopes, c.plant))
      .map((c) => ({ plant: c.plant, lines: Object.entries(c.lines).filter(([line]) => inScope(me.scopes, c.plant, line)).map(([line, title]) => ({ line, title })) }));
  });
}
