import { useMutation, useQueryClient } from '@tanstack/react-query';
import { LoginBody } from '../../protocol/session.ts';
import { Me } from '../../protocol/session.ts';
import { api } from '../../lib/api.ts';
import { sessionKey } from '../../lib/session.ts';

/** Signs in; on success the session query holds who is signed in. */
export function useSignIn() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) => api('/api/v1/session', Me, { method: 'POST', body: LoginBody.parse(body) }),
    onSuccess: (me) => qc.setQueryData(sessionKey, me),
  });
}
