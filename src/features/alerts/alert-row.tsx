import type { Alert } from '../../protocol/alert.ts';
import type { Catalogue } from '../../protocol/catalogue.ts';
import { formatDuration } from '../../lib/format.ts';
import { alertTitle } from './alert-title.ts';
import { PriorityBadge } from './priority.tsx';
import { needsAck, stateShort } from './state-words.ts';

export const ROW_HEIGHT = 72;

/** One line of the alert list; touching it shows the alert on the card. */
export function AlertRow({ alert, catalogue, now, grouped, selected, onSelect }: {
  alert: Alert; catalogue: Catalogue | undefined; now: number; grouped: number; selected: boolean; onSelect: (id: string) => void;
}) {
  const { what, where } = alertTitle(alert, catalogue);
  const extra = [alert.chattering ? `×${alert.annunciations}, chattering` : null, grouped ? `+${grouped} related` : null, alert.trust?.demoted ? 'often false' : null].filter(Boolean);
  return (
    <button type="button" data-testid="alert-row" data-alert-id={alert.id} aria-pressed={selected} onClick={() => onSelect(alert.id)}
      style={{ height: ROW_HEIGHT }}
      className={`flex w-full items-center gap-4 border-b border-edge px-4 text-left text-lg active:bg-sunk ${selected ? 'bg-sunk' : 'bg-surface'}`}>
      <PriorityBadge priority={alert.priority} flashing={needsAck(alert)} />
      <span className="min-w-0 flex-1 truncate" title={`${what} — ${where}`}>
        <b><bdi>{what}</bdi></b> — <bdi>{where}</bdi>
        {extra.length > 0 && <span className="text-ink-muted"> ({extra.join(', ')})</span>}
      </span>
      <span className="w-36 shrink-0 text-ink-muted">{stateShort(alert)}</span>
      <span className="w-20 shrink-0 text-right tabular-nums">{formatDuration(now - (alert.annunciatedAt ?? alert.raisedAt))}</span>
      <span aria-hidden="true" className="text-2xl text-ink-muted">▸</span>
    </button>
  );
}
