import { OperatorCommand } from '../../src/protocol/commands.ts';
import type { Actor, CommandOutcome } from '../engine/types.ts';
import type { EngineHost } from './engine-host.ts';
import type { Ownership } from './ownership.ts';
import type { BrowserServer } from './publisher.ts';

/**
 * Scale-out: a browser may send a command to any instance, but only the owner of the alert's line
 * may run it through its engine. Commands travel between instances over the adapter and are parsed
 * again on arrival (types are not validation). The adapter times an unanswered request out (5 s).
 */
export function registerCommandForwarding(io: BrowserServer, deps: { host: EngineHost; owns: Ownership }) {
  io.on('relay:command', (req, answer) => {
    const parsed = OperatorCommand.safeParse(req?.cmd);
    if (!parsed.success) return answer(null);
    const cmd = parsed.data;
    const where = 'alertId' in cmd ? deps.host.alertLine(cmd.alertId) : cmd;
    if (!where || !deps.owns(where.plant, where.line)) return answer(null);
    deps.host.command(cmd, req.actor).then(answer, (err: Error) => answer({ ok: false, code: 'internal', reason: `error: ${err.message}` }));
  });

  return async function forward(cmd: OperatorCommand, actor: Actor): Promise<CommandOutcome> {
    try {
      const answers = await io.serverSideEmitWithAck('relay:command', { cmd, actor });
      const outcome = (answers as (CommandOutcome | null)[]).find((a) => a !== null);
      return outcome ?? { ok: false, code: 'not_owner', reason: 'unavailable: no relay instance owns this line right now; try again' };
    } catch {
      return { ok: false, code: 'not_owner', reason: 'unavailable: the relay instance owning this line did not answer; try again' };
    }
  };
}
