import { DEFAULT_POLICY, type AlarmPolicy } from '../../protocol/policy.ts';

export type PolicyField = keyof AlarmPolicy;
export const POLICY_FIELDS = Object.keys(DEFAULT_POLICY) as PolicyField[];

/** What each policy number means, in a line (docs/design.md "The alarm engine"). */
export const POLICY_HELP: Record<PolicyField, string> = {
  onDelayResults: 'results over threshold in a row before an alert is raised',
  offDelayMs: 'time below threshold − deadband before it is normal again',
  deadband: 'fraction of the threshold the score must fall below',
  reAlarmWindowMs: 'an alert back within this time reopens instead of being new',
  chatterRaises: 'raises within the chatter window that mark an alert chattering',
  chatterWindowMs: 'the chatter window',
  chatterReleaseMs: 'quiet time before a chattering alert is released',
  floodEnter: 'a console floods with MORE than this many annunciations in the window…',
  floodLeave: '…and leaves flood below this many',
  floodWindowMs: 'the flood window',
  groupWindowMs: 'alerts on one asset within this time share a group',
  lineEventAssets: 'assets raising together that form a line event',
  lineEventWindowMs: 'the line-event window',
  trustMinAnswers: 'answers (confirmed + false) before precision counts',
  trustDemoteBelow: 'precision below this demotes a key one priority',
  defaultPriority: 'priority when neither edge nor label decides',
  labelPriorities: 'priority per predicted label (JSON object)',
  edgePriority: "take the edge's priority suggestion",
  annunciateFrom: 'lowest priority that annunciates',
  suppressedByDesign: 'everything in this scope is suppressed by design',
  suppressedLabels: 'labels suppressed by design (JSON array)',
  operatorShelveMaxMinutes: 'longest shelf an operator may set (≤ 120)',
  supervisorShelveMaxMinutes: 'longest shelf a supervisor may set (≤ 480)',
  outOfServiceMaxMs: 'longest out-of-service period',
  staleAfterMs: 'an asset silent this long is stale',
  lateAllowanceMs: 'how late a result may arrive and still count in order',
};

/** A policy value as text in an input. */
export const toText = (v: unknown) => (typeof v === 'object' ? JSON.stringify(v) : String(v));

/** Text back to the field's type; unparseable text is sent as is so the relay names the field. */
export function fromText(field: PolicyField, text: string): unknown {
  const like = DEFAULT_POLICY[field];
  if (typeof like === 'number') return text.trim() === '' || Number.isNaN(Number(text)) ? text : Number(text);
  if (typeof like === 'boolean') return text === 'true';
  if (typeof like === 'object') {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/** "600000" → "10 min" next to millisecond fields. */
export function msHint(field: PolicyField, v: unknown): string | null {
  if (!field.endsWith('Ms') || typeof v !== 'number' || !Number.isFinite(v)) return null;
  if (v < 60_000) return `${v / 1000} s`;
  if (v < 3_600_000) return `${Math.round((v / 60_000) * 10) / 10} min`;
  if (v < 86_400_000) return `${Math.round((v / 3_600_000) * 10) / 10} h`;
  return `${Math.round((v / 86_400_000) * 10) / 10} d`;
}
