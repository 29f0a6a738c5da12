import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { EdgeKeyView, PolicyView, UserView } from '../../protocol/admin.ts';
import { api } from '../../lib/api.ts';

export const adminKey = ['admin'] as const;

export function useUsers(enabled: boolean) {
  return useQuery({ queryKey: [...adminKey, 'users'], queryFn: ({ signal }) => api('/api/v1/admin/users', z.array(UserView), { signal }), enabled });
}

export function useEdgeKeys(enabled: boolean) {
  return useQuery({ queryKey: [...adminKey, 'edge-keys'], queryFn: ({ signal }) => api('/api/v1/admin/edge-keys', z.array(EdgeKeyView), { signal }), enabled });
}

export function useCataloguePlants() {
  return useQuery({ queryKey: [...adminKey, 'catalogues'], queryFn: ({ signal }) => api('/api/v1/catalogues', z.array(z.string()), { signal }) });
}

export function usePolicy() {
  return useQuery({ queryKey: [...adminKey, 'policy'], queryFn: ({ signal }) => api('/api/v1/policy', PolicyView, { signal }) });
}
