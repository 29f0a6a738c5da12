import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AlertState } from '../../src/protocol/alert.ts';
import { AlertId } from '../../src/protocol/common.ts';
import type { AlertTimeline } from '../../src/protocol/history.ts';
import type { Store } from '../store/store.ts';
import { inScope } from '../auth/scope.ts';
import { HttpError, parseOr400, requireUser } from './guard.ts';
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
  app.get('/api/v1/alerts', async (req, reply) => {
    const now = deps.clock();
    const me = await requireUser(deps.store, req, 'viewer', now);
    const q = parseOr400(AlertsQuery, req.query, 'query');
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

  app.get('/api/v1/alerts/:id', async (req): Promise<AlertTimeline> => {
    const me = await requireUser(deps.store, req, 'viewer', deps.clock());
    const { id } = parseOr400(AlertIdParams, req.params, 'path');
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
