import { queryOptions, skipToken, useQuery } from '@tanstack/react-query';
import type { RoomAssets } from './asset-merge.ts';

/**
 * A room's abnormal assets (out of service, stale) in the query cache, beside the room's alerts: the
 * socket bridge writes them from subscribe answers and `asset:state` pushes; nothing fetches them.
 */
export function roomAssetsQuery(plant: string, line: string | null) {
  return queryOptions<RoomAssets>({ queryKey: ['room-assets', plant, line ?? '*'] as const, queryFn: skipToken, staleTime: Infinity });
}

/** The room's abnormal assets as the socket bridge last wrote them (empty before the first answer). */
export function useRoomAssets(plant: string, line: string | null): RoomAssets {
  return useQuery(roomAssetsQuery(plant, line)).data ?? {};
}
