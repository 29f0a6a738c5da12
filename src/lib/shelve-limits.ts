import { queryOptions, skipToken, useQuery } from '@tanstack/react-query';
import type { Alert } from '../protocol/alert.ts';
import { shelveLimitsFor, type PlantShelveLimits, type ShelveLimits } from '../protocol/shelving.ts';

/**
 * A plant's shelve limits as the relay last sent them with a room (subscribe answers), in the query
 * cache: the socket bridge writes them; nothing fetches them.
 */
export function plantShelveLimitsQuery(plant: string) {
  return queryOptions<PlantShelveLimits>({ queryKey: ['shelve-limits', plant] as const, queryFn: skipToken, staleTime: Infinity });
}

/** The shelve limits in force for an alert, or undefined before its room's first answer. */
export function useShelveLimits(alert: Pick<Alert, 'plant' | 'line' | 'model'>): ShelveLimits | undefined {
  const { data } = useQuery(plantShelveLimitsQuery(alert.plant));
  return data && shelveLimitsFor(data, alert.line, alert.model.name);
}
