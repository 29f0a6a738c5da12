/** One CSV field: quoted when needed; text that a spreadsheet would run as a formula is defused. */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV document: a header row of column titles, then one row per record. */
export function toCsv<T>(rows: readonly T[], columns: readonly { title: string; value: (row: T) => unknown }[]): string {
  const lines = [columns.map((c) => csvField(c.title)).join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvField(c.value(r))).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** Saves text as a file through the browser's download. */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A file-name-safe stamp of a time: 2026-11-25T14-02. */
export const fileStamp = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace(/:/g, '-');
