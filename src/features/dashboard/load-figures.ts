import { ISA_TARGETS, type AlarmLoadReport } from '../../protocol/kpi.ts';

export type Judgement = 'ok' | 'watch' | 'over';

export interface Figure {
  id: string;
  label: string;
  value: string;
  target: string;
  judgement: Judgement;
}

const TEN_MIN = 600_000;
const HOUR = 3_600_000;
const TOP10_MIN = 200;
const pct = (f: number) => `${(100 * f).toFixed(f < 0.1 ? 1 : 0)} %`;
const num = (n: number) => (n >= 10 || Number.isInteger(n) ? String(Math.round(n)) : n.toFixed(1));
const judge = (v: number, acceptable: number, max: number): Judgement => (v > max ? 'over' : v > acceptable ? 'watch' : 'ok');

/** "4 min 12 s" for mean time to acknowledge. */
export function formatMtta(ms: number | null): string {
  if (ms === null) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/**
 * The headline figures against the ISA-18.2 / EEMUA 191 targets, per operator console: averages are
 * divided by the consoles a plant-wide view covers, maxima are the worst console's.
 */
export function loadFigures(r: AlarmLoadReport): Figure[] {
  const span = r.range.to - r.range.from;
  const c = Math.max(1, r.consoleCount);
  const per10 = r.annunciations / Math.max(1, span / TEN_MIN) / c;
  const perHour = r.annunciations / Math.max(1, span / HOUR) / c;
  const T = ISA_TARGETS;
  return [
    { id: 'per10', label: 'Per 10 min (average)', value: num(per10), target: `≈ ${T.per10MinAcceptable}, max ${T.per10MinMax}`, judgement: judge(per10, T.per10MinAcceptable, T.per10MinMax) },
    { id: 'perHour', label: 'Per hour (average)', value: num(perHour), target: `≈ ${T.perHourAcceptable}, max ${T.perHourMax}`, judgement: judge(perHour, T.perHourAcceptable, T.perHourMax) },
    { id: 'max10', label: 'Most in any 10 min', value: String(r.max10Min), target: `≤ ${T.max10Min}`, judgement: judge(r.max10Min, T.max10Min, T.max10Min) },
    { id: 'flood', label: 'Time in flood', value: `${r.floodPct.toFixed(r.floodPct < 10 ? 1 : 0)} %`, target: `< ${T.floodPct} %`, judgement: judge(r.floodPct, T.floodPct, T.floodPct) },
    // Below 200 annunciations even ten alerts once each are 5 %: the target cannot be met, so it is not judged yet.
    r.annunciations < TOP10_MIN
      ? { id: 'top10', label: 'Top 10 share of load', value: pct(r.top10Share), target: `< ${T.top10Share * 100} %, judged from ${TOP10_MIN} annunciations`, judgement: 'ok' }
      : { id: 'top10', label: 'Top 10 share of load', value: pct(r.top10Share), target: `< ${T.top10Share * 100} %`, judgement: judge(r.top10Share, T.top10Share, T.top10Share) },
    { id: 'chattering', label: 'Chattering alerts', value: String(r.chattering), target: '0', judgement: r.chattering > 0 ? 'over' : 'ok' },
    { id: 'stale', label: 'Stale alerts (> 24 h)', value: String(r.stale), target: '0', judgement: r.stale > 0 ? 'over' : 'ok' },
    { id: 'mtta', label: 'Mean time to acknowledge', value: formatMtta(r.meanTimeToAckMs), target: `${r.acknowledged} acknowledged`, judgement: 'ok' },
  ];
}
