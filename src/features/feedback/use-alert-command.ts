import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Alert } from '../../protocol/alert.ts';
import type { OperatorCommandInput } from '../../protocol/commands.ts';
import type { RefusalCode } from '../../protocol/refusal.ts';
import type { CommandOutcome } from '../../lib/command-outcome.ts';
import { replaceAlert } from '../../lib/merge-alerts.ts';
import { sessionKey } from '../../lib/session.ts';
import type { RoomState } from '../../lib/room.ts';
import { bridgeFor } from '../../lib/socket.ts';
import { optimisticAlert } from './optimistic.ts';

/** A command the relay refused: its refusal code, and the relay's reason as the message. */
export class CommandRefused extends Error {
  readonly code: RefusalCode;
  constructor(code: RefusalCode, message: string) {
    super(message);
    this.name = 'CommandRefused';
    this.code = code;
  }
}

/** Commands about one alert share this key, so their state can be shown beside the alert. */
export const alertCommandKey = (alertId: string) => ['command', alertId] as const;

/** Every command is a new, idempotent command: the relay does a resent commandId once. */
export type AlertCommand = OperatorCommandInput extends infer C ? C extends { alertId: string } ? Omit<C, 'commandId' | 'alertId'> : never : never;

function setAlertInRooms(qc: QueryClient, alert: Alert, update: (room: RoomState) => RoomState) {
  qc.setQueriesData<RoomState>({ queryKey: ['room', alert.plant] }, (room) => (room && (room.line === null || room.line === alert.line) ? update(room) : room));
}

/**
 * Sends operator commands for one alert through the socket bridge, with the expected result shown
 * at once; a refusal puts the alert back. Offline, the command is queued (IndexedDB) and the
 * mutation resolves with `queued`; the outcome follows after reconnect.
 */
export function useAlertCommand(alert: Alert, by: string) {
  const qc = useQueryClient();
  return useMutation<CommandOutcome, Error, OperatorCommandInput, { before: Alert; after: Alert }>({
    mutationKey: alertCommandKey(alert.id),
    // The bridge queues offline commands itself; TanStack's own offline pause would keep them in memory only.
    networkMode: 'always',
    mutationFn: async (command) => {
      const outcome = await bridgeFor(qc).send(command);
      if (outcome.status === 'refused') throw new CommandRefused(outcome.code, outcome.reason);
      return outcome;
    },
    onMutate: (command) => {
      let before: Alert = alert;
      let after: Alert = optimisticAlert(alert, command, by, Date.now());
      setAlertInRooms(qc, alert, (room) => {
        const current = room.alerts[alert.id];
        if (!current) return room;
        before = current;
        after = optimisticAlert(current, command, by, Date.now());
        return after === current ? room : replaceAlert(room, after);
      });
      return { before, after };
    },
    // On a panel each command keeps the identified operator signed in (and a refusal may mean the
    // panel fell back to viewer): ask the relay who this is now.
    onSuccess: (outcome) => {
      if (outcome.status === 'done') void qc.invalidateQueries({ queryKey: sessionKey });
    },
    onError: (err, _command, ctx) => {
      if (err instanceof CommandRefused && (err.code === 'unauthorized' || err.code === 'forbidden')) void qc.invalidateQueries({ queryKey: sessionKey });
      if (!ctx || ctx.after === ctx.before) return;
      setAlertInRooms(qc, ctx.before, (room) => {
        const current = room.alerts[ctx.before.id];
        // Put the old alert back unless the relay has sent something newer meanwhile.
        const untouched = current
          ? current.state === ctx.after.state && current.lastAt === ctx.after.lastAt
          : ctx.after.state === 'normal';
        return untouched ? replaceAlert(room, ctx.before) : room;
      });
    },
  });
}

export function newCommand(alertId: string, c: AlertCommand): OperatorCommandInput {
  return { ...c, alertId, commandId: crypto.randomUUID() } as OperatorCommandInput;
}
