import { readFileSync } from 'node:fs';

/** Columns that carry ground truth in SKAB files: kept aside, never fed to a detector. */
export const LABEL_COLUMNS = ['anomaly', 'changepoint'] as const;

/** A parsed SKAB-format recording: one time and one feature vector per row. */
export interface SkabTable {
  /** Where the rows came from (a path or a name), used in error messages. */
  source: string;
  /** Numeric feature columns, in file order (label columns excluded). */
  features: string[];
  /** Row times in epoch ms. */
  times: number[];
  /** rows[i][j] is feature j of row i. */
  rows: number[][];
  /** Ground truth per row (0/1) when the file has an `anomaly` column. */
  anomaly?: number[];
  /** Change-point marks per row (0/1) when the file has a `changepoint` column. */
  changepoint?: number[];
}

/** A malformed input: the message names the file, the 1-based line and, when known, the column. */
export class CsvError extends Error {
  readonly line: number;
  readonly column: string | undefined;
  constructor(source: string, line: number, column: string | undefined, problem: string) {
    super(`${source}:${line}${column === undefined ? '' : ` column "${column}"`}: ${problem}`);
    this.name = 'CsvError';
    this.line = line;
    this.column = column;
  }
}

const DATETIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/**
 * Parses `YYYY-MM-DD HH:MM:SS`. The test bed recorded local time without a zone; we read it as UTC
 * so parsing never depends on the machine's zone (replay only uses differences between rows).
 */
export function parseSkabTime(text: string): number | undefined {
  const m = DATETIME.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  // Date.UTC rolls 2020-02-31 over to March; refuse it instead of silently shifting the row.
  const back = new Date(ms);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return undefined;
  return ms;
}

/** Parses SKAB CSV text (`;`-separated, header row, `datetime` first). Throws CsvError on bad input. */
export function parseSkabCsv(text: string, source = 'input'): SkabTable {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0]?.split(';').map((h) => h.trim()) ?? [];
  if (header.length < 2 || header[0] !== 'datetime') {
    throw new CsvError(source, 1, header[0], 'header must start with "datetime" followed by feature columns');
  }
  const seen = new Set<string>();
  for (const h of header) {
    if (!h) throw new CsvError(source, 1, undefined, 'empty column name in header');
    if (seen.has(h)) throw new CsvError(source, 1, h, 'duplicate column');
    seen.add(h);
  }
  const labelAt = new Map<string, number>();
  const featureAt: number[] = [];
  header.forEach((h, i) => {
    if (i === 0) return;
    if ((LABEL_COLUMNS as readonly string[]).includes(h)) labelAt.set(h, i);
    else featureAt.push(i);
  });
  if (featureAt.length === 0) throw new CsvError(source, 1, undefined, 'no feature columns');

  const table: SkabTable = { source, features: featureAt.map((i) => header[i] as string), times: [], rows: [] };
  if (labelAt.has('anomaly')) table.anomaly = [];
  if (labelAt.has('changepoint')) table.changepoint = [];

  for (let n = 1; n < lines.length; n++) {
    const raw = lines[n] as string;
    if (raw.trim() === '') continue; // trailing newline(s)
    const lineNo = n + 1;
    const cells = raw.split(';');
    if (cells.length !== header.length) {
      throw new CsvError(source, lineNo, undefined, `expected ${header.length} fields, found ${cells.length}`);
    }
    const t = parseSkabTime((cells[0] as string).trim());
    if (t === undefined) throw new CsvError(source, lineNo, 'datetime', `not a YYYY-MM-DD HH:MM:SS time: "${cells[0]}"`);
    const num = (i: number): number => {
      const cell = (cells[i] as string).trim();
      const v = cell === '' ? NaN : Number(cell);
      if (!Number.isFinite(v)) throw new CsvError(source, lineNo, header[i], `not a finite number: "${cell}"`);
      return v;
    };
    table.times.push(t);
    table.rows.push(featureAt.map(num));
    for (const [name, i] of labelAt) {
      const v = num(i);
      if (v !== 0 && v !== 1) throw new CsvError(source, lineNo, name, `label must be 0 or 1, found ${v}`);
      (name === 'anomaly' ? table.anomaly : table.changepoint)?.push(v);
    }
  }
  if (table.rows.length === 0) throw new CsvError(source, 2, undefined, 'no data rows');
  return table;
}

/** Reads and parses a SKAB CSV file; errors name the file by the path given. */
export function readSkabCsv(path: string): SkabTable {
  return parseSkabCsv(readFileSync(path, 'utf8'), path);
}
