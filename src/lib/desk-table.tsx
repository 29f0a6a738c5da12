import { useId, type ReactNode } from 'react';
import { downloadText, fileStamp, toCsv } from './csv.ts';

export interface Column<T> {
  title: string;
  /** What the cell shows; defaults to the CSV value. */
  cell?: (row: T) => ReactNode;
  /** The value exported to CSV (plain, machine-readable). */
  value: (row: T) => unknown;
  align?: 'right' | 'left';
  className?: string;
}

/**
 * A dense table for supervisors' desks, with a caption and a CSV export of exactly its rows.
 * Rows are keyed by `rowKey`; `empty` is shown when there are none.
 */
export function DeskTable<T>({ title, rows, columns, rowKey, csvName, empty = 'Nothing in this range.', actions, testId, note }: {
  title: string;
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (row: T) => string;
  csvName: string;
  empty?: string;
  actions?: ReactNode;
  testId?: string;
  note?: ReactNode;
}) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="min-w-0 rounded-md border border-edge bg-surface" data-testid={testId}>
      <header className="flex items-center gap-2 border-b border-edge px-3 py-1.5">
        <h2 id={id} className="text-sm font-bold uppercase tracking-wide text-ink-muted">{title}</h2>
        <span className="text-xs text-ink-muted">({rows.length})</span>
        <span className="ml-auto flex items-center gap-2">
          {actions}
          <button type="button" onClick={() => downloadText(`${csvName}-${fileStamp(Date.now())}.csv`, toCsv(rows, columns))}
            disabled={rows.length === 0} className="rounded border border-edge bg-control px-2 py-0.5 text-xs font-semibold hover:bg-control-press disabled:opacity-50"
            aria-label={`Export ${title} as CSV`}>
            CSV
          </button>
        </span>
      </header>
      {note && <div className="border-b border-edge px-3 py-1.5 text-sm">{note}</div>}
      {rows.length === 0 ? (
        <p className="px-3 py-2 text-sm text-ink-muted">{empty}</p>
      ) : (
        <div className="max-h-80 overflow-auto">
          <table className="w-full border-collapse text-sm">
            <thead className="sticky top-0 bg-sunk text-left text-xs uppercase text-ink-muted">
              <tr>{columns.map((c) => <th key={c.title} scope="col" className={`px-2 py-1 font-semibold ${c.align === 'right' ? 'text-right' : ''}`}>{c.title}</th>)}</tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={rowKey(r)} className="border-t border-panel align-top">
                  {columns.map((c) => (
                    <td key={c.title} className={`px-2 py-1 ${c.align === 'right' ? 'text-right tabular-nums' : ''} ${c.className ?? ''}`}>
                      {c.cell ? c.cell(r) : String(c.value(r) ?? '')}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
