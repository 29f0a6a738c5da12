import { csvRow } from '../protocol/csv.ts';

/** A CSV document: a header row of column titles, then one row per record (fields by the protocol's one writer). */
export function toCsv<T>(rows: readonly T[], columns: readonly { title: string; value: (row: T) => unknown }[]): string {
  let out = csvRow(columns.map((c) => c.title));
  for (const r of rows) out += csvRow(columns.map((c) => c.value(r)));
  return out;
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
