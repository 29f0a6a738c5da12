import type { ReactNode } from 'react';
import type { Alert } from '../../protocol/alert.ts';
import type { Catalogue } from '../../protocol/catalogue.ts';
import { formatClock, formatDuration, formatNumber } from '../../lib/format.ts';
import { alertTitle } from './alert-title.ts';
import { ContributionBars } from './contribution-bars.tsx';
import { explain, sentence } from './explain.ts';
import { PeakAndNow } from './peak-and-now.tsx';
import { PriorityBadge } from './priority.tsx';
import { needsAck, stateWord, trustLine } from './state-words.ts';

interface Props {
  alert: Alert;
  catalogue: Catalogue | undefined;
  now: number;
  /** Other alerts folded into this one's group. */
  grouped?: number;
  /** The answer/acknowledge/shelve buttons (from the feedback feature). */
  actions?: ReactNode;
  /** Shown at the top right, e.g. "back to the most important". */
  corner?: ReactNode;
  /** The trend of the top features around the start (it loads its own data); peak-and-now values without it. */
  trend?: ReactNode;
}

/** Names up to this long are kept on one line in the title. */
const SHORT_NAME = 32;

/** The explainable alert card: what, where, how sure, why, what now — without a click. */
export function AlertCard({ alert, catalogue, now, grouped = 0, actions, corner, trend }: Props) {
  const { what, where } = alertTitle(alert, catalogue);
  // Active: explain the latest result; after return to normal: the peak that made it fire.
  const shown = alert.active ? alert.last : alert.peak;
  const why = explain(shown, catalogue);
  const trust = trustLine(alert);
  const action = catalogue?.actions[alert.label];
  const since = alert.annunciatedAt ?? alert.raisedAt;
  return (
    <article data-testid="alert-card" data-alert-id={alert.id} data-state={alert.state} aria-labelledby={`card-${alert.id}`}
      className="flex flex-col gap-2 rounded-lg border-2 border-edge bg-surface px-4 pt-3 short:gap-1 short:px-3 short:pt-2">
      <header className="flex flex-wrap items-center gap-x-4 gap-y-1">
        <PriorityBadge priority={alert.priority} flashing={needsAck(alert)} large />
        <h2 id={`card-${alert.id}`} title={`${what} — ${where}`}
          className="min-w-0 flex-1 text-2xl font-bold leading-tight wrap-anywhere short:truncate short:text-xl">
          {/* A usual asset name stays on one line; a long one may break (anywhere, if it has to). */}
          <bdi>{what}</bdi> <span className="font-semibold text-ink-muted">—</span> <bdi className={where.length <= SHORT_NAME ? 'whitespace-nowrap' : ''}>{where}</bdi>
        </h2>
        <p className="text-lg tabular-nums">
          <span className="short:hidden">since {formatClock(since)} </span>
          <span className="text-ink-muted short:text-ink">({formatDuration(now - since)})</span>
        </p>
        {corner}
      </header>
      {/* Names in the sentence are isolated (explain.ts); a word longer than the card breaks anywhere. */}
      <p className="text-xl font-semibold wrap-anywhere short:text-lg" data-testid="alert-sentence">“{sentence(why)}”</p>
      <p className="flex flex-wrap gap-x-3 text-lg text-ink-muted wrap-anywhere short:flex-nowrap short:overflow-hidden short:whitespace-nowrap" data-testid="alert-meta">
        <span className="font-semibold text-ink">{stateWord(alert)}</span>
        <span>score <b className="text-ink tabular-nums">{formatNumber(shown.score)}</b> / threshold {formatNumber(shown.threshold)}</span>
        {alert.chattering && <span className="font-semibold text-ink">· chattering ×{alert.annunciations}</span>}
        {grouped > 0 && <span className="font-semibold text-ink">· +{grouped} related on this asset</span>}
        {trust && <span className={alert.trust?.demoted ? 'font-semibold text-ink' : ''}>· {trust}</span>}
        <span>· <bdi>{alert.model.name}</bdi> <bdi>{alert.model.version}</bdi></span>
        <span>· {alert.count} results</span>
      </p>
      <div className="grid gap-x-6 gap-y-2 sm:grid-cols-[minmax(0,1fr)_17rem] lg:grid-cols-[minmax(0,3fr)_minmax(18rem,2fr)]">
        <section aria-label="Why">
          <h3 className="sr-only">Why ({alert.active ? 'latest result' : 'peak result'})</h3>
          <ContributionBars why={why} />
          {why.unbalanced && <p className="text-base text-ink-muted">The contributions do not add up to the score: the model’s explanation is approximate.</p>}
        </section>
        <aside className="min-w-0">
          {trend ?? <PeakAndNow alert={alert} catalogue={catalogue} />}
        </aside>
      </div>
      {action && <p className="text-lg wrap-anywhere"><b>Suggested action:</b> <bdi>{action}</bdi></p>}
      {actions && (
        <div className="sticky bottom-0 -mx-4 border-t-2 border-edge bg-surface px-4 py-2 short:-mx-3 short:px-3">
          {actions}
        </div>
      )}
    </article>
  );
}
