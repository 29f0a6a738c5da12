import type { Catalogue } from '../../protocol/catalogue.ts';
import type { AlarmLoadReport } from '../../protocol/kpi.ts';
import { DeskTable } from '../../lib/desk-table.tsx';
import { keyName, reasonName } from './names.ts';

/**
 * "Held back": what a plain `score ≥ threshold` rule would have sent, against what operators were
 * actually asked to look at, and why the rest was not annunciated.
 */
export function HeldBack({ report, catalogue }: { report: AlarmLoadReport; catalogue: Catalogue | undefined }) {
  const h = report.heldBack;
  const ratio = h.annunciations ? h.naiveCrossings / h.annunciations : null;
  return (
    <div className="grid gap-2" data-testid="held-back">
      <p className="rounded-md border border-edge bg-surface px-3 py-2 text-sm">
        A plain <code>score ≥ threshold</code> rule would have notified <strong className="tabular-nums" data-testid="naive-count">{h.naiveCrossings}</strong> times.
        Operators were asked to look <strong className="tabular-nums" data-testid="annunciation-count">{h.annunciations}</strong> times
        {ratio !== null && ratio >= 1 && <> — <strong>{ratio >= 10 ? Math.round(ratio) : ratio.toFixed(1)}× fewer</strong></>}
        {h.raised > 0 && <>, for {h.raised} alert{h.raised === 1 ? '' : 's'} raised</>}.
      </p>
      <DeskTable title="Why not annunciated" csvName="held-back-reasons" rows={h.reasons} rowKey={(r) => r.reason}
        empty="Nothing was held back in this range."
        columns={[
          { title: 'reason', value: (r) => r.reason, cell: (r) => reasonName(r.reason) },
          { title: 'alerts', value: (r) => r.alerts, align: 'right' },
          { title: 'changes', value: (r) => r.changes, align: 'right' },
        ]} />
      <DeskTable title="Naive notifications vs annunciations, by key" csvName="held-back-keys" rows={h.keys} rowKey={(r) => r.key}
        columns={[
          { title: 'alert key', value: (r) => r.key, cell: (r) => <span title={r.key}>{keyName(r.key, catalogue)}</span> },
          { title: 'naive', value: (r) => r.crossings, align: 'right' },
          { title: 'annunciated', value: (r) => r.annunciations, align: 'right' },
        ]} />
    </div>
  );
}
