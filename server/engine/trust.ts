import type { Trust } from '../../src/protocol/alert.ts';
import type { FeedbackAnswer } from '../../src/protocol/commands.ts';
import type { AlarmPolicy } from '../../src/protocol/policy.ts';

/** Operators' answers for one key (docs/design.md "The alarm engine"), the latest answer per alert counted once. */
export interface TrustState {
  confirmed: number;
  falseAlarm: number;
  unsure: number;
  /** Latest answer per alert raise (`id/raise`), so a changed answer moves a count instead of adding one. */
  answers: Map<string, FeedbackAnswer>;
}

export function newTrust(): TrustState {
  return { confirmed: 0, falseAlarm: 0, unsure: 0, answers: new Map() };
}

const FIELD = { real: 'confirmed', false_alarm: 'falseAlarm', not_sure: 'unsure' } as const;

/** Records an answer for an alert; an earlier answer for the same alert is replaced. */
export function recordAnswer(t: TrustState, alertId: string, answer: FeedbackAnswer): void {
  const before = t.answers.get(alertId);
  if (before === answer) return;
  if (before !== undefined) t[FIELD[before]] = Math.max(0, t[FIELD[before]] - 1);
  t[FIELD[answer]] += 1;
  t.answers.set(alertId, answer);
}

/** Precision once confirmed + false alarm reaches the policy minimum, else null. */
export function precisionOf(t: TrustState, p: AlarmPolicy): number | null {
  const n = t.confirmed + t.falseAlarm;
  return n >= p.trustMinAnswers ? t.confirmed / n : null;
}

/** The wire view of trust. `demoted` never applies to critical; a review is suggested either way. */
export function trustView(t: TrustState, p: AlarmPolicy, critical: boolean): Trust | null {
  if (t.confirmed + t.falseAlarm + t.unsure === 0) return null;
  const precision = precisionOf(t, p);
  const often = precision !== null && precision < p.trustDemoteBelow;
  return { confirmed: t.confirmed, falseAlarm: t.falseAlarm, unsure: t.unsure, precision, demoted: often && !critical, reviewSuggested: often };
}
