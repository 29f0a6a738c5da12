import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IngestAck, InferenceResult } from '../../src/protocol/inference.ts';
import type { Ingest } from '../ingest/pipeline.ts';
import { HttpError } from './guard.ts';
import { policy } from './route-policy.ts';

/** Items are checked one by one by the pipeline (answered per item), so the body is only required to be an array here. */
const InferenceBatch = z.array(z.unknown()).meta({ description: 'Inference results, each checked on its own', items: z.toJSONSchema(InferenceResult, { io: 'input', unrepresentable: 'any', target: 'openapi-3.0' }) });

/** `POST /api/v1/inferences`: a JSON array (≤ 1 MB) from an edge with `Authorization: Bearer KEY` (checked by authorise.ts). */
export function ingestRoutes(app: FastifyInstance, deps: { ingest: Ingest }) {
  app.post('/api/v1/inferences', {
    bodyLimit: 1024 * 1024,
    config: policy('edge key', 'bound line'),
    schema: { summary: 'Publish inference results (Authorization: Bearer KEY); answered per item', body: InferenceBatch, response: { 202: IngestAck, 429: IngestAck.meta({ description: 'Busy: nothing accepted, retry after the retry-after header' }) } },
  }, async (req, reply) => {
    if (!Array.isArray(req.body)) throw new HttpError('invalid', 'invalid body: expected a JSON array of inference results');
    const ack = await deps.ingest(req.edge!, req.body);
    if (ack.retryAfterMs && !ack.accepted.length) void reply.code(429).header('retry-after', Math.ceil(ack.retryAfterMs / 1000));
    else void reply.code(202);
    return ack;
  });
}
