import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api.ts';

/** The app's one query client: REST data and the live room state pushed by the socket bridge. */
export function createQueryClient(): QueryClient {
  const qc = new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failures, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && failures < 3,
      },
    },
  });
  // Room state is large and written many times a second by the socket bridge: store it as given.
  qc.setQueryDefaults(['room'], { structuralSharing: false, staleTime: Infinity });
  return qc;
}
