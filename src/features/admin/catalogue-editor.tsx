import { useQueryClient } from '@tanstack/react-query';
import { useState, type ChangeEvent } from 'react';
import type { FieldErrors } from '../../protocol/admin.ts';
import type { Catalogue } from '../../protocol/catalogue.ts';
import { catalogueKey, useCatalogue } from '../../lib/catalogue.ts';
import { downloadText, fileStamp } from '../../lib/csv.ts';
import { problemsAt, sendJson } from './save.ts';

const input = 'h-7 w-full rounded border border-edge bg-white px-1.5 text-sm aria-[invalid=true]:border-2 aria-[invalid=true]:border-ink';
const button = 'h-8 rounded border border-ink bg-control px-3 text-sm font-semibold hover:bg-control-press disabled:opacity-50';
type Problems = FieldErrors['fields'];

function Problem({ problems, path }: { problems: Problems; path: string }) {
  const here = problemsAt(problems, path);
  return here.length ? <span role="alert" className="block text-xs font-semibold">▲ {here.map((p) => p.message).join('; ')}</span> : null;
}

/** Name per slug (lines, assets, labels, actions): one editable row each. */
function NameTable({ title, path, names, onChange, problems, testId }: {
  title: string; path: 'lines' | 'assets' | 'labels' | 'actions'; names: Record<string, string>; onChange: (n: Record<string, string>) => void; problems: Problems; testId: string;
}) {
  return (
    <fieldset className="min-w-0 rounded-md border border-edge bg-surface p-2" data-testid={testId}>
      <legend className="px-1 text-xs font-bold uppercase text-ink-muted">{title}</legend>
      <table className="w-full text-sm">
        <tbody>
          {Object.entries(names).map(([slug, name]) => (
            <tr key={slug}>
              <th scope="row" className="w-1/3 pr-2 text-left font-mono text-xs font-normal">{slug}</th>
              <td>
                <input className={input} value={name} aria-label={`${title}: ${slug}`} aria-invalid={problemsAt(problems, `${path}.${slug}`).length > 0}
                  onChange={(e) => onChange({ ...names, [slug]: e.target.value })} />
                <Problem problems={problems} path={`${path}.${slug}`} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </fieldset>
  );
}

/** Edits one plant's catalogue: display names of lines, assets, labels; features with units, normal ranges, mean and σ. */
function Editor({ plant, initial }: { plant: string; initial: Catalogue }) {
  const qc = useQueryClient();
  const [draft, setDraft] = useState<Catalogue>(initial);
  const [problems, setProblems] = useState<Problems>([]);
  const [said, setSaid] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const save = async (c: Catalogue) => {
    setSaving(true);
    const r = await sendJson<Catalogue>('PUT', `/api/v1/catalogue/${encodeURIComponent(plant)}`, c);
    setSaving(false);
    if (!r.ok) {
      setProblems(r.fields);
      setSaid(r.error);
      return;
    }
    setProblems([]);
    setSaid('Saved. Panels of this plant show the new names now.');
    qc.setQueryData(catalogueKey(plant), r.data);
    await qc.invalidateQueries({ queryKey: ['plants'] });
  };
  const importFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    try {
      const parsed = JSON.parse(await file.text()) as Catalogue;
      setDraft(parsed);
      setSaid(`Imported ${file.name}: review it, then Save.`);
    } catch (err) {
      setSaid(`${file.name} is not JSON: ${(err as Error).message}`);
    }
  };
  const feature = (i: number, patch: Partial<Catalogue['features'][number]>) =>
    setDraft({ ...draft, features: draft.features.map((f, j) => (j === i ? { ...f, ...patch } : f)) });
  const num = (v: string) => (v.trim() === '' ? undefined : Number(v));
  return (
    <div className="space-y-2" data-testid="catalogue-editor">
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className={button} disabled={saving} onClick={() => void save(draft)} data-testid="catalogue-save">Save catalogue</button>
        <button type="button" className={button} onClick={() => setDraft(initial)}>Discard changes</button>
        <button type="button" className={button} onClick={() => downloadText(`catalogue-${plant}-${fileStamp(Date.now())}.json`, JSON.stringify(draft, null, 2), 'application/json')}>Export JSON</button>
        <label className={`${button} grid cursor-pointer place-items-center`}>Import JSON…<input type="file" accept="application/json,.json" className="sr-only" onChange={(e) => void importFile(e)} /></label>
        {said && <span role="status" className="text-sm font-semibold">{said}</span>}
      </div>
      {problems.length > 0 && (
        <ul role="alert" className="rounded-md border-2 border-ink bg-white p-2 text-sm">
          {problems.map((p) => <li key={p.path}><code>{p.path}</code>: {p.message}</li>)}
        </ul>
      )}
      <div className="grid gap-2 xl:grid-cols-3">
        <NameTable title="Lines" path="lines" names={draft.lines} problems={problems} onChange={(lines) => setDraft({ ...draft, lines })} testId="catalogue-lines" />
        <NameTable title="Assets" path="assets" names={draft.assets} problems={problems} onChange={(assets) => setDraft({ ...draft, assets })} testId="catalogue-assets" />
        <NameTable title="Alert titles per label" path="labels" names={draft.labels} problems={problems} onChange={(labels) => setDraft({ ...draft, labels })} testId="catalogue-labels" />
      </div>
      <fieldset className="rounded-md border border-edge bg-surface p-2">
        <legend className="px-1 text-xs font-bold uppercase text-ink-muted">Features (raw tag → what people read)</legend>
        <table className="w-full text-sm">
          <thead className="text-left text-xs uppercase text-ink-muted">
            <tr><th className="font-semibold">tag</th><th className="font-semibold">display name</th><th className="font-semibold">unit</th><th className="font-semibold">normal low</th><th className="font-semibold">normal high</th><th className="font-semibold">mean</th><th className="font-semibold">σ</th></tr>
          </thead>
          <tbody>
            {draft.features.map((f, i) => (
              <tr key={f.feature}>
                <th scope="row" className="pr-2 text-left font-mono text-xs font-normal">{f.feature}</th>
                {(['displayName', 'unit'] as const).map((k) => (
                  <td key={k} className={k === 'unit' ? 'w-20 pr-1' : 'pr-1'}>
                    <input className={input} value={f[k] ?? ''} aria-label={`${f.feature} ${k}`} aria-invalid={problemsAt(problems, `features.${i}.${k}`).length > 0} onChange={(e) => feature(i, { [k]: e.target.value })} />
                    <Problem problems={problems} path={`features.${i}.${k}`} />
                  </td>
                ))}
                {(['normalLow', 'normalHigh', 'mean', 'sigma'] as const).map((k) => (
                  <td key={k} className="w-24 pr-1">
                    <input className={input} inputMode="decimal" value={f[k] ?? ''} aria-label={`${f.feature} ${k}`} aria-invalid={problemsAt(problems, `features.${i}.${k}`).length > 0} onChange={(e) => feature(i, { [k]: num(e.target.value) })} />
                    <Problem problems={problems} path={`features.${i}.${k}`} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </fieldset>
    </div>
  );
}

/** The catalogue of one plant (engineer and up): loaded, edited in place, imported or exported as JSON. */
export function CatalogueEditor({ plant }: { plant: string }) {
  const cat = useCatalogue(plant);
  if (cat.isPending) return <p role="status">Loading catalogue…</p>;
  if (cat.isError) return <p role="alert" className="font-semibold">{cat.error.message}</p>;
  return <Editor key={plant} plant={plant} initial={cat.data} />;
}
