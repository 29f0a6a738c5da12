import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { AlarmLoadReport, DriftReport, SuppressionLog, TrustReport } from '../../protocol/kpi.ts';
import { api } from '../../lib/api.ts';
import { postCommand } from '../../lib/rest-command.ts';

export interface View {
  plant: string;
  line: string | null;
  from: number;
  to: number;
  /** The range ends now: refresh while the page is open. */
  live: boolean;
}

const REFRESH_MS = 15_000;
const qs = (v: View, extra: Record<string, string> = {}) =>
  new URLSearchParams({ plant: v.plant, ...(v.line ? { line: v.line } : {}), from: String(v.from), to: String(v.to), ...extra }).toString();
const live = (v: View) => ({ refetchInterval: v.live ? REFRESH_MS : (false as const), placeholderData: <T,>(prev: T | undefined) => prev });

export const dashboardKey = (v: View) => ['dashboard', v.plant, v.line ?? '*'] as const;

export function useAlarmLoad(v: View) {
  return useQuery({ queryKey: [...dashboardKey(v), 'load', v.from, v.to], queryFn: ({ signal }) => api(`/api/v1/kpi/alarm-load?${qs(v)}`, AlarmLoadReport, { signal }), ...live(v) });
}

export function useTrust(v: View) {
  const q = new URLSearchParams({ plant: v.plant, ...(v.line ? { line: v.line } : {}) });
  return useQuery({ queryKey: [...dashboardKey(v), 'trust'], queryFn: ({ signal }) => api(`/api/v1/kpi/trust?${q}`, TrustReport, { signal }), ...live(v) });
}

export function useDrift(v: View) {
  return useQuery({ queryKey: [...dashboardKey(v), 'drift', v.from, v.to], queryFn: ({ signal }) => api(`/api/v1/kpi/drift?${qs(v)}`, DriftReport, { signal }), ...live(v) });
}

export function useSuppressionLog(v: View) {
  return useQuery({ queryKey: [...dashboardKey(v), 'suppression', v.from, v.to], queryFn: ({ signal }) => api(`/api/v1/suppression-log?${qs(v, { limit: '500' })}`, SuppressionLog, { signal }), ...live(v) });
}

/** Unshelve, out of service, return to service: sent over REST; the views refresh after. */
export function useSupervisorCommand(v: View) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: postCommand,
    onSettled: () => qc.invalidateQueries({ queryKey: dashboardKey(v) }),
  });
}
