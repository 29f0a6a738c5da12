import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { LabelRecord } from '../../protocol/label.ts';
import { readError } from '../../lib/api.ts';
import { DeskTable } from '../../lib/desk-table.tsx';
import type { PlantList } from '../../lib/plants.ts';
import { fromLocalInput } from '../../lib/time-range.ts';

export interface LabelFilters {
  plant: string;
  line: string;
  model: string;
  version: string;
  from: string;
  to: string;
  cursor: string;
}

const field = 'h-8 rounded border border-edge bg-white px-2 text-sm';

/** The export query string of the filters (empty ones left out; times as epoch ms). */
export function labelQuery(f: LabelFilters, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  if (f.plant) q.set('plant', f.plant);
  if (f.line) q.set('line', f.line);
  if (f.model) q.set('model', f.model);
  if (f.version) q.set('version', f.version);
  const from = f.from ? fromLocalInput(f.from) : undefined;
  const to = f.to ? fromLocalInput(f.to) : undefined;
  if (from !== undefined) q.set('from', String(from));
  if (to !== undefined) q.set('to', String(to));
  if (f.cursor) q.set('cursor', f.cursor);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}

/** The same export as a CLI command line, for a training job. */
export function cliLine(f: LabelFilters, format: 'jsonl' | 'csv'): string {
  const args = ['npm run labels --', `--out labels.${format}`, '--url', location.origin];
  for (const k of ['plant', 'line', 'model', 'version'] as const) if (f[k]) args.push(`--${k}`, f[k]);
  const from = f.from ? fromLocalInput(f.from) : undefined;
  const to = f.to ? fromLocalInput(f.to) : undefined;
  if (from !== undefined) args.push('--from', String(from));
  if (to !== undefined) args.push('--to', String(to));
  args.push('--cursor-file labels.cursor --append');
  return args.join(' ');
}

async function preview(query: string, signal: AbortSignal) {
  const res = await fetch(`/api/v1/labels?${query}`, { credentials: 'same-origin', signal });
  if (!res.ok) throw await readError(res);
  const labels = (await res.text()).split('\n').filter(Boolean).map((l) => LabelRecord.parse(JSON.parse(l)));
  return { labels, next: res.headers.get('x-next-cursor') ?? '', more: res.headers.get('x-has-more') === 'true' };
}

/**
 * Labels for retraining: filters, a preview of the first labels, downloads as JSONL or CSV, the next
 * cursor for incremental pulls, and the equivalent CLI command.
 */
export function LabelsExport({ plants, initial }: { plants: PlantList; initial: LabelFilters }) {
  const [draft, setDraft] = useState(initial);
  const [applied, setApplied] = useState(initial);
  const query = labelQuery(applied);
  const page = useQuery({ queryKey: ['labels-preview', query], queryFn: ({ signal }) => preview(labelQuery(applied, { limit: '50' }), signal) });
  const lines = plants.find((p) => p.plant === draft.plant)?.lines ?? [];
  const set = (k: keyof LabelFilters) => (e: { target: { value: string } }) => setDraft({ ...draft, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setApplied(draft);
  };
  return (
    <div className="space-y-3">
      <form onSubmit={submit} className="flex flex-wrap items-end gap-2 rounded-md border border-edge bg-surface p-2" aria-label="Label filters">
        <label className="grid text-xs font-semibold">Plant
          <select className={field} value={draft.plant} onChange={(e) => setDraft({ ...draft, plant: e.target.value, line: '' })}>
            {plants.map((p) => <option key={p.plant} value={p.plant}>{p.plant}</option>)}
          </select>
        </label>
        <label className="grid text-xs font-semibold">Line
          <select className={field} value={draft.line} onChange={set('line')}>
            <option value="">all</option>
            {lines.map((l) => <option key={l.line} value={l.line}>{l.title}</option>)}
          </select>
        </label>
        <label className="grid text-xs font-semibold">Model<input className={field} value={draft.model} onChange={set('model')} placeholder="any" size={14} /></label>
        <label className="grid text-xs font-semibold">Version<input className={field} value={draft.version} onChange={set('version')} placeholder="any" size={8} /></label>
        <label className="grid text-xs font-semibold">Answered from<input type="datetime-local" className={field} value={draft.from} onChange={set('from')} /></label>
        <label className="grid text-xs font-semibold">to<input type="datetime-local" className={field} value={draft.to} onChange={set('to')} /></label>
        <label className="grid text-xs font-semibold">After cursor<input className={field} value={draft.cursor} onChange={set('cursor')} placeholder="0" size={8} inputMode="numeric" /></label>
        <button type="submit" className="h-8 rounded border border-ink bg-control px-3 font-semibold hover:bg-control-press">Apply</button>
        <span className="ml-auto flex gap-2">
          <a href={`/api/v1/labels?${labelQuery(applied, { format: 'jsonl' })}`} download className="grid h-8 place-items-center rounded bg-chrome px-3 font-semibold text-ink-inverse hover:bg-ink" data-testid="download-jsonl">Download JSONL</a>
          <a href={`/api/v1/labels?${labelQuery(applied, { format: 'csv' })}`} download className="grid h-8 place-items-center rounded bg-chrome px-3 font-semibold text-ink-inverse hover:bg-ink" data-testid="download-csv">Download CSV</a>
        </span>
      </form>
      {page.isError && <p role="alert" className="font-semibold">{page.error.message}</p>}
      {page.data && (
        <p className="text-sm" data-testid="labels-summary">
          {page.data.labels.length === 0 ? 'No labels match.' : `First ${page.data.labels.length} labels shown${page.data.more ? ' (more in the download)' : ''}.`}
          {' '}Next cursor after this preview: <code>{page.data.next}</code>. A training job passes the last cursor it stored as <code>cursor=</code> (header <code>x-next-cursor</code>).
        </p>
      )}
      <p className="text-sm">Same export from a script: <code className="rounded bg-sunk px-1" data-testid="cli-line">{cliLine(applied, 'jsonl')}</code></p>
      <DeskTable title="Labels" csvName="labels-preview" rows={page.data?.labels ?? []} rowKey={(l) => l.id} testId="labels-table" empty="No labels match these filters."
        columns={[
          { title: 'answered', value: (l) => new Date(l.at).toISOString(), cell: (l) => new Date(l.at).toLocaleString('en-GB') },
          { title: 'alert', value: (l) => l.alertId, cell: (l) => <a className="underline" href={`/alerts/${encodeURIComponent(l.alertId)}`}>{l.asset} · {l.label}</a> },
          { title: 'v', value: (l) => l.version, align: 'right' },
          { title: 'answer', value: (l) => l.answer, cell: (l) => l.answer.replace(/_/g, ' ') },
          { title: 'reasons', value: (l) => l.reasons.join(';') },
          { title: 'by', value: (l) => l.by.user },
          { title: 'model', value: (l) => `${l.model.name} ${l.model.version}` },
          { title: 'score / threshold', value: (l) => `${l.snapshot.score}/${l.snapshot.threshold}`, cell: (l) => `${l.snapshot.score.toFixed(3)} / ${l.snapshot.threshold.toFixed(3)}`, align: 'right' },
          { title: 'results', value: (l) => l.resultIds.length, align: 'right' },
        ]} />
    </div>
  );
}
