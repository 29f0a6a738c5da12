import type { AlarmPolicy } from '../../src/protocol/policy.ts';

/** The debounced condition of one alarm key (docs/design.md "The alarm engine"). */
export interface ConditionState {
  /** Debounced: abnormal after the on-delay, normal again after the off-delay. */
  abnormal: boolean;
  /** Consecutive results with score ≥ threshold while normal (the on-delay counter). */
  consecutive: number;
  /** Event time the score first fell below threshold − deadband while abnormal; null when it has not. */
  belowSince: number | null;
}

/** What one result did to the condition; the engine acts on each. */
export type ConditionStep =
  | 'idle' //         normal and below threshold
  | 'pending' //      normal, ≥ threshold, on-delay not yet met
  | 'raise' //        on-delay met: the condition became abnormal
  | 'hold' //         abnormal, score ≥ threshold (an update to the alert)
  | 'in_deadband' //  abnormal, threshold − deadband ≤ score < threshold: neither update nor return
  | 'below' //        abnormal, below the deadband: off-delay started (schedule its completion)
  | 'still_below' //  abnormal, still below the deadband: off-delay running
  | 'return'; //      off-delay of 0 met at once: the condition is normal again

export function newCondition(): ConditionState {
  return { abnormal: false, consecutive: 0, belowSince: null };
}

/** Deadband is a fraction of |threshold| so it works for negative and tiny thresholds alike. */
export function deadbandOf(threshold: number, p: AlarmPolicy): number {
  return Math.abs(threshold) * p.deadband;
}

/**
 * Advances the condition by one result at event time `at`. Mutates `c` (the engine owns it) and says
 * what happened. Completion of a running off-delay is the timer's job (`completeOffDelay`), so it
 * happens at the deadline even when results stop.
 */
export function stepCondition(c: ConditionState, score: number, threshold: number, at: number, p: AlarmPolicy): ConditionStep {
  if (!c.abnormal) {
    if (score < threshold) {
      c.consecutive = 0;
      return 'idle';
    }
    c.consecutive += 1;
    if (c.consecutive < p.onDelayResults) return 'pending';
    c.abnormal = true;
    c.consecutive = 0;
    c.belowSince = null;
    return 'raise';
  }
  if (score < threshold - deadbandOf(threshold, p)) {
    if (c.belowSince !== null) return 'still_below';
    if (p.offDelayMs === 0) {
      c.abnormal = false;
      return 'return';
    }
    c.belowSince = at;
    return 'below';
  }
  c.belowSince = null;
  return score >= threshold ? 'hold' : 'in_deadband';
}

/** The off-delay deadline of a running return, or null. */
export function offDelayDeadline(c: ConditionState, p: AlarmPolicy): number | null {
  return c.abnormal && c.belowSince !== null ? c.belowSince + p.offDelayMs : null;
}

/** Completes the off-delay: the condition is normal again. */
export function completeOffDelay(c: ConditionState): void {
  c.abnormal = false;
  c.belowSince = null;
  c.consecutive = 0;
}
