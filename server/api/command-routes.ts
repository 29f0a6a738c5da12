import type { FastifyInstance } from 'fastify';
import { CommandAck, OperatorCommand } from '../../src/protocol/commands.ts';
import { HTTP_STATUS_OF } from '../../src/protocol/refusal.ts';
import { BROWSER_SOCKET_EVENTS } from '../../src/protocol/socket-events.ts';
import { createCommandHandler, type CommandDeps } from '../relay/commands.ts';
import { bodyCheckedByHandler, personOf } from './authorise.ts';
import { policy } from './route-policy.ts';

/**
 * `POST /api/v1/commands`: the REST twin of the socket `command` event (same body, same handler, same
 * idempotency, audit and labels), for dashboards and scripts. The role is the socket event's (operator:
 * the shared command handler refuses everyone below it for every kind of command, and audits that
 * refusal, so the hook leaves it to the handler); the handler also checks the alert's scope.
 */
export function commandRoutes(app: FastifyInstance, deps: CommandDeps) {
  const handle = createCommandHandler(deps);
  app.post('/api/v1/commands', {
    config: policy(BROWSER_SOCKET_EVENTS.command.role, 'per command', 'handler'),
    schema: { summary: "An operator command (acknowledge, shelve, unshelve, out_of_service, return_to_service, feedback); the alert's scope checked per command", body: OperatorCommand.meta({ description: 'Checked by the command handler: a malformed command is a refused answer (400)' }), response: { 200: CommandAck, '4xx': CommandAck.meta({ description: 'Refused: the code says why' }) } },
    // The handler parses the body itself (shared with the socket event, so a refusal is a command answer): the schema documents it.
    validatorCompiler: bodyCheckedByHandler,
  }, async (req, reply) => {
    const ack: CommandAck = await handle(personOf(req), req.body);
    if (ack.status === 'refused') return reply.code(HTTP_STATUS_OF[ack.code]).send({ ...ack, error: ack.reason });
    return ack;
  });
}
