import type { FastifyInstance } from 'fastify';
import type { CommandAck } from '../../src/protocol/commands.ts';
import { HTTP_STATUS_OF } from '../../src/protocol/refusal.ts';
import { createCommandHandler, type CommandDeps } from '../relay/commands.ts';
import { requireUser } from './guard.ts';

/**
 * `POST /api/v1/commands`: the REST twin of the socket `command` event (same body, same handler, same
 * idempotency, audit and labels), for dashboards and scripts. Role and scope are checked per command.
 */
export function commandRoutes(app: FastifyInstance, deps: CommandDeps) {
  const handle = createCommandHandler(deps);
  app.post('/api/v1/commands', async (req, reply) => {
    const me = await requireUser(deps.store, req, 'viewer', deps.clock());
    const ack: CommandAck = await handle(me, req.body);
    if (ack.status === 'refused') return reply.code(HTTP_STATUS_OF[ack.code]).send({ ...ack, error: ack.reason });
    return ack;
  });
}
