import type { FastifyInstance } from 'fastify';
import type { EdgeKeyVerifier } from '../auth/edge-keys.ts';
import type { Ingest } from '../ingest/pipeline.ts';
import { HttpError } from './guard.ts';

/** `POST /api/v1/inferences`: a JSON array (≤ 1 MB) from an edge with `Authorization: Bearer KEY`. */
export function ingestRoutes(app: FastifyInstance, deps: { verifier: EdgeKeyVerifier; ingest: Ingest }) {
  app.post('/api/v1/inferences', { bodyLimit: 1024 * 1024 }, async (req, reply) => {
    const key = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const auth = await deps.verifier.authenticate(key, req.ip);
    if (!('edge' in auth)) {
      if (auth.retryAfterS) void reply.header('retry-after', auth.retryAfterS);
      throw new HttpError(auth.code, auth.reason);
    }
    const edge = auth.edge;
    if (!Array.isArray(req.body)) throw new HttpError('invalid', 'invalid body: expected a JSON array of inference results');
    const ack = await deps.ingest(edge, req.body);
    if (ack.retryAfterMs && !ack.accepted.length) void reply.code(429).header('retry-after', Math.ceil(ack.retryAfterMs / 1000));
    else void reply.code(202);
    return ack;
  });
}
