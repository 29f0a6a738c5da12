import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { Me, OperatorBadgeBody, PanelLoginBody } from '../../protocol/session.ts';
import { api } from '../../lib/api.ts';
import { bridgeFor } from '../../lib/socket.ts';
import { fetchSession, sessionKey } from '../../lib/session.ts';

/** Starts afresh as another identity: the socket was opened with the old session, cached data was for it. */
function resetFor(qc: QueryClient, me: Me) {
  bridgeFor(qc).close();
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
  qc.setQueryData(sessionKey, me);
}

/** Signs this device in as a panel with the token an admin issued; the session is a viewer on its line. */
export function usePanelSignIn() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => api('/api/v1/panel-session', Me, { method: 'POST', body: PanelLoginBody.parse({ token }) }),
    onSuccess: (me) => resetFor(qc, me),
  });
}

/**
 * Identifies an operator on the panel by badge + PIN. The socket stays open: the relay reads who is
 * acting from the session at every command, so only the session query changes.
 */
export function useIdentifyOperator() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { badge: string; pin: string }) => api('/api/v1/panel-session/operator', Me, { method: 'POST', body: OperatorBadgeBody.parse(body) }),
    onSuccess: (me) => qc.setQueryData(sessionKey, me),
  });
}

/** Signs the identified operator out of the panel: it goes back to viewer (the device stays signed in). */
export function useSignOutOperator() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await api('/api/v1/panel-session/operator', null, { method: 'DELETE' });
      return fetchSession();
    },
    onSuccess: (me) => qc.setQueryData(sessionKey, me),
    onError: () => void qc.invalidateQueries({ queryKey: sessionKey }),
  });
}
