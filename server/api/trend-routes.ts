import type { FastifyInstance } from 'fastify';
import type { InferenceResult } from '../../src/protocol/inference.ts';
import { TrendQuery, type Trend, type TrendPoint } from '../../src/protocol/trend.ts';
import { inScope, touchesPlant } from '../auth/scope.ts';
import { toPush } from '../relay/trend-sampler.ts';
import type { Store } from '../store/store.ts';
import { parseOr400, requireScope, requireUser } from './guard.ts';

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
  app.get('/api/v1/trend', async (req): Promise<Trend> => {
    const me = await requireUser(deps.store, req, 'viewer', deps.clock());
    const q = parseOr400(TrendQuery, req.query, 'query');
    requireScope(me, q.plant, q.line);
    const results = await deps.store.resultsBetween(q, q.from, q.to, MAX_ROWS);
    return { asset: q.asset, points: downsample(results, q.from, q.to, q.points) };
  });

  /** `GET /api/v1/plants`: the plants this person may see (from the catalogues), for choosers. */
  app.get('/api/v1/plants', async (req) => {
    const me = await requireUser(deps.store, req, 'viewer', deps.clock());
    const catalogues = await deps.store.catalogues();
    return catalogues.filter((c) => touchesPlant(me.scopes, c.plant))
      .map((c) => ({ plant: c.plant, lines: Object.entries(c.lines).filter(([line]) => inScope(me.scopes, c.plant, line)).map(([line, title]) => ({ line, title })) }));
  });
}
