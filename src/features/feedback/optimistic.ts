import type { Alert } from '../../protocol/alert.ts';
import type { OperatorCommandInput } from '../../protocol/commands.ts';

/**
 * What an alert will look like once the relay has done `command`: shown at once (optimistic);
 * the relay's next change for the alert replaces it, and a refusal puts the old one back.
 */
export function optimisticAlert(alert: Alert, command: OperatorCommandInput, by: string, now: number): Alert {
  switch (command.type) {
    case 'acknowledge':
      if (alert.state === 'returned_unacknowledged') return { ...alert, acknowledged: true, state: 'normal' };
      if (alert.state === 'unacknowledged') return { ...alert, acknowledged: true, state: 'acknowledged' };
      return alert;
    case 'shelve':
      return {
        ...alert, state: 'shelved', suppression: 'shelved',
        shelf: { by, reason: command.reason, at: now, until: command.minutes ? now + command.minutes * 60_000 : null },
      };
    case 'feedback': {
      if (!alert.trust || (command.reasons?.length ?? 0) > 0 || command.note) return alert; // a refinement, not a new answer
      const t = alert.trust;
      return {
        ...alert,
        trust: {
          ...t,
          confirmed: t.confirmed + (command.answer === 'real' ? 1 : 0),
          falseAlarm: t.falseAlarm + (command.answer === 'false_alarm' ? 1 : 0),
          unsure: t.unsure + (command.answer === 'not_sure' ? 1 : 0),
        },
      };
    }
    default:
      return alert;
  }
}
