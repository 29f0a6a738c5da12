/** In-process counters the relay exposes (Prometheus text at /metrics). */
export function createMetrics() {
  let accepted = 0;
  const rejectedBy = new Map<string, number>();
  return {
    accepted(n: number) {
      accepted += n;
    },
    rejected(reason: string, n = 1) {
      const key = reason.slice(0, 32);
      if (rejectedBy.size < 64 || rejectedBy.has(key)) rejectedBy.set(key, (rejectedBy.get(key) ?? 0) + n);
    },
    snapshot() {
      return { accepted, rejected: Object.fromEntries(rejectedBy) };
    },
    /** Prometheus exposition text, with gauges supplied by the caller. */
    render(gauges: Record<string, number>): string {
      const lines = ['# TYPE clearline_results_accepted_total counter', `clearline_results_accepted_total ${accepted}`,
        '# TYPE clearline_results_rejected_total counter'];
      for (const [reason, n] of rejectedBy) lines.push(`clearline_results_rejected_total{reason="${reason.replace(/[^a-z_]/gi, '_')}"} ${n}`);
      for (const [name, v] of Object.entries(gauges)) lines.push(`# TYPE clearline_${name} gauge`, `clearline_${name} ${v}`);
      return lines.join('\n') + '\n';
    },
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
