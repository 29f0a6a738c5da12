import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { bridgeFor } from './socket.ts';
import { roomKey, type RoomState } from './room.ts';

/** A room's live state: first a snapshot or replay, then every pushed change (via the socket bridge). */
export function useRoom(plant: string, line: string | null) {
  const qc = useQueryClient();
  const bridge = bridgeFor(qc);
  const query = useQuery<RoomState>({
    queryKey: roomKey(plant, line),
    queryFn: () => bridge.openRoom(plant, line),
    staleTime: Infinity,
    gcTime: 60_000,
    retry: false,
    networkMode: 'always', // the socket bridge waits for the link itself
    structuralSharing: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  // Leaving the line (or the panel) leaves the relay's room; the data is kept for gcTime and on
  // return the bridge replays from its seq.
  useEffect(() => bridge.retain(plant, line), [bridge, plant, line]);
  return query;
}
