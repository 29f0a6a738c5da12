import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Slug } from '../../src/protocol/common.ts';
import type { Me } from '../../src/protocol/session.ts';
import type { LabelFilter } from '../store/labels.ts';
import type { Store } from '../store/store.ts';
import { defined } from './audit-routes.ts';
import { personOf } from './authorise.ts';
import { HttpError, requireScope } from './guard.ts';
import { LabelRecord } from '../../src/protocol/label.ts';
import { policy } from './route-policy.ts';
import { labelCsvHeader, labelCsvRow } from './label-csv.ts';
import { global, QueryInt, RangeQuery } from './query.ts';

export const LabelsQuery = z.strictObject({
  format: z.enum(['jsonl', 'csv']).default('jsonl'),
  plant: Slug.optional(),
  line: Slug.optional(),
  model: z.string().min(1).max(64).optional(),
  version: z.string().min(1).max(64).optional(),
  ...RangeQuery,
  cursor: QueryInt(Number.MAX_SAFE_INTEGER).optional(),
  limit: QueryInt(100_000).refine((n) => n >= 1, 'must be at least 1').optional(),
});

const PAGE = 500;

/**
 * `GET /api/v1/labels`: operator answers as training labels, oldest first, streamed as JSONL or CSV.
 * The answer's `x-next-cursor` header is where the next poll starts (`cursor=`); it is fixed before the
 * body is sent, so a job that stores it never misses or repeats a label. `x-label-count` says how many
 * this answer holds and `x-has-more` whether the limit cut it short.
 */
export function labelsRoutes(app: FastifyInstance, deps: { store: Store; clock: () => number }) {
  app.withTypeProvider<ZodTypeProvider>().get('/api/v1/labels', {
    config: policy('supervisor', 'room in query'),
    schema: {
      summary: 'Labels for retraining, streamed as JSONL (one LabelRecord per line) or CSV; next poll from the x-next-cursor header',
      querystring: LabelsQuery, produces: ['application/x-ndjson', 'text/csv'], response: { 200: LabelRecord },
    },
  }, async (req, reply) => {
    const me = personOf(req);
    const q = req.query;
    checkScope(me, q.plant, q.line);
    const filter: LabelFilter = { plant: q.plant, line: q.line, model: q.model, version: q.version, from: q.from, to: q.to };
    const cursor = q.cursor ?? 0;
    const limit = q.limit ?? 10_000;
    const { end, count } = await deps.store.labelsPageEnd(filter, cursor, limit);
    const { format, cursor: _c, ...query } = q;
    await deps.store.audit([{
      at: deps.clock(), actor: me.username, action: 'labels.export', target: q.plant ? (q.line ? `${q.plant}/${q.line}` : q.plant) : '*',
      detail: { format, query: defined(query), cursor, next: end, count },
    }]);
    const csv = q.format === 'csv';
    const store = deps.store;
    async function* body() {
      if (csv) yield labelCsvHeader();
      let at = cursor;
      while (at < end) {
        const page = await store.labelsAfter({ ...filter, maxSeq: end }, at, PAGE);
        if (!page.labels.length) break;
        yield page.labels.map((l) => (csv ? labelCsvRow(l) : JSON.stringify(l) + '\n')).join('');
        at = page.cursor;
      }
    }
    return reply
      .header('x-next-cursor', String(end))
      .header('x-label-count', String(count))
      .header('x-has-more', count === limit ? 'true' : 'false')
      .header('access-control-expose-headers', 'x-next-cursor, x-label-count, x-has-more')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="labels-${q.plant ?? 'all'}-${end}.${q.format}"`)
      .type(csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
      .send(Readable.from(body()) as never); // a stream of the declared records, one per line
  });
}

/** A plant (and line) in scope; no plant only for people whose scope covers every plant. */
function checkScope(me: Me, plant: string | undefined, line: string | undefined) {
  if (plant) return requireScope(me, plant, line);
  if (line) throw new HttpError('invalid', 'invalid query: plant: required when line is given');
  if (!global(me)) throw new HttpError('invalid', 'invalid query: plant: required (your scope does not cover every plant)');
}
