import { csvRow } from '../../src/protocol/csv.ts';
import type { LabelRecord } from '../../src/protocol/label.ts';

/** CSV columns of the label export, in order (documented in the README's "Label schema"). */
export const LABEL_CSV_COLUMNS = [
  'id', 'version', 'alertId', 'key', 'plant', 'line', 'asset', 'model', 'modelVersion', 'label', 'answer', 'reasons', 'note',
  'byUser', 'byRole', 'at', 'atIso', 'alertState', 'resultIds', 'resultId', 'resultTs', 'score', 'threshold', 'baseValue',
  'attributions', 'drift',
] as const;


export function labelCsvRow(l: LabelRecord): string {
  const s = l.snapshot;
  const values: unknown[] = [
    l.id, l.version, l.alertId, l.key, l.plant, l.line, l.asset, l.model.name, l.model.version, l.label, l.answer, l.reasons.join(';'), l.note,
    l.by.user, l.by.role, l.at, new Date(l.at).toISOString(), l.alertState, l.resultIds.join(';'), s.resultId, s.ts, s.score, s.threshold,
    s.baseValue, s.attributions ?? null, s.drift ?? null,
  ];
  return csvRow(values);
}

export const labelCsvHeader = () => LABEL_CSV_COLUMNS.join(',') + '\r\n';
