import { MAX_BATCH, type IngestAck } from '../../src/protocol/inference.ts';
import type { RefusalCode } from '../../src/protocol/refusal.ts';
import type { EdgeIdentity } from '../auth/edge-keys.ts';
import type { BoundsRefusal } from '../relay/alert-bounds.ts';
import type { EngineHost } from '../relay/engine-host.ts';
import type { Metrics } from '../metrics.ts';
import { rawId } from './raw-id.ts';
import { validateBatch } from './validate.ts';

export interface IngestOptions {
  /** Results queued for the engine above which edges are told to retry later. */
  highWater: number;
  retryAfterMs: number;
  /** Lines this instance processes; others are refused (see relay/ownership.ts). */
  owns: (plant: string, line: string) => boolean;
  /** The latest event time accepted now: the relay's clock plus the edge-clock tolerance. */
  latestTs: () => number;
  /** The earliest event time accepted now: the relay's clock less the longest result age. */
  earliestTs: () => number;
}

type Refusal = IngestAck['rejected'][number];

/**
 * The one ingest path shared by socket.io, HTTP and MQTT: check room, validate, check scope and
 * ownership, then process and answer per item; over the high-water mark the answer is "retry after".
 */
export function createIngest(host: EngineHost, metrics: Metrics, opts: IngestOptions) {
  // Fairness: one edge may fill at most a quarter of the queue, so a flooding edge is told to retry
  // while the others' results still find room and go through.
  const perEdge = Math.max(1, Math.floor(opts.highWater / 4));
  const pendingByEdge = new Map<string, number>();
  const saturated = (edge: EdgeIdentity, n: number) => {
    const mine = pendingByEdge.get(edge.keyId) ?? 0;
    return host.queueDepth + n > opts.highWater || (mine > 0 && mine + n > perEdge);
  };
  const retryAfter = (earlier: Refusal[], retry: { index: number; id?: string }[], code: RefusalCode, reason: string): IngestAck =>
    ({ accepted: [], rejected: [...earlier, ...retry.map((r) => ({ ...r, code, reason }))], retryAfterMs: opts.retryAfterMs });
  const saturatedReason = `retry_after: relay saturated, retry in ${opts.retryAfterMs} ms`;

  return async function ingest(edge: EdgeIdentity, payload: unknown): Promise<IngestAck> {
    // Room is checked before validating: a flooding edge costs the relay a count, not a schema walk
    // of every result, so the other edges' results keep flowing (validation comes on the retry). Only
    // fewer results can pass validation, and nothing changes in between: no second check is needed.
    const items = Array.isArray(payload) ? payload : [payload];
    if (items.length <= MAX_BATCH && saturated(edge, items.length)) {
      metrics.rejected('retry_after', items.length);
      return retryAfter([], items.map((item, index) => ({ index, id: rawId(item) })), 'busy', saturatedReason);
    }
    const { valid, rejected } = owned(validateBatch(payload, edge, opts.latestTs(), opts.earliestTs()), opts.owns);
    for (const r of rejected) metrics.rejected(r.code);
    if (!valid.length) return { accepted: [], rejected };
    pendingByEdge.set(edge.keyId, (pendingByEdge.get(edge.keyId) ?? 0) + valid.length);
    let bounded: Map<string, BoundsRefusal>;
    try {
      bounded = new Map((await host.ingest(edge.keyId, valid.map((v) => v.result))).map(({ id, ...bound }) => [id, bound]));
    } catch (err) {
      metrics.rejected('store', valid.length);
      const ids = valid.map((v) => ({ index: v.index, id: v.result.id }));
      return retryAfter(rejected, ids, 'busy', `retry_after: not stored (${(err as Error).message.slice(0, 120)})`);
    } finally {
      const left = (pendingByEdge.get(edge.keyId) ?? valid.length) - valid.length;
      if (left > 0) pendingByEdge.set(edge.keyId, left);
      else pendingByEdge.delete(edge.keyId);
    }
    // Results that would have made new alert keys past a bound (relay/alert-bounds.ts) were not stored.
    const accepted: string[] = [];
    for (const v of valid) {
      const bound = bounded.get(v.result.id);
      if (bound === undefined) accepted.push(v.result.id);
      else {
        rejected.push({ index: v.index, id: v.result.id, ...bound });
        metrics.rejected(bound.code);
      }
    }
    metrics.accepted(accepted.length);
    return { accepted, rejected };
  };
}
export type Ingest = ReturnType<typeof createIngest>;

/** Moves results for lines another relay instance processes into the refusals. */
function owned(batch: ReturnType<typeof validateBatch>, owns: IngestOptions['owns']) {
  const rejected = batch.rejected;
  const valid = batch.valid.filter((v) => {
    if (owns(v.result.plant, v.result.line)) return true;
    rejected.push({ index: v.index, id: v.result.id, code: 'not_owner', reason: `not_owner: ${v.result.plant}/${v.result.line} is processed by another relay instance; publish there` });
    return false;
  });
  return { valid, rejected };
}
