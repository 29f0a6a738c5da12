import type { Alert } from '../../protocol/alert.ts';
import type { Catalogue } from '../../protocol/catalogue.ts';
import { formatClock, formatNumber, withUnit } from '../../lib/format.ts';
import { explain } from './explain.ts';
import { Name } from './name.tsx';

/**
 * Stand-in for the trend around the start (the contract has no trend stream yet): the top
 * features' values at the peak result and now, with the scores.
 */
export function PeakAndNow({ alert, catalogue }: { alert: Alert; catalogue: Catalogue | undefined }) {
  const peak = explain(alert.peak, catalogue, 3).rows;
  const lastValues = new Map((alert.last.attributions ?? []).map((a) => [a.feature, a.value]));
  return (
    <table className="w-full whitespace-nowrap text-lg tabular-nums" data-testid="peak-and-now">
      <caption className="mb-1 text-left font-semibold text-ink-muted">Peak ({formatClock(alert.peak.ts)}) and now</caption>
      <thead>
        <tr className="text-left text-ink-muted">
          <th scope="col" className="font-normal"><span className="sr-only">Feature</span></th>
          <th scope="col" className="pl-2 text-right font-normal">peak</th>
          <th scope="col" className="pl-2 text-right font-normal">now</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row" className="text-left font-semibold">Score</th>
          <td className="pl-2 text-right">{formatNumber(alert.peak.score)}</td>
          <td className="pl-2 text-right">{formatNumber(alert.last.score)}</td>
        </tr>
        {peak.map((r) => {
          const now = lastValues.get(r.feature);
          return (
            <tr key={r.feature}>
              <th scope="row" className="whitespace-normal text-left font-semibold leading-tight"><Name text={r.name} /></th>
              <td className="pl-2 text-right">{withUnit(r.value, r.unit)}</td>
              <td className="pl-2 text-right">{now === undefined ? '—' : withUnit(now, r.unit)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
