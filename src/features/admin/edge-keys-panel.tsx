import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { EdgeKeyCreated, EdgeKeyView } from '../../protocol/admin.ts';
import { DeskTable } from '../../lib/desk-table.tsx';
import { adminKey, useEdgeKeys } from './queries.ts';
import { sendJson } from './save.ts';
import { SecretShownOnce } from './secret-once.tsx';
import { formatScopes, parseScopes } from './scopes.ts';

const field = 'h-8 rounded border border-edge bg-white px-2 text-sm';
const button = 'h-8 rounded border border-ink bg-control px-3 text-sm font-semibold hover:bg-control-press disabled:opacity-50';
const when = (ms: number | null) => (ms === null ? '—' : new Date(ms).toLocaleString('en-GB'));

/** Edge keys: create (the key is shown this once), list, revoke (effective at once). Admin only. */
export function EdgeKeysPanel() {
  const qc = useQueryClient();
  const keys = useEdgeKeys(true);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState('');
  const [created, setCreated] = useState<EdgeKeyCreated | null>(null);
  const [error, setError] = useState<string | null>(null);
  const create = async (e: FormEvent) => {
    e.preventDefault();
    const r = await sendJson<EdgeKeyCreated>('POST', '/api/v1/admin/edge-keys', { name, scopes: parseScopes(scopes) });
    if (!r.ok) return setError(r.error);
    setError(null);
    setCreated(r.data);
    setName('');
    await qc.invalidateQueries({ queryKey: adminKey });
  };
  const revoke = async (k: EdgeKeyView) => {
    if (!confirm(`Revoke edge key "${k.name}"? Edges using it are cut off at once.`)) return;
    const r = await sendJson<EdgeKeyView>('POST', `/api/v1/admin/edge-keys/${encodeURIComponent(k.id)}/revoke`, {});
    if (!r.ok) setError(r.error);
    await qc.invalidateQueries({ queryKey: adminKey });
  };
  return (
    <div className="space-y-2">
      {created && (
        <SecretShownOnce title={<>Key for “{created.edgeKey.name}” — copy it now, it is not shown again:</>}
          secret={created.key} testId="new-edge-key" onDone={() => setCreated(null)} />
      )}
      <DeskTable title="Edge keys" csvName="edge-keys" rows={keys.data ?? []} rowKey={(k) => k.id} testId="edge-keys"
        columns={[
          { title: 'id', value: (k) => k.id, cell: (k) => <code>{k.id}</code> },
          { title: 'name', value: (k) => k.name },
          { title: 'may publish to', value: (k) => formatScopes(k.scopes) },
          { title: 'created', value: (k) => new Date(k.createdAt).toISOString(), cell: (k) => when(k.createdAt) },
          { title: 'revoked', value: (k) => (k.revokedAt ? new Date(k.revokedAt).toISOString() : ''), cell: (k) => (k.revokedAt ? <strong>{when(k.revokedAt)}</strong> : '—') },
          {
            title: 'action', value: () => '',
            cell: (k) => (k.revokedAt ? null : (
              <button type="button" className="rounded border border-ink bg-control px-2 py-0.5 text-xs font-semibold hover:bg-control-press" onClick={() => void revoke(k)}>Revoke</button>
            )),
          },
        ]} />
      <form onSubmit={(e) => void create(e)} className="flex flex-wrap items-end gap-2 rounded-md border border-edge bg-surface p-2" aria-label="New edge key">
        <strong className="w-full text-xs uppercase text-ink-muted">New edge key</strong>
        <label className="grid text-xs font-semibold">Name<input className={field} value={name} onChange={(e) => setName(e.target.value)} placeholder="pump gateway 1" required /></label>
        <label className="grid text-xs font-semibold">May publish to (plant · plant/line)<input className={field} value={scopes} onChange={(e) => setScopes(e.target.value)} placeholder="demo/line1" required size={24} /></label>
        <button type="submit" className={button}>Create key</button>
        {error && <p role="alert" className="w-full font-semibold">{error}</p>}
      </form>
    </div>
  );
}
