import type { Alert } from '../../protocol/alert.ts';
import type { Catalogue } from '../../protocol/catalogue.ts';
import type { TrendPoint } from '../../protocol/trend.ts';
import { formatClock, formatDuration, formatNumber, withUnit } from '../../lib/format.ts';
import { useTrend } from '../../lib/trend.ts';
import { explain, type WhyRow } from './explain.ts';
import { Name } from './name.tsx';
import { PeakAndNow } from './peak-and-now.tsx';

/** SVG user units across; the drawing is stretched to the box, strokes keep their width. */
const W = 1000;

interface Series {
  key: string;
  name: string;
  /** "18 l/min" now, as the row's heading says it. */
  now: string;
  values: (number | null)[];
  band: { low?: number; high?: number } | null;
  /** A level line across the chart (the score's threshold). */
  level: number | null;
  describe: (v: number) => string;
}

/** The y range that shows the data and the normal band (or threshold), with a little air. */
function domain(s: Series): [number, number] {
  const vs = s.values.filter((v): v is number => v !== null);
  if (s.band?.low !== undefined) vs.push(s.band.low);
  if (s.band?.high !== undefined) vs.push(s.band.high);
  if (s.level !== null) vs.push(s.level);
  let lo = Math.min(...vs);
  let hi = Math.max(...vs);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (hi - lo < 1e-9) {
    const d = Math.abs(hi) * 0.1 || 1;
    lo -= d;
    hi += d;
  }
  const pad = (hi - lo) * 0.12;
  return [lo - pad, hi + pad];
}

/** A path through the points; a gap longer than `maxGap` ms (no results stored) breaks the line. */
export function linePath(ts: number[], values: (number | null)[], x: (t: number) => number, y: (v: number) => number, maxGap: number): string {
  let d = '';
  let prev: number | null = null;
  values.forEach((v, i) => {
    if (v === null) {
      prev = null;
      return;
    }
    const t = ts[i]!;
    const move = prev === null || t - prev > maxGap;
    d += `${move ? 'M' : 'L'}${x(t).toFixed(1)},${y(v).toFixed(1)}`;
    prev = t;
  });
  return d;
}

function TrendRow({ s, ts, from, to, start, maxGap, height }: {
  s: Series; ts: number[]; from: number; to: number; start: number; maxGap: number; height: number;
}) {
  const [lo, hi] = domain(s);
  const x = (t: number) => ((t - from) / (to - from)) * W;
  const y = (v: number) => height - ((v - lo) / (hi - lo)) * height;
  const d = linePath(ts, s.values, x, y, maxGap);
  const lastIdx = s.values.findLastIndex((v) => v !== null);
  const firstIdx = s.values.findIndex((v) => v !== null);
  const startIdx = ts.findIndex((t) => t >= start);
  const at = (i: number) => (i >= 0 && s.values[i] !== null && s.values[i] !== undefined ? s.describe(s.values[i]!) : '—');
  const label = `${s.name}: ${at(firstIdx)} ${formatDuration(start - from)} before the start, ${at(startIdx)} at the start, ${at(lastIdx)} now` +
    (s.band ? `; normal ${s.band.low !== undefined ? formatNumber(s.band.low) : '…'} to ${s.band.high !== undefined ? formatNumber(s.band.high) : '…'}` : '') +
    (s.level !== null ? `; threshold ${formatNumber(s.level)}` : '');
  const bandTop = s.band?.high !== undefined ? y(s.band.high) : 0;
  const bandBottom = s.band?.low !== undefined ? y(s.band.low) : height;
  const sx = x(start);
  return (
    <div data-testid="trend-row" data-feature={s.key}>
      <div className="flex items-baseline justify-between gap-2 leading-tight">
        <Name text={s.name} fit="line" className="font-semibold" />
        {/* At 800×480 the name needs the room; the value is in the "why" table beside it. */}
        <span className={`shrink-0 font-semibold tabular-nums ${s.key === '~score' ? '' : 'short:hidden'}`}>{s.now}</span>
      </div>
      <svg viewBox={`0 0 ${W} ${height}`} preserveAspectRatio="none" role="img" aria-label={label}
        className="block w-full overflow-visible" style={{ height }}>
        {s.band && <rect x={0} width={W} y={Math.min(bandTop, bandBottom)} height={Math.abs(bandBottom - bandTop)} className="fill-sunk" />}
        {s.level !== null && (
          <line x1={0} x2={W} y1={y(s.level)} y2={y(s.level)} className="stroke-ink-muted" strokeWidth={2} strokeDasharray="8 6" vectorEffect="non-scaling-stroke" />
        )}
        <line x1={sx} x2={sx} y1={0} y2={height} className="stroke-ink" strokeWidth={2} strokeDasharray="4 4" vectorEffect="non-scaling-stroke" />
        <path d={d} fill="none" className="stroke-ink" strokeWidth={3} strokeLinejoin="round" vectorEffect="non-scaling-stroke" />
        {lastIdx >= 0 && (
          <line x1={x(ts[lastIdx]!)} x2={x(ts[lastIdx]!) + 0.01} y1={y(s.values[lastIdx]!)} y2={y(s.values[lastIdx]!)}
            className="stroke-ink" strokeWidth={9} strokeLinecap="round" vectorEffect="non-scaling-stroke" />
        )}
      </svg>
    </div>
  );
}

