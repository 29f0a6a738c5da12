import { useQuery } from '@tanstack/react-query';
import type { RefusalCode } from '../protocol/refusal.ts';

/** What became of a command: answered by the relay, or queued until the link is back. */
export type CommandOutcome = { status: 'done' } | { status: 'refused'; code: RefusalCode; reason: string } | { status: 'queued' };

export const commandOutcomeKey = (commandId: string) => ['command-outcome', commandId] as const;

/** The latest outcome of a command (a queued command is answered after reconnect). */
export function useCommandOutcome(commandId: string | undefined): CommandOutcome | undefined {
  const { data } = useQuery<CommandOutcome | null>({
    queryKey: commandOutcomeKey(commandId ?? ''),
    queryFn: () => null,
    enabled: false,
    staleTime: Infinity,
  });
  return commandId ? (data ?? undefined) : undefined;
}
