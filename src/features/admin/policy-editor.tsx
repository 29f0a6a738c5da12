import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FieldErrors } from '../../protocol/admin.ts';
import { DEFAULT_POLICY, type PlantPolicy, type PolicyBook, type PolicyPatch } from '../../protocol/policy.ts';
import { adminKey, usePolicy } from './queries.ts';
import { fromText, msHint, POLICY_FIELDS, POLICY_HELP, toText, type PolicyField } from './policy-fields.ts';
import { sendJson } from './save.ts';

const input = 'h-7 w-full rounded border border-edge bg-white px-1.5 text-sm aria-[invalid=true]:border-2 aria-[invalid=true]:border-ink';
const button = 'h-8 rounded border border-ink bg-control px-3 text-sm font-semibold hover:bg-control-press disabled:opacity-50';
type Problems = FieldErrors['fields'];
const DEFAULTS = '(defaults: every plant)';

/** The policy field a refusal path names: `policy.floodLeave`, `plants.demo.policy.floodLeave`, `defaults.floodLeave`. */
export function fieldOf(path: string): string | null {
  const parts = path.split('.');
  const at = Math.max(parts.lastIndexOf('policy'), parts.lastIndexOf('defaults'));
  return at >= 0 && parts.length === at + 2 ? parts[at + 1]! : null;
}

