import { useState, type ReactNode } from 'react';
import type { Me } from '../../protocol/session.ts';
import { CatalogueEditor } from './catalogue-editor.tsx';
import { EdgeKeysPanel } from './edge-keys-panel.tsx';
import { PanelsPanel } from './panels-panel.tsx';
import { PolicyEditor } from './policy-editor.tsx';
import { useCataloguePlants } from './queries.ts';
import { UsersPanel } from './users-panel.tsx';

type Tab = 'catalogue' | 'policy' | 'users' | 'keys' | 'panels';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="space-y-2">
      <h2 className="border-b-2 border-edge pb-0.5 text-base font-bold">{title}</h2>
      {children}
    </section>
  );
}

/**
 * Administration: the feature catalogue and the alarm policy (engineer and up), users, edge keys and
 * panel devices (admin). Tabs are plain buttons in a tab list (arrow keys not needed: Tab moves between them).
 */
export function AdminPage({ me, isAdmin, initialTab }: { me: Me; isAdmin: boolean; initialTab?: string }) {
  const tabs: [Tab, string][] = [['catalogue', 'Feature catalogue'], ['policy', 'Alarm policy'], ...(isAdmin ? ([['users', 'Users'], ['keys', 'Edge keys'], ['panels', 'Panel devices']] as [Tab, string][]) : [])];
  const [tab, setTab] = useState<Tab>(tabs.some(([t]) => t === initialTab) ? (initialTab as Tab) : 'catalogue');
  const plants = useCataloguePlants();
  const [plant, setPlant] = useState<string | null>(null);
  const chosen = plant ?? plants.data?.[0] ?? null;
  const global = me.scopes.some((s) => s.plant === '*' && !s.line);
  return (
    <div className="space-y-3">
      <div role="tablist" aria-label="Administration" className="flex gap-1 border-b border-edge">
        {tabs.map(([t, label]) => (
          <button key={t} role="tab" type="button" aria-selected={tab === t} onClick={() => setTab(t)}
            className={`rounded-t px-4 py-1.5 font-semibold ${tab === t ? 'bg-surface underline underline-offset-4' : 'hover:bg-surface'}`}>
            {label}
          </button>
        ))}
      </div>
      {tab === 'catalogue' && (
        <Section title="Feature catalogue">
          {plants.isError && <p role="alert">{plants.error.message}</p>}
          {plants.data && (
            <label className="flex items-center gap-2 text-sm font-semibold">Plant
              <select className="h-8 rounded border border-edge bg-white px-2" value={chosen ?? ''} onChange={(e) => setPlant(e.target.value)}>
                {plants.data.map((p) => <option key={p}>{p}</option>)}
              </select>
            </label>
          )}
          {chosen && <CatalogueEditor plant={chosen} />}
        </Section>
      )}
      {tab === 'policy' && <Section title="Alarm policy"><PolicyEditor plants={plants.data ?? []} global={global} /></Section>}
      {tab === 'users' && <Section title="Users and roles"><UsersPanel /></Section>}
      {tab === 'keys' && <Section title="Edge keys"><EdgeKeysPanel /></Section>}
      {tab === 'panels' && <Section title="Panel devices"><PanelsPanel /></Section>}
    </div>
  );
}
