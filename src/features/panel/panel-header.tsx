import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatClock } from '../../lib/format.ts';
import { useNow } from '../../lib/use-now.ts';
import { ConnectionBanner } from './connection-banner.tsx';

/** The panel's top bar: which line, connection state, clock, who is signed in, and controls. */
export function PanelHeader({ title, who, controls }: { title: string; who: string; controls?: ReactNode }) {
  const now = useNow(1000);
  return (
    <header className="flex items-center gap-x-3 bg-chrome px-2 py-1 text-ink-inverse short:py-0">
      <Link to="/" className="flex min-h-touch min-w-0 shrink items-center truncate rounded-md px-2 text-2xl font-bold active:bg-ink short:text-xl" aria-label={`${title}: choose another line`}>
        {title}
      </Link>
      <ConnectionBanner />
      <span className="hidden text-xl font-semibold tabular-nums lg:inline" aria-label="time">{formatClock(now)}</span>
      <span className="ml-auto hidden truncate text-lg lg:inline">{who}</span>
      <span className="ml-auto lg:hidden" />
      {controls}
    </header>
  );
}
