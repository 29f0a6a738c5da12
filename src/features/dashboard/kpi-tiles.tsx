import type { Figure, Judgement } from './load-figures.ts';

const STYLE: Record<Judgement, string> = {
  ok: 'border-edge bg-surface',
  watch: 'border-ink border-2 bg-surface',
  over: 'border-chrome bg-chrome text-ink-inverse',
};
const WORD: Record<Judgement, string | null> = { ok: null, watch: 'above target', over: '▲ over target' };

/**
 * The headline figures, each beside its ISA-18.2 target. Grey when within target; an outline when
 * above the "acceptable" level; dark and marked "over target" past the maximum. No alarm colours:
 * those are for alarms only.
 */
export function KpiTiles({ figures }: { figures: Figure[] }) {
  return (
    <ul className="grid grid-cols-4 gap-2 xl:grid-cols-8" aria-label="Alarm load against ISA-18.2 targets">
      {figures.map((f) => (
        <li key={f.id} data-testid={`kpi-${f.id}`} data-judgement={f.judgement} className={`rounded-md border px-2 py-1.5 ${STYLE[f.judgement]}`}>
          <div className="text-xs font-semibold leading-tight">{f.label}</div>
          <div className={`${f.value.length > 7 ? 'text-lg' : 'text-2xl'} font-bold tabular-nums leading-tight`} data-testid={`kpi-${f.id}-value`}>{f.value}</div>
          <div className="text-xs leading-tight">
            {WORD[f.judgement] && <strong>{WORD[f.judgement]} · </strong>}
            target {f.target}
          </div>
        </li>
      ))}
    </ul>
  );
}
