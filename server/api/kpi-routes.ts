import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AlarmLoadReport, DriftReport, SuppressionLog, TrustReport } from '../../src/protocol/kpi.ts';
import { policyFor } from '../../src/protocol/policy.ts';
import { inScope } from '../auth/scope.ts';
import type { AlarmEngine } from '../engine/engine.ts';
import { alarmLoad } from '../engine/kpi.ts';
import type { Store } from '../store/store.ts';
import { personOf } from './authorise.ts';
import { policy } from './route-policy.ts';
import { driftOf, heldBack, outOfServiceNow, shelvedNow, trustOf } from './kpi-report.ts';
import { QueryInt, RangeQuery, resolveRange, RoomQuery, scopedRoom } from './query.ts';

const HOUR = 3_600_000;
/** State changes read from before the range: flood that began earlier, alerts already active for a day. */
const LOOKBACK_MS = 24 * HOUR + HOUR;
const SHELF_LOOKBACK_MS = 9 * HOUR;

export const KpiQuery = z.strictObject({ ...RoomQuery, ...RangeQuery });
export const TrustQuery = z.strictObject({ ...RoomQuery });
export const DriftQuery = z.strictObject({ ...RoomQuery, ...RangeQuery, bucket: QueryInt(24 * HOUR).refine((n) => n >= 10_000, 'must be at least 10000 (10 s)').optional() });
export const SuppressionQuery = z.strictObject({ ...RoomQuery, ...RangeQuery, limit: QueryInt(5000).optional() });

/** Supervisor views (supervisor and up, within scope): alarm load, trust, drift and the suppression log. */
export function kpiRoutes(app: FastifyInstance, deps: { store: Store; engine: AlarmEngine; clock: () => number }) {
  const { store, engine } = deps;
  const zapp = app.withTypeProvider<ZodTypeProvider>();
  const supervisor = policy('supervisor', 'room in query');

  zapp.get('/api/v1/kpi/alarm-load', {
    config: supervisor,
    schema: { summary: 'Alarm load against the ISA-18.2 targets, and what was held back', querystring: KpiQuery, response: { 200: AlarmLoadReport } },
  }, async (req): Promise<AlarmLoadReport> => {
    const now = deps.clock();
    const me = personOf(req);
    const q = req.query;
    const room = scopedRoom(me, q);
    const range = resolveRange(q, now);
    const [changes, crossings, reasons] = await Promise.all([
      store.kpiChanges(room, range, LOOKBACK_MS, 500_000),
      store.crossingsByKey(room, range),
      store.heldBackReasons(room, range),
    ]);
    const book = engine.policy();
    const load = alarmLoad(changes, [], range, (plant, line) => policyFor(book, plant, line));
    const held = heldBack(changes, crossings, reasons, range);
    const lines = new Set([...engine.consoles().filter((c) => c.plant === room.plant).map((c) => c.line), ...load.consoles.map((c) => c.line), ...crossings.map((c) => c.line)]);
    return {
      ...load, plant: room.plant, line: room.line ?? null, naiveCrossings: held.naiveCrossings, heldBack: held,
      consoleCount: room.line ? 1 : Math.max(1, lines.size),
    };
  });

  zapp.get('/api/v1/kpi/trust', {
    config: supervisor,
    schema: { summary: 'Trust per alarm key and model version, from operator feedback', querystring: TrustQuery, response: { 200: TrustReport } },
  }, async (req): Promise<TrustReport> => {
    const room = scopedRoom(personOf(req), req.query);
    const labels = await store.latestLabels(room, 200_000);
    const book = engine.policy();
    const newest = await store.newestAlertsOfKeys([...new Set(labels.map((l) => l.key))]);
    return { ...trustOf(labels, (l) => policyFor(book, l.plant, l.line, l.model.name), newest), labels: labels.length };
  });

  zapp.get('/api/v1/kpi/drift', {
    config: supervisor,
    schema: { summary: "Drift per model version and feature, from the results' drift figures", querystring: DriftQuery, response: { 200: DriftReport } },
  }, async (req): Promise<DriftReport> => {
    const now = deps.clock();
    const me = personOf(req);
    const q = req.query;
    const room = scopedRoom(me, q);
    const range = resolveRange(q, now);
    const bucket = q.bucket ?? Math.max(60_000, Math.ceil((range.to - range.from) / 60 / 60_000) * 60_000);
    const { rows, sampled } = await store.driftRows(room, range, 50_000);
    return driftOf(rows, range, bucket, sampled);
  });

  zapp.get('/api/v1/suppression-log', {
    config: supervisor,
    schema: { summary: 'What was held back or shelved, by whom, why and until when; assets out of service', querystring: SuppressionQuery, response: { 200: SuppressionLog } },
  }, async (req): Promise<SuppressionLog> => {
    const now = deps.clock();
    const me = personOf(req);
    const q = req.query;
    const room = scopedRoom(me, q);
    const limit = q.limit ?? 1000;
    const [changes, service, recent, open] = await Promise.all([
      store.suppressionChanges(room, resolveRange(q, now), limit + 1),
      store.serviceAudit(5000),
      // Shelves last at most 8 h (policy caps them), so the shelves in force were put on since then.
      store.suppressionChanges(room, { from: now - SHELF_LOOKBACK_MS, to: now + HOUR }, 5000),
      store.openAlerts(room),
    ]);
    const oos = outOfServiceNow(service, now).filter((o) => o.plant === room.plant && (!room.line || o.line === room.line) && inScope(me.scopes, o.plant, o.line));
    return {
      truncated: changes.length > limit,
      shelved: shelvedNow(recent, new Set(open.map((a) => a.id)), now).filter((x) => inScope(me.scopes, x.plant, x.line)),
      outOfService: oos,
      entries: changes.slice(0, limit).map((c) => ({
        seq: c.seq, at: c.at, kind: c.kind, alertId: c.alert.id, key: c.alert.key, plant: c.alert.plant, line: c.alert.line, asset: c.alert.asset,
        priority: c.alert.priority, state: c.alert.state, reason: c.reason ?? c.alert.suppression, by: c.by,
        until: c.kind === 'shelved' ? (c.alert.shelf?.until ?? null) : null,
      })),
    };
  });
}
