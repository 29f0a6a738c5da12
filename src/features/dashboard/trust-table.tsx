import type { Catalogue } from '../../protocol/catalogue.ts';
import type { KeyTrust, TrustReport } from '../../protocol/kpi.ts';
import { DeskTable } from '../../lib/desk-table.tsx';
import { keyName } from './names.ts';

const pct = (p: number | null) => (p === null ? '—' : `${Math.round(p * 100)} %`);

function status(k: KeyTrust): { word: string; abnormal: boolean } {
  if (k.demoted) return { word: `Demoted: often false (${k.confirmed} of ${k.n} confirmed)`, abnormal: true };
  if (k.reviewSuggested) return { word: 'Threshold review suggested (critical: not demoted)', abnormal: true };
  if (k.precision === null) return { word: `Too few answers (needs ${k.minAnswers})`, abnormal: false };
  return { word: 'Trusted', abnormal: false };
}

/**
 * Model trust from operators' answers: precision = confirmed / (confirmed + false alarm) per alarm
 * key and model version, with n. Demoted keys are shown one priority lower on the panels.
 */
export function TrustTable({ report, catalogue }: { report: TrustReport; catalogue: Catalogue | undefined }) {
  return (
    <div className="grid gap-2">
      <DeskTable title="Model trust" csvName="model-trust" rows={report.models} rowKey={(m) => `${m.model}@${m.version}`} testId="model-trust"
        empty="No operator answers yet."
        columns={[
          { title: 'model', value: (m) => m.model },
          { title: 'version', value: (m) => m.version },
          { title: 'keys', value: (m) => m.keys, align: 'right' },
          { title: 'confirmed', value: (m) => m.confirmed, align: 'right' },
          { title: 'false alarm', value: (m) => m.falseAlarm, align: 'right' },
          { title: 'not sure', value: (m) => m.unsure, align: 'right' },
          { title: 'n', value: (m) => m.n, align: 'right' },
          { title: 'precision', value: (m) => m.precision, cell: (m) => pct(m.precision), align: 'right' },
        ]} />
      <DeskTable title="Trust per alert key" csvName="key-trust" rows={report.keys} rowKey={(k) => `${k.key}@${k.version}`} testId="key-trust"
        empty="No operator answers yet."
        columns={[
          { title: 'alert key', value: (k) => k.key, cell: (k) => <span title={k.key} data-testid="trust-key">{keyName(k.key, catalogue)}</span> },
          { title: 'model', value: (k) => `${k.model} ${k.version}` },
          { title: 'confirmed', value: (k) => k.confirmed, align: 'right' },
          { title: 'false', value: (k) => k.falseAlarm, align: 'right' },
          { title: 'unsure', value: (k) => k.unsure, align: 'right' },
          { title: 'n', value: (k) => k.n, align: 'right' },
          { title: 'precision', value: (k) => k.precision, cell: (k) => pct(k.precision), align: 'right' },
          {
            title: 'status', value: (k) => status(k).word,
            cell: (k) => {
              const s = status(k);
              return <span data-testid="trust-status" data-demoted={k.demoted || undefined}
                className={s.abnormal ? 'rounded bg-chrome px-1.5 font-semibold text-ink-inverse' : ''}>{s.word}</span>;
            },
          },
        ]} />
    </div>
  );
}
