/**
 * One CSV field, the one writer both ends use (the relay's label export, the desk tables' downloads):
 * quoted when it holds a comma, quote or line break; text a spreadsheet would run as a formula
 * (leading = + - @ tab CR) is defused with a leading apostrophe.
 */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV record with its CRLF line end (RFC 4180). */
export function csvRow(values: readonly unknown[]): string {
  return values.map(csvField).join(',') + '\r\n';
}
