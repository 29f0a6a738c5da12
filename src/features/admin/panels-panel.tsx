import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import { PanelView, type PanelCreated } from '../../protocol/admin.ts';
import { api } from '../../lib/api.ts';
import { DeskTable } from '../../lib/desk-table.tsx';
import { usePlants } from '../../lib/plants.ts';
import { adminKey } from './queries.ts';
import { sendJson } from './save.ts';
import { SecretShownOnce } from './secret-once.tsx';

const field = 'h-8 rounded border border-edge bg-white px-2 text-sm';
const button = 'h-8 rounded border border-ink bg-control px-3 text-sm font-semibold hover:bg-control-press disabled:opacity-50';
const when = (ms: number | null) => (ms === null ? '—' : new Date(ms).toLocaleString('en-GB'));

/** Panel devices, each bound to one line: create (token shown once, typed on the panel's /panel-login), revoke. */
export function PanelsPanel() {
  const qc = useQueryClient();
  const panels = useQuery({ queryKey: [...adminKey, 'panels'], queryFn: ({ signal }) => api('/api/v1/admin/panels', z.array(PanelView), { signal }) });
  const plants = usePlants().data ?? [];
  const [name, setName] = useState('');
  const [where, setWhere] = useState('');
  const [created, setCreated] = useState<PanelCreated | null>(null);
  const [error, setError] = useState<string | null>(null);
  const options = plants.flatMap((p) => p.lines.map((l) => ({ value: `${p.plant}/${l.line}`, label: `${p.plant} · ${l.title}` })));
  const chosen = where || options[0]?.value || '';
  const create = async (e: FormEvent) => {
    e.preventDefault();
    const [plant, line] = chosen.split('/');
    const r = await sendJson<PanelCreated>('POST', '/api/v1/admin/panels', { name, plant, line });
    if (!r.ok) return setError(r.error);
    setError(null);
    setCreated(r.data);
    setName('');
    await qc.invalidateQueries({ queryKey: adminKey });
  };
  const revoke = async (p: PanelView) => {
    if (!confirm(`Revoke panel "${p.name}"? It is signed out at once.`)) return;
    const r = await sendJson('POST', `/api/v1/admin/panels/${encodeURIComponent(p.id)}/revoke`, {});
    if (!r.ok) setError(r.error);
    await qc.invalidateQueries({ queryKey: adminKey });
  };
  return (
    <div className="space-y-2">
      {created && (
        <SecretShownOnce title={<>Device token for “{created.panel.name}” — enter it once on the panel at <code>/panel-login</code>; it is not shown again:</>}
          secret={created.token} testId="new-panel-token" onDone={() => setCreated(null)} />
      )}
      {panels.isError && <p role="alert">{panels.error.message}</p>}
      <DeskTable title="Panel devices" csvName="panels" rows={panels.data ?? []} rowKey={(p) => p.id} testId="panels"
        columns={[
          { title: 'id', value: (p) => p.id, cell: (p) => <code>{p.id}</code> },
          { title: 'name', value: (p) => p.name },
          { title: 'line', value: (p) => `${p.plant}/${p.line}` },
          { title: 'created', value: (p) => new Date(p.createdAt).toISOString(), cell: (p) => when(p.createdAt) },
          { title: 'revoked', value: (p) => (p.revokedAt ? new Date(p.revokedAt).toISOString() : ''), cell: (p) => (p.revokedAt ? <strong>{when(p.revokedAt)}</strong> : '—') },
          {
            title: 'action', value: () => '',
            cell: (p) => (p.revokedAt ? null : <button type="button" className="rounded border border-ink bg-control px-2 py-0.5 text-xs font-semibold hover:bg-control-press" onClick={() => void revoke(p)}>Revoke</button>),
          },
        ]} />
      <form onSubmit={(e) => void create(e)} className="flex flex-wrap items-end gap-2 rounded-md border border-edge bg-surface p-2" aria-label="New panel device">
        <strong className="w-full text-xs uppercase text-ink-muted">New panel device</strong>
        <label className="grid text-xs font-semibold">Name<input className={field} value={name} onChange={(e) => setName(e.target.value)} placeholder="Line 1 panel, north" required /></label>
        <label className="grid text-xs font-semibold">Line
          <select className={field} value={chosen} onChange={(e) => setWhere(e.target.value)}>{options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}</select>
        </label>
        <button type="submit" className={button} disabled={!chosen}>Create panel</button>
        {error && <p role="alert" className="w-full font-semibold">{error}</p>}
      </form>
    </div>
  );
}
