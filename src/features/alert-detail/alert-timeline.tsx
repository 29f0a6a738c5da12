import type { AlertTimeline } from '../../protocol/history.ts';
import { assetName, labelTitle, lineName, useCatalogue } from '../../lib/catalogue.ts';
import { DeskTable } from '../../lib/desk-table.tsx';
import { formatDuration, formatNumber, isolate } from '../../lib/format.ts';
import { PriorityChip } from '../../lib/priority-chip.tsx';
import { ScoreChart } from './score-chart.tsx';

const when = (ms: number | null) => (ms === null ? '—' : new Date(ms).toLocaleString('en-GB', { day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' }));
const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-semibold uppercase text-ink-muted">{label}</dt>
      <dd className="tabular-nums">{children}</dd>
    </div>
  );
}

/** One alert's whole story: facts, the score around it, every change with who and why, and its labels. */
export function AlertTimelineView({ t }: { t: AlertTimeline }) {
  const a = t.alert;
  const cat = useCatalogue(a.plant).data;
  const end = a.clearedAt ?? a.lastAt;
  return (
    <div className="space-y-3" data-testid="alert-timeline">
      <header className="flex flex-wrap items-center gap-3">
        <PriorityChip priority={a.priority} />
        <h1 className="text-xl font-bold wrap-anywhere"><bdi>{labelTitle(cat, a.label)}</bdi> — <bdi>{assetName(cat, a.asset)}</bdi></h1>
        <span className="text-ink-muted"><bdi>{lineName(cat, a.line)}</bdi> · {a.plant}</span>
        <code className="ml-auto text-xs text-ink-muted">{a.id}</code>
      </header>
      <dl className="grid grid-cols-4 gap-2 rounded-md border border-edge bg-surface p-2 text-sm xl:grid-cols-8">
        <Fact label="state">{a.state.replace(/_/g, ' ')}</Fact>
        <Fact label="raised">{when(a.raisedAt)}</Fact>
        <Fact label="annunciated">{when(a.annunciatedAt)}</Fact>
        <Fact label="ended">{when(a.clearedAt)}</Fact>
        <Fact label="lasted">{formatDuration(end - a.raisedAt)}</Fact>
        <Fact label="results · annunciations">{a.count} · {a.annunciations}</Fact>
        <Fact label="peak score">{formatNumber(a.peak.score)} / {formatNumber(a.peak.threshold)}</Fact>
        <Fact label="model"><bdi>{a.model.name}</bdi> <bdi>{a.model.version}</bdi></Fact>
        <Fact label="held back">{a.suppression ? a.suppression.replace(/_/g, ' ') : 'no'}{a.chattering ? ' · chattering' : ''}</Fact>
        <Fact label="priority">{a.priority}{a.suggestedPriority !== a.priority ? ` (suggested ${a.suggestedPriority})` : ''}</Fact>
        <Fact label="trust">{a.trust ? `${a.trust.confirmed} confirmed, ${a.trust.falseAlarm} false, ${a.trust.unsure} unsure${a.trust.demoted ? ' · DEMOTED' : ''}` : 'no answers'}</Fact>
        <Fact label="shelf">{a.shelf ? `${a.shelf.by}: ${isolate(a.shelf.reason)}${a.shelf.until ? ` until ${when(a.shelf.until)}` : ' (one-shot)'}` : '—'}</Fact>
      </dl>
      <figure className="rounded-md border border-edge bg-surface p-2">
        <figcaption className="text-sm font-bold uppercase tracking-wide text-ink-muted">
          Results ({t.resultsTotal}{t.resultsSampled ? `, ${t.results.length} shown evenly` : ''}) — shaded: the alert’s active span
        </figcaption>
        <ScoreChart results={t.results} from={a.raisedAt} to={end} />
      </figure>
      <div className="grid gap-2 xl:grid-cols-2">
        <DeskTable title="Timeline" csvName="alert-timeline" rows={t.changes} rowKey={(c) => String(c.seq)} testId="timeline"
          note={t.updates ? `${t.updates} count-only updates are not listed.` : undefined}
          columns={[
            { title: 'time', value: (c) => iso(c.at), cell: (c) => <span className="whitespace-nowrap">{when(c.at)}</span> },
            { title: 'what', value: (c) => c.kind, cell: (c) => c.kind.replace(/_/g, ' ') },
            { title: 'state', value: (c) => c.state, cell: (c) => c.state.replace(/_/g, ' ') },
            { title: 'priority', value: (c) => c.priority },
            { title: 'who', value: (c) => c.by ?? 'engine', cell: (c) => c.by ?? <span className="text-ink-muted">engine</span> },
            { title: 'why', value: (c) => c.reason ?? c.suppression ?? '', cell: (c) => c.reason ?? (c.suppression ? `held back: ${c.suppression.replace(/_/g, ' ')}` : '') },
          ]} />
        <DeskTable title="Labels (every version)" csvName="alert-labels" rows={t.labels} rowKey={(l) => l.id} testId="alert-labels" empty="No operator answer yet."
          columns={[
            { title: 'version', value: (l) => l.version, align: 'right' },
            { title: 'answer', value: (l) => l.answer, cell: (l) => l.answer.replace(/_/g, ' ') },
            { title: 'reasons', value: (l) => l.reasons.join(';'), cell: (l) => l.reasons.join(', ').replace(/_/g, ' ') },
            { title: 'note', value: (l) => l.note ?? '' },
            { title: 'by', value: (l) => `${l.by.user} (${l.by.role})` },
            { title: 'when', value: (l) => iso(l.at), cell: (l) => when(l.at) },
            { title: 'alert state', value: (l) => l.alertState },
          ]} />
      </div>
    </div>
  );
}
