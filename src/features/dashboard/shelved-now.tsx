import { Link } from 'react-router';
import type { Catalogue } from '../../protocol/catalogue.ts';
import type { ShelvedKey } from '../../protocol/kpi.ts';
import { DeskTable } from '../../lib/desk-table.tsx';
import { PriorityChip } from '../../lib/priority-chip.tsx';
import { keyName } from './names.ts';

const when = (ms: number) => new Date(ms).toLocaleString('en-GB', { day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit' });

/** Shelves in force now: who shelved what, why, until when, and an Unshelve button. */
export function ShelvedNow({ shelved, catalogue, onUnshelve, busy }: { shelved: ShelvedKey[]; catalogue: Catalogue | undefined; onUnshelve: (s: ShelvedKey) => void; busy: boolean }) {
  return (
    <DeskTable title="Shelved now" csvName="shelved" rows={shelved} rowKey={(s) => s.alertId} testId="shelved-now" empty="No alert is shelved."
      columns={[
        { title: 'alert', value: (s) => s.alertId, cell: (s) => <Link className="underline" to={`/alerts/${encodeURIComponent(s.alertId)}`}>{keyName(s.key, catalogue)}</Link> },
        { title: 'priority', value: (s) => s.priority, cell: (s) => <PriorityChip priority={s.priority} /> },
        { title: 'by', value: (s) => s.by },
        { title: 'why', value: (s) => s.reason },
        { title: 'since', value: (s) => new Date(s.at).toISOString(), cell: (s) => when(s.at) },
        {
          title: 'until', value: (s) => (s.until ? new Date(s.until).toISOString() : 'one-shot'),
          cell: (s) => (s.until ? <>{when(s.until)}{s.ended && <span className="block text-xs text-ink-muted">alert ended; holds its key</span>}</> : 'next return to normal'),
        },
        {
          title: 'action', value: () => '',
          cell: (s) => (
            <button type="button" disabled={busy} onClick={() => onUnshelve(s)} data-testid="unshelve"
              className="rounded border border-ink bg-control px-2 py-0.5 text-xs font-semibold hover:bg-control-press disabled:opacity-50">
              Unshelve
            </button>
          ),
        },
      ]} />
  );
}
