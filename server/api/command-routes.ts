import type { FastifyInstance } from 'fastify';
import type { CommandAck } from '../../src/protocol/commands.ts';
import { createCommandHandler, type CommandDeps } from '../relay/commands.ts';
import { requireUser } from './guard.ts';

/** HTTP status of a refused command, from its reason. */
export function refusalStatus(reason: string): number {
  if (reason.startsWith('invalid')) return 400;
  if (reason.startsWith('forbidden') || /^an? \w+ may not /.test(reason)) return 403;
  if (reason.startsWith('not found') || reason.startsWith('no alert')) return 404;
  return 409;
}

/**
 * `POST /api/v1/commands`: the REST twin of the socket `command` event (same body, same handler, same
 * idempotency, audit and labels), for dashboards and scripts. Role and scope are checked per command.
 */
export function commandRoutes(app: FastifyInstance, deps: CommandDeps) {
  const handle = createCommandHandler(deps);
  app.post('/api/v1/commands', async (req, reply) => {
    const me = await requireUser(deps.store, req, 'viewer', deps.clock());
    const ack: CommandAck = await handle(me, req.body);
    if (ack.status === 'refused') return reply.code(refusalStatus(ack.reason)).send({ ...ack, error: ack.reason });
    return ack;
  });
}