function Form({ book, scope, updated, onSaved }: { book: PolicyBook; scope: string; updated: string; onSaved: () => void }) {
  const isDefaults = scope === DEFAULTS;
  const plantPolicy: PlantPolicy = book.plants[scope] ?? { policy: {}, lines: {}, models: {} };
  const own: PolicyPatch = isDefaults ? book.defaults : plantPolicy.policy;
  const [texts, setTexts] = useState<Partial<Record<PolicyField, string>>>(() => Object.fromEntries(Object.entries(own).map(([k, v]) => [k, toText(v)])));
  const [overrides, setOverrides] = useState(() => JSON.stringify({ lines: plantPolicy.lines, models: plantPolicy.models }, null, 2));
  const [problems, setProblems] = useState<Problems>([]);
  const [said, setSaid] = useState<string | null>(null);
  // What an empty field falls back to: the built-in value for the defaults, the defaults for a plant.
  const inherited = isDefaults ? DEFAULT_POLICY : book.defaults;

  const save = async () => {
    const patch: Record<string, unknown> = {};
    for (const [k, t] of Object.entries(texts)) if (t !== undefined && t !== '') patch[k] = fromText(k as PolicyField, t);
    let r;
    if (isDefaults) {
      r = await sendJson('PUT', '/api/v1/policy', { defaults: patch, plants: book.plants });
    } else {
      let extra: unknown;
      try {
        extra = JSON.parse(overrides);
      } catch (e) {
        setProblems([{ path: 'lines', message: `not JSON: ${(e as Error).message}` }]);
        return;
      }
      r = await sendJson('PUT', `/api/v1/policy/plants/${encodeURIComponent(scope)}`, { policy: patch, ...(extra as object) });
    }
    if (!r.ok) {
      setProblems(r.fields.length ? r.fields : [{ path: '(root)', message: r.error }]);
      setSaid('Not saved: fix the fields marked ▲.');
      return;
    }
    setProblems([]);
    setSaid('Saved and in force.');
    onSaved();
  };
  const byField = new Map<string, string[]>();
  const other: Problems = [];
  for (const p of problems) {
    const f = fieldOf(p.path);
    if (f) byField.set(f, [...(byField.get(f) ?? []), p.message]);
    else other.push(p);
  }
  return (
    <div className="space-y-2" data-testid="policy-editor">
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className={button} onClick={() => void save()} data-testid="policy-save">Save policy</button>
        <span className="text-xs text-ink-muted">{updated}</span>
        {said && <span role="status" className="text-sm font-semibold">{said}</span>}
      </div>
      {other.length > 0 && (
        <ul role="alert" className="rounded-md border-2 border-ink bg-white p-2 text-sm">{other.map((p) => <li key={p.path + p.message}><code>{p.path}</code>: {p.message}</li>)}</ul>
      )}
      <table className="w-full rounded-md border border-edge bg-surface text-sm">
        <thead className="bg-sunk text-left text-xs uppercase text-ink-muted">
          <tr><th className="px-2 py-1 font-semibold">field</th><th className="font-semibold">meaning</th><th className="font-semibold">{isDefaults ? 'built-in' : 'default'}</th><th className="w-64 pr-2 font-semibold">{isDefaults ? 'default for every plant' : `override for ${scope} (empty: default)`}</th></tr>
        </thead>
        <tbody>
          {POLICY_FIELDS.map((f) => {
            const errs = byField.get(f) ?? [];
            const text = texts[f] ?? '';
            return (
              <tr key={f} className="border-t border-panel align-top" data-field={f}>
                <th scope="row" className="px-2 py-0.5 text-left font-mono text-xs font-normal">{f}</th>
                <td className="pr-2 text-xs">{POLICY_HELP[f]}</td>
                <td className="pr-2 font-mono text-xs">{toText(inherited[f])}{msHint(f, inherited[f]) && <span className="text-ink-muted"> ({msHint(f, inherited[f])})</span>}</td>
                <td className="pr-2">
                  <input className={input} value={text} aria-label={f} aria-invalid={errs.length > 0} placeholder={toText(inherited[f])}
                    onChange={(e) => setTexts({ ...texts, [f]: e.target.value })} />
                  {msHint(f, fromText(f, text)) && <span className="text-xs text-ink-muted">{msHint(f, fromText(f, text))}</span>}
                  {errs.length > 0 && <span role="alert" className="block text-xs font-semibold" data-testid={`policy-error-${f}`}>▲ {errs.join('; ')}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {!isDefaults && (
        <label className="grid gap-1 text-xs font-semibold">Per-line and per-model overrides of {scope} (JSON: {'{"lines": {"line1": {"floodEnter": 12}}, "models": {}}'})
          <textarea className="h-32 rounded border border-edge bg-white p-2 font-mono text-xs" value={overrides} onChange={(e) => setOverrides(e.target.value)} spellCheck={false} />
        </label>
      )}
    </div>
  );
}

/**
 * The alarm policy editor (engineer and up): defaults for every plant, or one plant's overrides,
 * one row per policy number with its meaning and the value it inherits. A refusal marks each field.
 */
export function PolicyEditor({ plants, global }: { plants: string[]; global: boolean }) {
  const qc = useQueryClient();
  const policy = usePolicy();
  const [picked, setScope] = useState<string | null>(null);
  if (policy.isPending) return <p role="status">Loading policy…</p>;
  if (policy.isError) return <p role="alert" className="font-semibold">{policy.error.message}</p>;
  const book = policy.data.book as PolicyBook;
  const scopes = [...(global ? [DEFAULTS] : []), ...new Set([...plants, ...Object.keys(book.plants)])];
  const scope = picked ?? scopes[0];
  if (!scope) return <p>No plant in your scope.</p>;
  const updated = policy.data.updatedAt ? `last changed ${new Date(policy.data.updatedAt).toLocaleString('en-GB')} by ${policy.data.updatedBy}` : 'built-in defaults in force';
  return (
    <div className="space-y-2">
      <label className="flex items-center gap-2 text-sm font-semibold">Policy of
        <select className="h-8 rounded border border-edge bg-white px-2" value={scope} onChange={(e) => setScope(e.target.value)}>
          {scopes.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
      </label>
      <Form key={`${scope}/${policy.dataUpdatedAt}`} book={book} scope={scope} updated={updated} onSaved={() => void qc.invalidateQueries({ queryKey: [...adminKey, 'policy'] })} />
    </div>
  );
}
