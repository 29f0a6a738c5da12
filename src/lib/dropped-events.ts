import { queryOptions, skipToken, type QueryClient } from '@tanstack/react-query';
import { describeIssues } from '../protocol/common.ts';
import type { z } from 'zod';

/** Pushed events and answers the socket bridge dropped because they did not match the protocol. */
export interface DroppedEvents {
  count: number;
  /** The last one dropped: which event and what was wrong with it. */
  last: { event: string; problem: string } | null;
}

/** The dropped-event counter in the query cache (written by the socket bridge, read by anyone). */
export const droppedEventsQuery = queryOptions<DroppedEvents>({ queryKey: ['socket', 'dropped'] as const, queryFn: skipToken, staleTime: Infinity });

/**
 * Parses a pushed event or answer with its protocol schema. A malformed one (a relay of another
 * version, a bug) is counted, warned about and dropped (undefined), so the panel keeps the state it
 * had instead of rendering garbage.
 */
export function parseOrDrop<S extends z.ZodType>(qc: QueryClient, event: string, schema: S, raw: unknown): z.output<S> | undefined {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problem = describeIssues(parsed.error);
  console.warn(`socket: dropped a malformed ${event}: ${problem}`);
  qc.setQueryData(droppedEventsQuery.queryKey, (old) => ({ count: (old?.count ?? 0) + 1, last: { event, problem } }));
  return undefined;
}
