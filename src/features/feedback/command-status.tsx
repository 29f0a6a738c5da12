import { useMutationState } from '@tanstack/react-query';
import type { OperatorCommandInput } from '../../protocol/commands.ts';
import { useCommandOutcome, type CommandOutcome } from '../../lib/command-outcome.ts';
import { alertCommandKey } from './use-alert-command.ts';
import { COMMAND_WORD } from './feedback-words.ts';

interface Last { status: string; command?: OperatorCommandInput; data?: CommandOutcome; error?: Error | null }

/** The state of the latest command about this alert: sending, queued, done or refused (with why). */
export function CommandStatus({ alertId }: { alertId: string }) {
  const all = useMutationState({
    filters: { mutationKey: alertCommandKey(alertId) },
    select: (m): Last => ({ status: m.state.status, command: m.state.variables as OperatorCommandInput | undefined, data: m.state.data as CommandOutcome | undefined, error: m.state.error }),
  });
  const last = all.at(-1);
  const later = useCommandOutcome(last?.data?.status === 'queued' ? last.command?.commandId : undefined);
  if (!last?.command) return null;
  const word = COMMAND_WORD[last.command.type];
  let text: string;
  let tone = 'border-edge';
  if (last.status === 'pending') text = `${word}: sending…`;
  else if (last.status === 'error') {
    text = `${word} refused: ${last.error?.message ?? 'no reason given'}`;
    tone = 'border-ink border-4';
  } else if (last.data?.status === 'queued') {
    if (later?.status === 'done') text = `${word}: done ✓ (sent after reconnecting)`;
    else if (later?.status === 'refused') {
      text = `${word} refused: ${later.reason}`;
      tone = 'border-ink border-4';
    } else text = `${word}: offline — queued, will be sent when the link is back`;
  } else text = `${word}: done ✓`;
  return (
    <p role="status" data-testid="command-status" data-status={last.status === 'success' ? (later?.status ?? last.data?.status) : last.status}
      className={`rounded-md border-2 bg-panel px-3 py-1 text-lg font-semibold short:text-base ${tone}`}>
      {text}
    </p>
  );
}
