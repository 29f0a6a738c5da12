import { describeIssues } from '../../src/protocol/common.ts';
import { InferenceResult, MAX_BATCH, type IngestAck } from '../../src/protocol/inference.ts';
import { inScope } from '../auth/scope.ts';
import type { EdgeIdentity } from '../auth/edge-keys.ts';
import { rawId } from './raw-id.ts';

/** A publish split into results to process and per-item refusals with the field named. */
export interface ValidatedBatch {
  valid: { index: number; result: InferenceResult }[];
  rejected: IngestAck['rejected'];
}

/**
 * Validates one result or a batch against the wire schema, the edge key's scope and the relay's
 * clock: a result stamped after `latestTs` comes from an edge whose clock is wrong, and taking it
 * would move its line's event clock (and every alert's timing on it) into the future; one stamped
 * before `earliestTs` comes from a clock that was never set (1970) or a buffer held far too long.
 */
export function validateBatch(payload: unknown, edge: EdgeIdentity, latestTs = Infinity, earliestTs = -Infinity): ValidatedBatch {
  const items = Array.isArray(payload) ? payload : [payload];
  const out: ValidatedBatch = { valid: [], rejected: [] };
  if (items.length > MAX_BATCH) {
    out.rejected.push({ index: -1, code: 'limit', reason: `batch: at most ${MAX_BATCH} results per publish, got ${items.length}` });
    return out;
  }
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const parsed = InferenceResult.safeParse(item);
    if (!parsed.success) {
      out.rejected.push({ index, id: rawId(item), code: 'invalid', reason: `invalid: ${describeIssues(parsed.error)}` });
      return;
    }
    const r = parsed.data;
    if (r.ts > latestTs) {
      out.rejected.push({ index, id: r.id, code: 'invalid', reason: `invalid: ts: ${new Date(r.ts).toISOString()} is ahead of the relay's clock by more than the tolerance (${new Date(latestTs).toISOString()} at the latest); check the edge's clock (NTP)` });
      return;
    }
    if (r.ts < earliestTs) {
      out.rejected.push({ index, id: r.id, code: 'invalid', reason: `invalid: ts: ${new Date(r.ts).toISOString()} is older than the relay takes (${new Date(earliestTs).toISOString()} at the earliest, MAX_RESULT_AGE_DAYS); check the edge's clock (NTP)` });
      return;
    }
    if (!inScope(edge.scopes, r.plant, r.line)) {
      out.rejected.push({ index, id: r.id, code: 'forbidden', reason: `scope: this edge key may not publish to ${r.plant}/${r.line}` });
      return;
    }
    if (seen.has(r.id)) return; // a repeat inside one batch is the same result: answered once below
    seen.add(r.id);
    out.valid.push({ index, result: r });
  });
  return out;
}
