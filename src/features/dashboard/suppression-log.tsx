import { Link } from 'react-router';
import type { Catalogue } from '../../protocol/catalogue.ts';
import type { SuppressionLog } from '../../protocol/kpi.ts';
import { DeskTable } from '../../lib/desk-table.tsx';
import { PriorityChip } from '../../lib/priority-chip.tsx';
import { keyName, kindName, reasonName } from './names.ts';

const when = (ms: number) => new Date(ms).toLocaleString('en-GB', { day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** Everything not annunciated or taken off a console: what, why, who, until when (newest first). */
export function SuppressionLogTable({ log, catalogue }: { log: SuppressionLog; catalogue: Catalogue | undefined }) {
  return (
    <DeskTable title="Suppression log" csvName="suppression-log" rows={log.entries} rowKey={(e) => String(e.seq)} testId="suppression-log"
      note={log.truncated ? 'Showing the newest 500 entries; narrow the range or export for more.' : undefined}
      empty="Nothing was held back, shelved or taken out of service in this range."
      columns={[
        { title: 'time', value: (e) => new Date(e.at).toISOString(), cell: (e) => <span className="whitespace-nowrap tabular-nums">{when(e.at)}</span> },
        { title: 'what', value: (e) => e.kind, cell: (e) => kindName(e.kind) },
        { title: 'alert', value: (e) => e.alertId, cell: (e) => <Link className="underline" to={`/alerts/${encodeURIComponent(e.alertId)}`} title={e.alertId}>{keyName(e.key, catalogue)}</Link> },
        { title: 'priority', value: (e) => e.priority, cell: (e) => <PriorityChip priority={e.priority} /> },
        { title: 'why', value: (e) => e.reason, cell: (e) => (e.kind === 'suppressed' || e.kind === 'released' ? reasonName(e.reason) : (e.reason ?? '—')) },
        { title: 'by', value: (e) => e.by ?? 'engine', cell: (e) => e.by ?? <span className="text-ink-muted">engine</span> },
        { title: 'until', value: (e) => (e.until ? new Date(e.until).toISOString() : ''), cell: (e) => (e.until ? when(e.until) : e.kind === 'shelved' ? 'next return to normal' : '') },
      ]} />
  );
}
