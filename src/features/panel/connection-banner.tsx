import { useConnection, type ConnectionState } from '../../lib/connection.ts';
import { formatDuration } from '../../lib/format.ts';
import { useNow } from '../../lib/use-now.ts';
import { SHORT_SCREEN, useMediaQuery } from '../../lib/use-media-query.ts';

/** The banner's words; `short` for 800×480 panels, where the header has little room. */
export function connectionText(c: ConnectionState, now: number, short = false): string {
  const queued = !c.queued ? '' : short ? ` · ${c.queued} queued` : ` · ${c.queued} answer${c.queued === 1 ? '' : 's'} waiting to send`;
  switch (c.status) {
    case 'live': return `LIVE${queued}`;
    case 'connecting': return `Connecting…${queued}`;
    case 'refused': return `Not allowed: ${c.detail ?? 'refused by the relay'}`;
    case 'reconnecting':
      return `Reconnecting · ${c.staleSince === null ? 'no data yet' : `data ${formatDuration(now - c.staleSince)} old`}${queued}`;
  }
}

/** Always visible: live, reconnecting with the age of the data, or refused. */
export function ConnectionBanner() {
  const c = useConnection();
  const now = useNow(1000);
  const short = useMediaQuery(SHORT_SCREEN);
  const live = c.status === 'live';
  return (
    <p data-testid="connection-banner" data-status={c.status} role="status" aria-live="polite"
      className={`inline-flex min-h-12 shrink-0 items-center gap-2 whitespace-nowrap rounded-md px-4 text-lg short:px-3 font-bold tabular-nums ${live ? 'text-ink-inverse' : 'bg-ink-inverse text-ink ring-4 ring-ink'}`}>
      <span aria-hidden="true" className={`inline-block size-3.5 rounded-full ${live ? 'bg-ink-inverse' : 'border-2 border-ink motion-safe:animate-pulse'}`} />
      {connectionText(c, now, short)}
    </p>
  );
}
