import { useQuery } from '@tanstack/react-query';

export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'refused';

/** The socket's state as the connection banner shows it. */
export interface ConnectionState {
  status: ConnectionStatus;
  /** When the data was last known current (the moment the link was lost); null while live. */
  staleSince: number | null;
  /** Why the relay refused us, or the last connect error. */
  detail: string | null;
  /** Commands waiting in the outbox to be sent. */
  queued: number;
}

export const connectionKey = ['connection'] as const;
export const initialConnection: ConnectionState = { status: 'connecting', staleSince: null, detail: null, queued: 0 };

/** The socket's state, written by the socket bridge into the query cache. */
export function useConnection(): ConnectionState {
  const { data } = useQuery<ConnectionState>({
    queryKey: connectionKey,
    queryFn: () => initialConnection,
    initialData: initialConnection,
    staleTime: Infinity,
    gcTime: Infinity,
  });
  return data;
}
