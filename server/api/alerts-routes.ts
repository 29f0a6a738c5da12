import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Alert, AlertState } from '../../src/protocol/alert.ts';
import { AlertId } from '../../src/protocol/common.ts';
import { AlertTimeline } from '../../src/protocol/history.ts';
import type { Store } from '../store/store.ts';
import { inScope } from '../auth/scope.ts';
import { personOf } from './authorise.ts';
import { HttpError } from './guard.ts';
import { policy } from './route-policy.ts';
import { QueryInt, RangeQuery, resolveRange, RoomQuery, scopedRoom } from './query.ts';

export const AlertsQuery = z.strictObject({ ...RoomQuery, ...RangeQuery, state: AlertState.optional(), limit: QueryInt(5000).optional() });
export const AlertIdParams = z.strictObject({ id: AlertId });

const CONTEXT_MS = 60_000;

/**
 * Alert history for signed-in people in scope. `GET /api/v1/alerts` without `from`/`to` lists the
 * alerts that have not ended; with either, every alert whose life overlaps the range (event time).
 * `GET /api/v1/alerts/:id` is one alert's timeline: every change with who and why, its results, its labels.
 */
export function alertsRoutes(app: FastifyInstance, deps: { store: Store; clock: () => number }) {
  const zapp = app.withTypeProvider<ZodTypeProvider>();
  zapp.get('/api/v1/alerts', {
    config: policy('viewer', 'room in query'),
    schema: { summary: 'Alerts not ended; with from/to, every alert whose life overlaps the range (event time)', querystring: AlertsQuery, response: { 200: z.array(Alert) } },
  }, async (req, reply) => {
    const now = deps.clock();
    const me = personOf(req);
    const q = req.query;
    const room = scopedRoom(me, q);
    const limit = q.limit ?? 1000;
    if (q.from === undefined && q.to === undefined) {
      const open = await deps.store.openAlerts(room);
      const alerts = q.state ? open.filter((a) => a.state === q.state) : open;
      return alerts.slice(0, limit);
    }
    const alerts = await deps.store.alertsBetween(room, resolveRange(q, now), q.state, limit + 1);
    if (alerts.length > limit) void reply.header('x-truncated', '1');
    return alerts.slice(0, limit);
  });

  zapp.get('/api/v1/alerts/:id', {
    config: policy('viewer', 'alert in scope'),
    schema: { summary: "One alert's timeline: changes with who and why, result summaries, labels with versions", params: AlertIdParams, response: { 200: AlertTimeline } },
  }, async (req): Promise<AlertTimeline> => {
    const me = personOf(req);
    const { id } = req.params;
    const alert = await deps.store.alert(id);
    // Outside the scope answers exactly as missing: that an alert exists is itself information.
    if (!alert || !inScope(me.scopes, alert.plant, alert.line)) throw new HttpError('not_found', `not found: no alert ${id}`);
    const end = alert.clearedAt ?? alert.lastAt;
    const [{ changes, updates }, results, labels] = await Promise.all([
      deps.store.changesOfAlert(id, 5000),
      deps.store.resultsOfAsset({ plant: alert.plant, line: alert.line, asset: alert.asset, model: alert.model.name }, { from: alert.raisedAt - CONTEXT_MS, to: end + CONTEXT_MS }, 1500),
      deps.store.labelsOfAlert(id),
    ]);
    return {
      alert,
      changes: changes.map((c) => ({
        seq: c.seq, kind: c.kind, at: c.at, by: c.by, reason: c.reason,
        state: c.alert.state, priority: c.alert.priority, suppression: c.alert.suppression, count: c.alert.count,
      })),
      updates,
      results: results.results.map((r) => ({ ...r, inAlert: r.ts >= alert.raisedAt && r.ts <= end })),
      resultsTotal: results.total,
      resultsSampled: results.total > results.results.length,
      labels,
    };
  });
}
