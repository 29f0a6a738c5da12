import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** What the metrics read from the running relay when scraped. */
export interface MetricsProbe {
  queueDepth(): number;
  browsers(): number;
  edges(): number;
  alertsByState(): Record<string, number>;
}

/**
 * The relay's Prometheus metrics (`/metrics`): ingest rate and refusals by reason, queue depth,
 * connected clients, emit latency, and engine state counts. One registry per relay, so tests that
 * start several relays in one process do not collide.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'clearline_process_' });
  const accepted = new Counter({ name: 'clearline_results_accepted_total', help: 'Inference results accepted', registers: [registry] });
  const rejected = new Counter({ name: 'clearline_results_rejected_total', help: 'Inference results refused, by reason', labelNames: ['reason'], registers: [registry] });
  const emitLatency = new Histogram({
    name: 'clearline_emit_latency_seconds', help: 'From a publish reaching the relay to its alert changes being sent to browsers',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers: [registry],
  });
  let probe: MetricsProbe | undefined;
  const gauge = (name: string, help: string, read: (p: MetricsProbe) => number) =>
    new Gauge({ name, help, registers: [registry], collect() { if (probe) this.set(read(probe)); } });
  gauge('clearline_ingest_queue_depth', 'Results waiting for the engine', (p) => p.queueDepth());
  gauge('clearline_connected_browsers', 'Browser sockets connected to this relay', (p) => p.browsers());
  gauge('clearline_connected_edges', 'Edge sockets connected to this relay', (p) => p.edges());
  new Gauge({
    name: 'clearline_alerts', help: 'Open alerts in this relay\'s engine, by state', labelNames: ['state'], registers: [registry],
    collect() {
      this.reset();
      for (const [state, n] of Object.entries(probe?.alertsByState() ?? {})) this.set({ state }, n);
    },
  });
  return {
    accepted: (n: number) => accepted.inc(n),
    /** Reasons are the refusal's first word (invalid, scope, retry_after…), so the label set stays small. */
    rejected: (reason: string, n = 1) => rejected.inc({ reason: /^[a-z_]{1,32}$/.test(reason) ? reason : 'other' }, n),
    emitted: (seconds: number) => emitLatency.observe(seconds),
    watch(p: MetricsProbe) {
      probe = p;
    },
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
