import { useQuery } from '@tanstack/react-query';
import { AlertTimeline } from '../../protocol/history.ts';
import { api } from '../../lib/api.ts';

export function useAlertTimeline(id: string) {
  return useQuery({
    queryKey: ['alert-timeline', id],
    queryFn: ({ signal }) => api(`/api/v1/alerts/${encodeURIComponent(id)}`, AlertTimeline, { signal }),
    refetchInterval: 15_000,
  });
}
