/** 3 significant digits in scientific notation: "1.23E12", "1E300", "5E-5". */
const SCIENTIFIC = new Intl.NumberFormat('en-GB', { notation: 'scientific', maximumSignificantDigits: 3 });

/** From this magnitude up (and below 1e-4) a value is written in scientific notation. */
export const SCIENTIFIC_FROM = 1e9;

/**
 * A number for people: 3 significant digits, no trailing zeros, no exponent for plant-scale values.
 * Any finite double may arrive from an edge, so the text is bounded (at most 12 characters): beyond
 * plant scale it is scientific ("1E300", never 300 digits).
 */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a >= SCIENTIFIC_FROM || a < 1e-4) return SCIENTIFIC.format(v);
  if (a >= 1000) return Math.round(v).toLocaleString('en-GB');
  return String(Number(v.toPrecision(3)));
}

/** Text that cannot change the direction of what is around it (ASCII and Latin-1 letters and signs). */
const BIDI_SAFE = /^[\u0020-\u007E\u00A0-\u00FF]*$/;

/**
 * `text` (a name or unit from an edge or a catalogue) made safe to put in a sentence: anything beyond
 * Latin-1 may run right-to-left or carry controls, so it goes in a first-strong isolate (U+2068 …
 * U+2069) and cannot reorder the words and numbers around it. Plain text is left as it is, so copied
 * sentences carry no invisible characters in the usual case.
 */
export function isolate(text: string): string {
  return BIDI_SAFE.test(text) ? text : `\u2068${text}\u2069`;
}

/** A value with its unit: "18 l/min", "2.6 A" (a unit that is not plain text is isolated). */
export function withUnit(v: number, unit: string | undefined): string {
  return unit ? `${formatNumber(v)} ${isolate(unit)}` : formatNumber(v);
}

/** A signed contribution: "+0.22", "−0.41" (true minus sign). */
export function formatSigned(v: number): string {
  const s = formatNumber(Math.abs(v));
  return v < 0 ? `−${s}` : `+${s}`;
}

/** "84 s", "6 min", "2 h 5 min", "3 d". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  return `${Math.floor(h / 24)} d`;
}

/** Wall-clock time "14:01:07" in the browser's zone. */
export function formatClock(ms: number): string {
  return new Date(ms).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}
