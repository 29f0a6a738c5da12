/** A number for people: 3 significant digits, no trailing zeros, no exponent for plant-scale values. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a >= 1000) return Math.round(v).toLocaleString('en-GB');
  if (a < 1e-4) return v.toExponential(1);
  return String(Number(v.toPrecision(3)));
}

/** A value with its unit: "18 l/min", "2.6 A". */
export function withUnit(v: number, unit: string | undefined): string {
  return unit ? `${formatNumber(v)} ${unit}` : formatNumber(v);
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
