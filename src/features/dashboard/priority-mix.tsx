import type { Priority } from '../../protocol/common.ts';
import { ISA_TARGETS, type AlarmLoadReport } from '../../protocol/kpi.ts';
import { PriorityChip } from '../../lib/priority-chip.tsx';

const ORDER: Priority[] = ['critical', 'high', 'medium', 'low'];
const TARGET: Record<Priority, string> = {
  critical: 'rare',
  high: `≈ ${ISA_TARGETS.priorities.high * 100} %`,
  medium: `≈ ${ISA_TARGETS.priorities.medium * 100} %`,
  low: `≈ ${ISA_TARGETS.priorities.low * 100} %`,
};

/** Share of annunciations by priority against the ≈ 80 / 15 / 5 % guidance. */
export function PriorityMix({ report }: { report: AlarmLoadReport }) {
  return (
    <section aria-labelledby="prio-mix" className="rounded-md border border-edge bg-surface p-2" data-testid="priority-mix">
      <h2 id="prio-mix" className="text-sm font-bold uppercase tracking-wide text-ink-muted">Priority distribution</h2>
      <table className="mt-1 w-full text-sm">
        <thead className="text-left text-xs uppercase text-ink-muted">
          <tr><th className="py-0.5 font-semibold">priority</th><th className="text-right font-semibold">count</th><th className="text-right font-semibold">share</th><th className="text-right font-semibold">target</th></tr>
        </thead>
        <tbody>
          {ORDER.map((p) => {
            const row = report.priorities[p] ?? { count: 0, share: 0 };
            return (
              <tr key={p} className="border-t border-panel">
                <td className="py-0.5"><PriorityChip priority={p} /></td>
                <td className="text-right tabular-nums">{row.count}</td>
                <td className="text-right tabular-nums">{report.annunciations ? `${Math.round(row.share * 100)} %` : '—'}</td>
                <td className="text-right text-xs">{TARGET[p]}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
