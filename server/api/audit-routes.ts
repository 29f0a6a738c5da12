import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuditPage } from '../../src/protocol/audit.ts';
import type { Store } from '../store/store.ts';
import { personOf } from './authorise.ts';
import { policy } from './route-policy.ts';
import { global, QueryInt, RangeQuery } from './query.ts';

export const AuditQuery = z.strictObject({
  ...RangeQuery,
  actor: z.string().min(1).max(64).optional(),
  action: z.string().min(1).max(64).regex(/^[a-z_.]+\*?$/, 'must be an action name, optionally ending in * (e.g. user.*)').optional(),
  cursor: QueryInt(Number.MAX_SAFE_INTEGER).optional(),
  limit: QueryInt(1000).refine((n) => n >= 1, 'must be at least 1').optional(),
  order: z.enum(['asc', 'desc']).default('desc'),
});

/**
 * `GET /api/v1/audit` (supervisor and up): the hash-chained audit trail, newest first by default.
 * People whose scope does not cover every plant see only entries about their plants' alerts and assets.
 */
export function auditRoutes(app: FastifyInstance, deps: { store: Store; clock: () => number }) {
  app.withTypeProvider<ZodTypeProvider>().get('/api/v1/audit', {
    config: policy('supervisor', 'answer filtered'),
    schema: { summary: 'The hash-chained audit trail, filtered, paged with a cursor', querystring: AuditQuery, response: { 200: AuditPage } },
  }, async (req): Promise<AuditPage> => {
    const me = personOf(req);
    const q = req.query;
    const targetPrefixes = global(me) ? undefined : [...new Set(me.scopes.map((s) => (s.line ? `${s.plant}/${s.line}/` : `${s.plant}/`)))];
    const page = await deps.store.auditPage({ from: q.from, to: q.to, actor: q.actor, action: q.action, targetPrefixes }, q.cursor, q.limit ?? 100, q.order);
    // Reading the trail is itself on the trail (after the read, so a page never shows its own entry).
    await deps.store.audit([{ at: deps.clock(), actor: me.username, action: 'audit.read', target: 'audit', detail: { query: defined(q), entries: page.entries.length } }]);
    return page;
  });
}

/** The fields of a parsed query that were given (undefined ones would not survive the stored JSON). */
export function defined(q: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined));
}
