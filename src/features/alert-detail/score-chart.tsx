import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ResultSummary } from '../../protocol/history.ts';
import { formatNumber } from '../../lib/format.ts';

const hhmmss = (ms: number) => new Date(ms).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** The alert's results: score against threshold, the alert's active span shaded. */
export function ScoreChart({ results, from, to }: { results: ResultSummary[]; from: number; to: number }) {
  const threshold = results[results.length - 1]?.threshold;
  return (
    <div className="h-48" role="img" aria-label={`Score of ${results.length} results against the threshold ${threshold ?? ''}`}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={results} margin={{ top: 6, right: 12, bottom: 0, left: 4 }}>
          <CartesianGrid stroke="#c6c9cc" vertical={false} />
          <XAxis dataKey="ts" type="number" domain={['dataMin', 'dataMax']} tickFormatter={hhmmss} tick={{ fontSize: 11, fill: '#41474d' }} minTickGap={50} />
          <YAxis tick={{ fontSize: 11, fill: '#41474d' }} width={56} tickFormatter={(v: number) => formatNumber(v)} />
          <Tooltip labelFormatter={(v) => hhmmss(Number(v))} formatter={(v) => formatNumber(Number(v))} isAnimationActive={false} />
          <ReferenceArea x1={from} x2={to} fill="#b4b8bc" fillOpacity={0.5} ifOverflow="hidden" />
          {threshold !== undefined && <ReferenceLine y={threshold} stroke="#15181b" strokeDasharray="4 3" label={{ value: 'threshold', fontSize: 11, position: 'insideTopRight' }} />}
          <Line dataKey="score" stroke="#2d3237" dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
