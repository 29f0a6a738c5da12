const MIN = 60_000;
const HOUR = 60 * MIN;

/** Time ranges a supervisor picks from; `custom` uses explicit from/to. */
export const RANGE_PRESETS = {
  '1h': { label: 'Last hour', ms: HOUR },
  '8h': { label: 'Last 8 h (shift)', ms: 8 * HOUR },
  '24h': { label: 'Last 24 h', ms: 24 * HOUR },
  '7d': { label: 'Last 7 days', ms: 7 * 24 * HOUR },
} as const;
export type RangePreset = keyof typeof RANGE_PRESETS | 'custom';

export interface RangeChoice {
  preset: RangePreset;
  /** Only for `custom`: epoch ms. */
  from?: number;
  to?: number;
}

/** The range a choice means at `now`; presets end now (and so move: "live"). */
export function resolveRange(c: RangeChoice, now: number): { from: number; to: number; live: boolean } {
  if (c.preset === 'custom' && c.from !== undefined && c.to !== undefined && c.from < c.to) return { from: c.from, to: c.to, live: false };
  const ms = c.preset === 'custom' ? HOUR : RANGE_PRESETS[c.preset].ms;
  // Rounded to the minute so repeated renders ask for the same range (and share a cache entry).
  const to = Math.ceil(now / MIN) * MIN;
  return { from: to - ms, to, live: true };
}

/** Reads a range choice from URL search parameters (`range=8h`, or `from`/`to` for custom). */
export function rangeFromParams(p: URLSearchParams, fallback: RangePreset = '1h'): RangeChoice {
  const preset = p.get('range');
  if (preset && preset in RANGE_PRESETS) return { preset: preset as RangePreset };
  const from = Number(p.get('from'));
  const to = Number(p.get('to'));
  if (preset === 'custom' && from > 0 && to > from) return { preset: 'custom', from, to };
  return { preset: fallback };
}

/** `<input type="datetime-local">` value of a time in the browser's zone, and back. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * MIN);
  return d.toISOString().slice(0, 16);
}
export function fromLocalInput(v: string): number | undefined {
  const ms = new Date(v).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}
