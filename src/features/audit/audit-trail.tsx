import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { AuditPage } from '../../protocol/audit.ts';
import { api } from '../../lib/api.ts';
import { DeskTable } from '../../lib/desk-table.tsx';
import { fromLocalInput } from '../../lib/time-range.ts';

interface Filters {
  from: string;
  to: string;
  actor: string;
  action: string;
}

const field = 'h-8 rounded border border-edge bg-white px-2 text-sm';
const ACTIONS = ['login', 'login.failed', 'acknowledge', 'shelve', 'unshelve', 'feedback', 'out_of_service', 'return_to_service',
  'catalogue.update', 'policy.update', 'user.*', 'edge_key.*'];

function query(f: Filters, cursor: number | null): string {
  const q = new URLSearchParams({ limit: '100' });
  const from = f.from ? fromLocalInput(f.from) : undefined;
  const to = f.to ? fromLocalInput(f.to) : undefined;
  if (from !== undefined) q.set('from', String(from));
  if (to !== undefined) q.set('to', String(to));
  if (f.actor.trim()) q.set('actor', f.actor.trim());
  if (f.action.trim()) q.set('action', f.action.trim());
  if (cursor !== null) q.set('cursor', String(cursor));
  return q.toString();
}

/** The audit trail, newest first, filtered by time, actor and action, paged with the server's cursor. */
export function AuditTrail() {
  const [draft, setDraft] = useState<Filters>({ from: '', to: '', actor: '', action: '' });
  const [applied, setApplied] = useState(draft);
  const [cursors, setCursors] = useState<number[]>([]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const page = useQuery({
    queryKey: ['audit', applied, cursor],
    queryFn: ({ signal }) => api(`/api/v1/audit?${query(applied, cursor)}`, AuditPage, { signal }),
    placeholderData: (prev) => prev,
  });
  const entries = page.data?.entries ?? [];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setApplied(draft);
    setCursors([]);
  };
  const set = (k: keyof Filters) => (e: { target: { value: string } }) => setDraft({ ...draft, [k]: e.target.value });
  return (
    <div className="space-y-2">
      <form onSubmit={submit} className="flex flex-wrap items-end gap-2 rounded-md border border-edge bg-surface p-2" aria-label="Audit filters">
        <label className="grid text-xs font-semibold">From<input type="datetime-local" className={field} value={draft.from} onChange={set('from')} /></label>
        <label className="grid text-xs font-semibold">To<input type="datetime-local" className={field} value={draft.to} onChange={set('to')} /></label>
        <label className="grid text-xs font-semibold">Who<input className={field} value={draft.actor} onChange={set('actor')} placeholder="user name" size={14} /></label>
        <label className="grid text-xs font-semibold">Action
          <input className={field} value={draft.action} onChange={set('action')} list="audit-actions" placeholder="any" size={18} />
          <datalist id="audit-actions">{ACTIONS.map((a) => <option key={a} value={a} />)}</datalist>
        </label>
        <button type="submit" className="h-8 rounded border border-ink bg-control px-3 font-semibold hover:bg-control-press">Apply</button>
        <span className="ml-auto text-xs text-ink-muted">Entries are hash-chained; check the chain with <code>npm run audit:verify</code>.</span>
      </form>
      {page.isError && <p role="alert" className="font-semibold">{page.error.message}</p>}
      <DeskTable title="Audit trail" csvName="audit" rows={entries} rowKey={(e) => String(e.seq)} testId="audit-table" empty="No entries match."
        actions={
          <>
            <button type="button" disabled={!cursors.length} onClick={() => setCursors(cursors.slice(0, -1))} className="rounded border border-edge bg-control px-2 py-0.5 text-xs font-semibold disabled:opacity-50">◂ Newer</button>
            <button type="button" disabled={!page.data?.nextCursor} onClick={() => page.data?.nextCursor && setCursors([...cursors, page.data.nextCursor])} className="rounded border border-edge bg-control px-2 py-0.5 text-xs font-semibold disabled:opacity-50">Older ▸</button>
          </>
        }
        columns={[
          { title: '#', value: (e) => e.seq, align: 'right' },
          { title: 'time', value: (e) => new Date(e.at).toISOString(), cell: (e) => <span className="whitespace-nowrap">{new Date(e.at).toLocaleString('en-GB')}</span> },
          { title: 'who', value: (e) => e.actor },
          { title: 'action', value: (e) => e.action, cell: (e) => <code>{e.action}</code> },
          { title: 'target', value: (e) => e.target, cell: (e) => <span className="break-all">{e.target}</span> },
          { title: 'detail', value: (e) => JSON.stringify(e.detail), cell: (e) => <code className="break-all text-xs">{JSON.stringify(e.detail)}</code> },
          { title: 'hash', value: (e) => e.hash, cell: (e) => <code className="text-xs" title={e.hash}>{e.hash.slice(0, 10)}…</code> },
        ]} />
    </div>
  );
}
