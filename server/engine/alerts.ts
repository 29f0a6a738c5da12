import type { Alert, ResultSnapshot } from '../../src/protocol/alert.ts';
import type { InferenceResult } from '../../src/protocol/inference.ts';
import type { KeyState } from './state.ts';

/**
 * The inputs of one result as an alert keeps them (peak, last). Attributions and drift are shared with
 * the result, not copied: results are never mutated after parsing, and copying them per result would
 * dominate the steady path.
 */
export function snapshotOf(r: InferenceResult): ResultSnapshot {
  return {
    resultId: r.id,
    ts: r.ts,
    score: r.score,
    threshold: r.threshold,
    baseValue: r.baseValue,
    attributions: r.attributions,
    drift: r.drift,
  };
}

/** A fresh alert for a key; the caller fills in priority, grouping and suppression before emitting it. */
export function newAlert(k: KeyState, id: string, r: InferenceResult, at: number, snap: ResultSnapshot): Alert {
  const line = k.asset.line;
  return {
    id,
    key: k.key,
    plant: line.plant,
    line: line.line,
    asset: k.asset.asset,
    model: r.model,
    label: k.label,
    priority: 'medium',
    suggestedPriority: 'medium',
    state: 'unacknowledged',
    active: true,
    acknowledged: false,
    raisedAt: at,
    annunciatedAt: null,
    clearedAt: null,
    lastAt: at,
    count: 0,
    annunciations: 0,
    suppression: null,
    chattering: false,
    groupId: null,
    lineEventId: null,
    shelf: null,
    trust: null,
    peak: snap,
    last: snap,
  };
}

/**
 * A copy of an alert for an event. Shallow on purpose: nested objects (model, peak, last, shelf, trust)
 * are replaced whole by the engine, never mutated, so a shallow copy is an exact snapshot and the
 * relay may keep it after later changes.
 */
export function copyAlert(a: Alert): Alert {
  return { ...a };
}
