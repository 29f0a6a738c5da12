import type { ResultSnapshot } from '../../protocol/alert.ts';
import type { Catalogue } from '../../protocol/catalogue.ts';
import { featureInfo } from '../../lib/catalogue.ts';
import { formatNumber, isolate, withUnit } from '../../lib/format.ts';

export type Position = 'below' | 'above' | 'within' | 'unknown';

/** One bar of "why": a feature's signed share of the score, read through the plant's catalogue. */
export interface WhyRow {
  feature: string;
  name: string;
  unit: string;
  value: number;
  contribution: number;
  normalLow?: number;
  normalHigh?: number;
  /** Typical value and spread in normal operation (catalogue), for "4.1 σ below normal". */
  mean?: number;
  sigma?: number;
  baseline?: number;
  position: Position;
}

export interface Why {
  rows: WhyRow[];
  /** The rest, summed, when there are more features than shown. */
  other: { count: number; contribution: number } | null;
  /** Set when the attributions do not add up to score − baseValue. */
  unbalanced: boolean;
}

/** Beyond this many σ from the mean a value is out of normal, when the catalogue gives no range. */
export const SIGMA_LIMIT = 3;

function position(value: number, low?: number, high?: number, mean?: number, sigma?: number): Position {
  if (low === undefined && high === undefined) {
    if (mean === undefined || !sigma) return 'unknown';
    const z = (value - mean) / sigma;
    return z < -SIGMA_LIMIT ? 'below' : z > SIGMA_LIMIT ? 'above' : 'within';
  }
  if (low !== undefined && value < low) return 'below';
  if (high !== undefined && value > high) return 'above';
  return 'within';
}

/** How many σ a value is from the catalogue's mean, or null without mean and σ. */
export function sigmas(row: Pick<WhyRow, 'value' | 'mean' | 'sigma'>): number | null {
  return row.mean !== undefined && row.sigma ? (row.value - row.mean) / row.sigma : null;
}

/** "4.1 σ", "31 σ", "1E300 σ" (bounded like every number shown). */
export function formatSigmas(z: number): string {
  const a = Math.abs(z);
  return `${a < 10 ? a.toFixed(1) : formatNumber(Math.round(a))} σ`;
}

/** The top `n` contributions by size (signed), the rest summed as "other". */
export function explain(snapshot: ResultSnapshot, cat: Catalogue | undefined, n = 5): Why {
  const all = [...(snapshot.attributions ?? [])].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  const rows = all.slice(0, n).map((a): WhyRow => {
    const info = featureInfo(cat, a.feature, a.unit);
    return {
      feature: a.feature, name: info.displayName, unit: info.unit || a.unit || '', value: a.value, contribution: a.contribution,
      normalLow: info.normalLow, normalHigh: info.normalHigh, mean: info.mean, sigma: info.sigma, baseline: a.baseline,
      position: position(a.value, info.normalLow, info.normalHigh, info.mean, info.sigma),
    };
  });
  const rest = all.slice(n);
  const other = rest.length ? { count: rest.length, contribution: rest.reduce((s, a) => s + a.contribution, 0) } : null;
  let unbalanced = false;
  if (snapshot.baseValue !== undefined && all.length > 0) {
    const sum = all.reduce((s, a) => s + a.contribution, 0);
    const expected = snapshot.score - snapshot.baseValue;
    unbalanced = Math.abs(sum - expected) > Math.max(0.01, Math.abs(expected) * 0.02);
  }
  return { rows, other, unbalanced };
}

/** "31–35 l/min", "≥ 31 l/min", or null; without the unit when `bare`. */
export function normalRange(row: Pick<WhyRow, 'normalLow' | 'normalHigh' | 'unit'>, bare = false): string | null {
  const { normalLow: lo, normalHigh: hi, unit } = row;
  const u = unit && !bare ? ` ${unit}` : '';
  if (lo !== undefined && hi !== undefined) return `${formatNumber(lo)}–${formatNumber(hi)}${u}`;
  if (lo !== undefined) return `≥ ${formatNumber(lo)}${u}`;
  if (hi !== undefined) return `≤ ${formatNumber(hi)}${u}`;
  return null;
}

/** The first clause says how far (in σ when the catalogue knows the spread) and the range; the others are short. */
function clause(row: WhyRow, first: boolean): string | null {
  const name = isolate(row.name); // a right-to-left name must not reorder the rest of the sentence
  const now = withUnit(row.value, row.unit);
  const range = normalRange(row, true);
  const inRange = range ? ` (${range})` : '';
  const z = sigmas(row);
  if (row.position === 'below' || row.position === 'above') {
    if (!first) return `${name} ${now} ${row.position} normal`;
    if (z !== null && Math.sign(z) === (row.position === 'below' ? -1 : 1)) return `${name} ${now} is ${formatSigmas(z)} ${row.position} normal${inRange}`;
    if (row.position === 'below' && row.normalLow !== undefined) return `${name} ${now} is ${withUnit(row.normalLow - row.value, row.unit)} below normal${inRange}`;
    if (row.position === 'above' && row.normalHigh !== undefined) return `${name} ${now} is ${withUnit(row.value - row.normalHigh, row.unit)} above normal${inRange}`;
    return `${name} ${now} is ${row.position} normal${inRange}`;
  }
  if (row.position === 'unknown' && row.baseline !== undefined && row.baseline !== row.value)
    return `${name} ${now} is ${row.value < row.baseline ? 'below' : 'above'} its usual ${withUnit(row.baseline, row.unit)}`;
  return null;
}

/**
 * One plain sentence from the top features that are out of their normal range, e.g.
 * "Flow 18 l/min is 4.1 σ below normal (31–35); Current 2.6 A above normal." (in units when the
 * catalogue has no mean and σ: "Flow 18 l/min is 13 l/min below normal (31–35)"). Names and units
 * that are not plain text sit in isolates (lib/format.ts `isolate`): a right-to-left name cannot
 * reorder the sentence, and numbers are bounded ("1E300").
 */
export function sentence(why: Why, max = 2): string {
  const parts: string[] = [];
  for (const row of why.rows) {
    const c = clause(row, parts.length === 0);
    if (c) parts.push(c);
    if (parts.length === max) break;
  }
  if (parts.length) return `${parts.join('; ')}.`;
  const top = why.rows[0];
  if (!top) return 'The model gave no explanation for this result.';
  return `Mostly ${isolate(top.name)} (${withUnit(top.value, top.unit)}) pushed the score ${top.contribution < 0 ? 'down' : 'up'}; all values are within their normal ranges.`;
}
