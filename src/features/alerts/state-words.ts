import type { Alert } from '../../protocol/alert.ts';

const WORDS: Record<Alert['state'], string> = {
  unacknowledged: 'Unacknowledged',
  acknowledged: 'Acknowledged',
  returned_unacknowledged: 'Back to normal · not acknowledged',
  normal: 'Normal',
  shelved: 'Shelved',
  out_of_service: 'Out of service',
  suppressed_by_design: 'Suppressed by design',
};

const SHORT: Record<Alert['state'], string> = {
  unacknowledged: 'unack', acknowledged: 'ack', returned_unacknowledged: 'normal · unack', normal: 'normal',
  shelved: 'shelved', out_of_service: 'out of service', suppressed_by_design: 'by design',
};

export const stateWord = (a: Alert) => WORDS[a.state];
export const stateShort = (a: Alert) => SHORT[a.state];

/** Whether the alert still asks for an acknowledgement (and so flashes). */
export const needsAck = (a: Alert) => a.state === 'unacknowledged' || a.state === 'returned_unacknowledged';

/**
 * "confirmed 9 of 11 times"; "often false: 2 of 12 confirmed" when demoted; null until there is
 * enough feedback to say (the engine's precision, from 5 real/false answers on).
 */
export function trustLine(a: Alert): string | null {
  const t = a.trust;
  if (!t || (t.precision === null && !t.demoted)) return null;
  const answered = t.confirmed + t.falseAlarm;
  if (answered === 0) return null;
  if (t.demoted) return `often false: ${t.confirmed} of ${answered} confirmed`;
  return `confirmed ${t.confirmed} of ${answered} times`;
}
