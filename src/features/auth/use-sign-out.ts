import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { bridgeFor } from '../../lib/socket.ts';
import { sessionKey } from '../../lib/session.ts';

/** Signs out: ends the session, closes the socket and forgets all cached plant data. */
export function useSignOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api('/api/v1/session', null, { method: 'DELETE' }),
    onSettled: () => {
      bridgeFor(qc).close();
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
      qc.setQueryData(sessionKey, null);
    },
  });
}
