import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatClock } from '../../lib/format.ts';
import { useNow } from '../../lib/use-now.ts';
import { ConnectionBanner } from './connection-banner.tsx';

/**
 * The panel's top bar: which line, connection state, clock, who is signed in, and controls. A
 * panel device is bound to its line, so its title is not a way to another line (`fixedLine`).
 */
export function PanelHeader({ title, who, controls, after, fixedLine = false }: {
  title: string; who?: ReactNode; controls?: ReactNode; after?: ReactNode; fixedLine?: boolean;
}) {
  const now = useNow(1000);
  const name = 'flex min-h-touch min-w-0 shrink items-center rounded-md px-2 text-2xl font-bold short:text-xl';
  // On a narrow header (800×480 with the "reconnecting" banner) the line's name wraps to two lines rather than being cut.
  const fit = 'truncate short:line-clamp-2 short:whitespace-normal short:leading-tight';
  return (
    <header className="flex items-center gap-x-3 bg-chrome px-2 py-1 text-ink-inverse short:gap-x-2 short:py-0">
      {fixedLine
        ? <h1 className={name}><bdi className={fit} title={title}>{title}</bdi></h1>
        : <Link to="/" className={`${name} active:bg-ink`} aria-label={`${title}: choose another line`}><bdi className={fit} title={title}>{title}</bdi></Link>}
      <ConnectionBanner />
      <span className="hidden text-xl font-semibold tabular-nums lg:inline" aria-label="time">{formatClock(now)}</span>
      <span className="ml-auto" />
      {/* Controls first: the sound button changes width (the first touch enables sound), and what is
          to its right must not move under a finger between touch-down and click. */}
      {controls}
      {typeof who === 'string' ? <span className="hidden truncate text-lg lg:inline">{who}</span> : who}
      {after}
    </header>
  );
}
