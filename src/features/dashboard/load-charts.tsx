import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Bucket } from '../../protocol/kpi.ts';

const GREY = '#8f959b';
const DARK = '#2d3237';

const clock = (ms: number, withDay: boolean) => new Date(ms).toLocaleString('en-GB', withDay ? { day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit' } : { hour: '2-digit', minute: '2-digit' });

/**
 * Annunciations per bucket as bars, with the ISA-18.2 lines: dashed "acceptable", solid "maximum
 * manageable". Bars over the maximum are dark; there is no alarm colour on a chart.
 */
export function LoadChart({ title, buckets, acceptable, max, testId }: { title: string; buckets: Bucket[]; acceptable: number; max: number; testId: string }) {
  const days = buckets.length > 0 && buckets[buckets.length - 1]!.start - buckets[0]!.start > 20 * 3_600_000;
  const top = Math.max(max * 1.25, ...buckets.map((b) => b.count));
  const total = buckets.reduce((s, b) => s + b.count, 0);
  return (
    <figure className="min-w-0 rounded-md border border-edge bg-surface p-2" data-testid={testId} data-total={total}>
      <figcaption className="flex items-baseline gap-2 text-sm">
        <span className="font-bold uppercase tracking-wide text-ink-muted">{title}</span>
        <span className="text-xs">total {total}</span>
        <span className="ml-auto flex items-center gap-3 text-xs">
          <span><svg width="18" height="6" aria-hidden="true"><line x1="0" y1="3" x2="18" y2="3" stroke="#15181b" strokeDasharray="4 3" strokeWidth="1.5" /></svg> acceptable {acceptable}</span>
          <span><svg width="18" height="6" aria-hidden="true"><line x1="0" y1="3" x2="18" y2="3" stroke="#15181b" strokeWidth="2" /></svg> max {max}</span>
          <span><svg width="10" height="10" aria-hidden="true"><rect width="10" height="10" fill={DARK} /></svg> over max</span>
        </span>
      </figcaption>
      <div className="h-40" role="img" aria-label={`${title}: ${total} annunciations, ${buckets.filter((b) => b.count > max).length} periods over the maximum of ${max}`}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={buckets} margin={{ top: 6, right: 8, bottom: 0, left: -18 }} barCategoryGap={1}>
            <CartesianGrid stroke="#c6c9cc" vertical={false} />
            <XAxis dataKey="start" tickFormatter={(v: number) => clock(v, days)} tick={{ fontSize: 11, fill: '#41474d' }} minTickGap={40} />
            <YAxis allowDecimals={false} domain={[0, Math.ceil(top)]} tick={{ fontSize: 11, fill: '#41474d' }} width={40} />
            <Tooltip labelFormatter={(v) => clock(Number(v), true)} formatter={(v) => [v, 'annunciations']} isAnimationActive={false} />
            <ReferenceLine y={acceptable} stroke="#15181b" strokeDasharray="4 3" strokeWidth={1.5} ifOverflow="extendDomain" />
            <ReferenceLine y={max} stroke="#15181b" strokeWidth={2} ifOverflow="extendDomain" />
            <Bar dataKey="count" isAnimationActive={false}>
              {buckets.map((b) => <Cell key={b.start} fill={b.count > max ? DARK : GREY} />)}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
