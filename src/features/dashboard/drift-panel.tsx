import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Catalogue } from '../../protocol/catalogue.ts';
import type { DriftReport } from '../../protocol/kpi.ts';
import { featureInfo } from '../../lib/catalogue.ts';
import { DeskTable } from '../../lib/desk-table.tsx';
import { formatNumber } from '../../lib/format.ts';

const hhmm = (ms: number) => new Date(ms).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });

/** Drift per model version: the overall drift score over time, and the most drifted features. */
export function DriftPanel({ report, catalogue }: { report: DriftReport; catalogue: Catalogue | undefined }) {
  if (report.models.length === 0) return <p className="rounded-md border border-edge bg-surface px-3 py-2 text-sm text-ink-muted">No drift figures in this range.</p>;
  return (
    <div className="grid gap-2" data-testid="drift">
      {report.sampled && <p className="text-xs text-ink-muted">Figures from an even sample of the results in range.</p>}
      {report.models.map((m) => (
        <div key={`${m.model}@${m.version}`} className="grid items-start gap-2 xl:grid-cols-2">
          <figure className="min-w-0 rounded-md border border-edge bg-surface p-2">
            <figcaption className="text-sm">
              <span className="font-bold uppercase tracking-wide text-ink-muted">Drift · {m.model} {m.version}</span>
              <span className="ml-2 text-xs">mean {formatNumber(m.score.mean)} · max {formatNumber(m.score.max)} · latest {formatNumber(m.score.last)} · {m.results} results</span>
              <span className="ml-2 text-xs text-ink-muted">(solid: mean per {Math.round(report.bucketMs / 60_000)} min, dashed: max)</span>
            </figcaption>
            <div className="h-32" role="img" aria-label={`Drift score of ${m.model} ${m.version} over time`}>
              <ResponsiveContainer width="100%" height="100%">
                <LineChart data={m.series} margin={{ top: 6, right: 8, bottom: 0, left: 0 }}>
                  <CartesianGrid stroke="#c6c9cc" vertical={false} />
                  <XAxis dataKey="start" type="number" domain={[report.range.from, report.range.to]} tickFormatter={hhmm} tick={{ fontSize: 11, fill: '#41474d' }} minTickGap={40} />
                  <YAxis tick={{ fontSize: 11, fill: '#41474d' }} width={44} tickFormatter={(v: number) => formatNumber(v)} />
                  <Tooltip labelFormatter={(v) => hhmm(Number(v))} formatter={(v) => formatNumber(Number(v))} isAnimationActive={false} />
                  <Line dataKey="mean" stroke="#2d3237" dot={false} isAnimationActive={false} name="mean" />
                  <Line dataKey="max" stroke="#8f959b" strokeDasharray="3 3" dot={false} isAnimationActive={false} name="max" />
                </LineChart>
              </ResponsiveContainer>
            </div>
          </figure>
          <DeskTable title={`Drift by feature · ${m.model} ${m.version}`} csvName={`drift-${m.model}-${m.version}`} rows={m.features.slice(0, 12)} rowKey={(f) => f.feature}
            columns={[
              { title: 'feature', value: (f) => f.feature, cell: (f) => <span title={f.feature}>{featureInfo(catalogue, f.feature).displayName}</span> },
              { title: 'mean', value: (f) => f.mean, cell: (f) => formatNumber(f.mean), align: 'right' },
              { title: 'max', value: (f) => f.max, cell: (f) => formatNumber(f.max), align: 'right' },
              { title: 'latest', value: (f) => f.last, cell: (f) => formatNumber(f.last), align: 'right' },
            ]} />
        </div>
      ))}
    </div>
  );
}