/** The series to draw: the top features (in their units, with their normal band) and optionally the score. */
export function trendSeries(points: TrendPoint[], rows: WhyRow[], withScore: boolean): Series[] {
  const out: Series[] = rows.map((r) => {
    const values = points.map((p) => (Number.isFinite(p.values[r.feature]) ? p.values[r.feature]! : null));
    const last = values.findLast((v) => v !== null);
    return {
      key: r.feature, name: r.name, now: last === undefined || last === null ? '—' : withUnit(last, r.unit), values,
      band: r.normalLow !== undefined || r.normalHigh !== undefined ? { low: r.normalLow, high: r.normalHigh } : null,
      level: null, describe: (v) => withUnit(v, r.unit),
    };
  });
  if (withScore) {
    const last = points.at(-1);
    out.unshift({
      key: '~score', name: 'Score', now: last ? `${formatNumber(last.score)} / ${formatNumber(last.threshold)}` : '—',
      values: points.map((p) => p.score), band: null, level: last?.threshold ?? null, describe: formatNumber,
    });
  }
  return out;
}

/**
 * "A trend of the top feature(s) around the start": each top feature in its own units against its
 * normal band, from 10 min before the alert started until now, the start marked. Hand-drawn SVG
 * (no chart library) to keep the panel's first load small. Falls back to peak-and-now values when
 * the trend cannot be loaded (e.g. offline).
 */
export function AlertTrend({ alert, catalogue, now, features = 2, withScore = false, height = 48 }: {
  alert: Alert; catalogue: Catalogue | undefined; now: number; features?: number; withScore?: boolean; height?: number;
}) {
  // The start as the card says it ("since …"): when the operator was first asked to look.
  const start = alert.annunciatedAt ?? alert.raisedAt;
  const trend = useTrend({ plant: alert.plant, line: alert.line, asset: alert.asset, start, now });
  const rows = explain(alert.active ? alert.last : alert.peak, catalogue, features).rows;
  if (trend.isError && !trend.data) return <PeakAndNow alert={alert} catalogue={catalogue} />;
  const points = trend.data?.points ?? [];
  const from = points.length ? Math.min(points[0]!.ts, start) : start;
  const to = Math.max(points.at(-1)?.ts ?? now, start + 1);
  const span = Math.max(1, to - from);
  const startPct = ((start - from) / span) * 100;
  const ts = points.map((p) => p.ts);
  const series = trendSeries(points, rows, withScore);
  return (
    <section aria-labelledby={`trend-${alert.id}`} data-testid="alert-trend" data-points={points.length}>
      <h3 id={`trend-${alert.id}`} className="font-semibold text-ink-muted short:sr-only">Trend around the start</h3>
      {trend.isPending && <p className="text-lg">Loading trend…</p>}
      {!trend.isPending && points.length < 2 && <p className="text-lg">No results stored around the start yet.</p>}
      {points.length >= 2 && (
        <div className="flex flex-col gap-1">
          {series.map((s) => <TrendRow key={s.key} s={s} ts={ts} from={from} to={to} start={start} maxGap={Math.max(30_000, (span / 240) * 4)} height={height} />)}
          <div className="relative h-7 text-base tabular-nums text-ink-muted" aria-hidden="true">
            {startPct > 22 && <span className="absolute left-0">−{formatDuration(start - from)}</span>}
            <span className="absolute font-semibold whitespace-nowrap text-ink"
              style={{ left: `clamp(0px, calc(${startPct.toFixed(1)}% - 0.6em), calc(100% - 7.5em))` }}>▲ start {formatClock(start).slice(0, 5)}</span>
            {startPct < 70 && <span className="absolute right-0">now</span>}
          </div>
        </div>
      )}
    </section>
  );
}
