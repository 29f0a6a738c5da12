import type { IngestAck } from '../../src/protocol/inference.ts';
import type { EdgeIdentity } from '../auth/edge-keys.ts';
import type { EngineHost } from '../relay/engine-host.ts';
import type { Metrics } from '../metrics.ts';
import { validateBatch } from './validate.ts';

export interface IngestOptions {
  /** Results queued for the engine above which edges are told to retry later. */
  highWater: number;
  retryAfterMs: number;
  /** Lines this instance processes; others are refused (see relay/ownership.ts). */
  owns: (plant: string, line: string) => boolean;
}

/**
 * The one ingest path shared by socket.io, HTTP and MQTT: validate, check scope, refuse with
 * "retry after" when the queue is over its high-water mark, else process and answer per item.
 */
export function createIngest(host: EngineHost, metrics: Metrics, opts: IngestOptions) {
  // Fairness: one edge may fill at most a quarter of the queue, so a flooding edge is told to retry
  // while the others' results still find room and go through.
  const perEdge = Math.max(1, Math.floor(opts.highWater / 4));
  const pendingByEdge = new Map<string, number>();
  return async function ingest(edge: EdgeIdentity, payload: unknown): Promise<IngestAck> {
    const checked = validateBatch(payload, edge);
    const rejected = checked.rejected;
    const valid = checked.valid.filter((v) => {
      if (opts.owns(v.result.plant, v.result.line)) return true;
      rejected.push({ index: v.index, id: v.result.id, reason: `not_owner: ${v.result.plant}/${v.result.line} is processed by another relay instance; publish there` });
      return false;
    });
    for (const r of rejected) metrics.rejected(r.reason.split(':')[0]!);
    if (!valid.length) return { accepted: [], rejected };
    const mine = pendingByEdge.get(edge.keyId) ?? 0;
    if (host.queueDepth + valid.length > opts.highWater || (mine > 0 && mine + valid.length > perEdge)) {
      metrics.rejected('retry_after', valid.length);
      return {
        accepted: [],
        rejected: [...rejected, ...valid.map((v) => ({ index: v.index, id: v.result.id, reason: `retry_after: relay saturated, retry in ${opts.retryAfterMs} ms` }))],
        retryAfterMs: opts.retryAfterMs,
      };
    }
    pendingByEdge.set(edge.keyId, mine + valid.length);
    try {
      await host.ingest(edge.keyId, valid.map((v) => v.result));
    } catch (err) {
      metrics.rejected('store', valid.length);
      return {
        accepted: [],
        rejected: [...rejected, ...valid.map((v) => ({ index: v.index, id: v.result.id, reason: `retry_after: not stored (${(err as Error).message.slice(0, 120)})` }))],
        retryAfterMs: opts.retryAfterMs,
      };
    } finally {
      const left = (pendingByEdge.get(edge.keyId) ?? valid.length) - valid.length;
      if (left > 0) pendingByEdge.set(edge.keyId, left);
      else pendingByEdge.delete(edge.keyId);
    }
    metrics.accepted(valid.length);
    return { accepted: valid.map((v) => v.result.id), rejected };
  };
}
export type Ingest = ReturnType<typeof createIngest>;
