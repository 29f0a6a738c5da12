import { useQuery } from '@tanstack/react-query';
import { Me } from '../protocol/session.ts';
import { api, ApiError } from './api.ts';

export const sessionKey = ['session'] as const;

/** Who is signed in; `null` when nobody is (401). */
export async function fetchSession(): Promise<Me | null> {
  try {
    return await api('/api/v1/session', Me);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: 60_000 });
}
