import type { AlarmLoadReport } from '../../protocol/kpi.ts';
import { ISA_TARGETS } from '../../protocol/kpi.ts';
import { DeskTable } from '../../lib/desk-table.tsx';

/** Each console (line) against the per-console targets: which line carries the load, which one flooded. */
export function ConsoleLoad({ report, lineTitle }: { report: AlarmLoadReport; lineTitle: (line: string) => string }) {
  const hours = Math.max(1 / 60, (report.range.to - report.range.from) / 3_600_000);
  return (
    <DeskTable title="Per console (line)" csvName="console-load" rows={report.consoles} rowKey={(c) => `${c.plant}/${c.line}`} testId="console-load"
      empty="No annunciations in this range."
      columns={[
        { title: 'line', value: (c) => c.line, cell: (c) => lineTitle(c.line) },
        { title: 'annunciations', value: (c) => c.annunciations, align: 'right' },
        { title: 'per hour', value: (c) => (c.annunciations / hours).toFixed(1), align: 'right', cell: (c) => <Over v={c.annunciations / hours} max={ISA_TARGETS.perHourMax} text={(c.annunciations / hours).toFixed(1)} /> },
        { title: 'max 10 min', value: (c) => c.max10Min, align: 'right', cell: (c) => <Over v={c.max10Min} max={ISA_TARGETS.max10Min} text={String(c.max10Min)} /> },
        { title: 'in flood', value: (c) => c.floodPct.toFixed(2), align: 'right', cell: (c) => <Over v={c.floodPct} max={ISA_TARGETS.floodPct} text={`${c.floodPct.toFixed(1)} %`} /> },
      ]} />
  );
}

/** A figure past its maximum: dark, marked ▲ (no alarm colour). */
function Over({ v, max, text }: { v: number; max: number; text: string }) {
  return v > max ? <span className="rounded bg-chrome px-1 font-semibold text-ink-inverse">▲ {text}</span> : <>{text}</>;
}
