import type { Alert, AlertChange } from '../../protocol/alert.ts';

const T0 = Date.UTC(2025, 0, 1, 14, 1, 7);

/** A valid demo alert for tests; override what the test is about. */
export function makeAlert(over: Partial<Alert> = {}): Alert {
  const snapshot = {
    resultId: 'r-1', ts: T0, score: 0.93, threshold: 0.8, baseValue: 0.1,
    attributions: [
      { feature: 'flow', value: 18, contribution: -0.41 },
      { feature: 'pressure', value: 1.9, contribution: 0.22 },
      { feature: 'current', value: 2.6, contribution: 0.11 },
    ],
  };
  return {
    id: 'a-1', key: 'demo/line2/p204/valve-watch/valve_closure', plant: 'demo', line: 'line2', asset: 'p204',
    model: { name: 'valve-watch', version: '1.4.2' }, label: 'valve_closure',
    priority: 'high', suggestedPriority: 'high', state: 'unacknowledged', active: true, acknowledged: false,
    raisedAt: T0, annunciatedAt: T0, clearedAt: null, lastAt: T0 + 84_000, count: 212, annunciations: 1,
    suppression: null, chattering: false, groupId: null, lineEventId: null, shelf: null,
    trust: { confirmed: 9, falseAlarm: 2, unsure: 0, precision: 9 / 11, demoted: false, reviewSuggested: false },
    peak: snapshot, last: snapshot,
    ...over,
  };
}

/** A change carrying `alert` at `seq`. */
export function makeChange(seq: number, alert: Alert, kind: AlertChange['kind'] = 'updated'): AlertChange {
  return { seq, kind, at: alert.lastAt, by: null, reason: null, alert };
}
