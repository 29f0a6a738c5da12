import { formatSigned, withUnit } from '../../lib/format.ts';
import { normalRange, type Why } from './explain.ts';
import { Name } from './name.tsx';

const POSITION_WORD = { below: 'low', above: 'high', within: '', unknown: '' } as const;

/**
 * "Why": the top features as signed bars around a zero line, each with its plain name, signed
 * share, current value and its place against the normal range. Plain HTML/CSS rather than a chart
 * library: it repaints cheaply under live updates and keeps the panel's first load small.
 */
export function ContributionBars({ why }: { why: Why }) {
  const rows = why.rows.map((r) => ({ key: r.feature, name: r.name, c: r.contribution, row: r as Why['rows'][number] | null }));
  if (why.other) rows.push({ key: '~other', name: `other (${why.other.count})`, c: why.other.contribution, row: null });
  if (rows.length === 0) return <p className="text-lg text-ink-muted">No feature contributions were sent with this result.</p>;
  const max = Math.max(1e-9, ...rows.map((r) => Math.abs(r.c)));
  return (
    <table className="w-full table-fixed border-separate border-spacing-y-1 text-lg" data-testid="why-bars">
      <caption className="sr-only">Why the model fired: top features, their share of the score, and their values</caption>
      {/* 800×480: the signed share gives way to the value (the bar still shows sign and size). */}
      <colgroup>
        <col className="w-[30%] short:w-[36%]" />
        <col />
        <col className="w-[5.5rem] short:w-0" />
        <col className="w-[40%] short:w-[40%]" />
      </colgroup>
      <thead className="sr-only">
        <tr><th scope="col">Feature</th><th scope="col">Bar</th><th scope="col">Share</th><th scope="col">Value</th></tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const width = (Math.abs(r.c) / max) * 50;
          const range = r.row ? normalRange(r.row, true) : null; // the value beside it carries the unit
          const word = r.row ? POSITION_WORD[r.row.position] : '';
          return (
            <tr key={r.key} data-testid="why-row" className="h-9">
              <th scope="row" className="pr-2 text-left font-semibold leading-tight"><Name text={r.name} /></th>
              <td aria-hidden="true" className="relative">
                <span className="absolute inset-y-0 left-1/2 w-0.5 -translate-x-1/2 bg-ink" />
                <span className={`absolute inset-y-1.5 rounded-sm ${r.c < 0 ? 'bg-bar-neg' : 'bg-bar'}`}
                  style={{ left: `${r.c < 0 ? 50 - width : 50}%`, width: `${Math.max(width, 0.5)}%` }} />
              </td>
              <td className="pr-2 text-right font-mono tabular-nums short:sr-only">{formatSigned(r.c)}</td>
              <td className="truncate pl-2 tabular-nums">
                {r.row && <span className="font-semibold">{withUnit(r.row.value, r.row.unit)}</span>}
                {word && <span className="ml-2 rounded border-2 border-ink px-1 text-base font-bold uppercase">{word}</span>}
                {range && <span className="ml-2 text-ink-muted short:hidden">({range})</span>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
