import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Me } from '../../protocol/session.ts';
import { sessionKey } from '../../lib/session.ts';
import { useNow } from '../../lib/use-now.ts';
import { useSignOutOperator } from './use-panel-session.ts';

/** "4:32": minutes and seconds left. */
export function formatLeft(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * When the identified operator falls back to viewer, ask the relay who this panel is now. Asks
 * again every 5 s while the relay still says "operator" (the clocks may differ a little).
 */
function useFallbackCheck(until: number | null) {
  const qc = useQueryClient();
  useEffect(() => {
    if (until === null) return;
    let repeat: ReturnType<typeof setInterval> | undefined;
    const check = () => void qc.invalidateQueries({ queryKey: sessionKey });
    const first = setTimeout(() => {
      check();
      repeat = setInterval(check, 5000);
    }, Math.max(0, until - Date.now()) + 300);
    return () => {
      clearTimeout(first);
      clearInterval(repeat);
    };
  }, [qc, until]);
}

const button = 'inline-flex min-h-touch shrink-0 items-center gap-2 rounded-md px-4 text-lg font-bold';

/**
 * On a panel: "Identify" while nobody is (viewer); otherwise who is identified, how long until the
 * panel falls back to viewer when nobody acts, and "Sign out operator".
 */
export function OperatorStatus({ me, onIdentify }: { me: Me; onIdentify: () => void }) {
  const now = useNow(1000);
  const until = me.panel?.operatorUntil ?? null;
  const signOut = useSignOutOperator();
  useFallbackCheck(until);
  if (!me.panel) return null;
  if (me.role === 'viewer' || until === null) {
    return (
      <button type="button" onClick={onIdentify} data-testid="identify" className={`${button} bg-ink-inverse text-ink active:bg-control`}>
        <BadgeIcon /> Identify
      </button>
    );
  }
  const left = until - now;
  const soon = left < 60_000;
  return (
    <>
      <p data-testid="operator" className="flex max-w-56 shrink-0 flex-col justify-center leading-tight">
        <span className="truncate text-lg font-bold"><span className="sr-only">Operator </span>{me.displayName}</span>
        <span data-testid="operator-idle" className={`text-base tabular-nums ${soon ? 'font-bold' : 'text-ink-inverse/80'}`}>
          <span className="short:hidden">idle sign-out </span><span className="sr-only">back to view-only without a command in </span>{formatLeft(left)}
        </span>
      </p>
      <button type="button" disabled={signOut.isPending} onClick={() => signOut.mutate()} data-testid="operator-sign-out"
        aria-label="Sign out operator" className={`${button} bg-ink-muted text-ink-inverse active:bg-ink disabled:opacity-60`}>
        Sign out<span className="short:hidden"> operator</span>
      </button>
    </>
  );
}

function BadgeIcon() {
  return (
    <svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2">
      <rect x="3" y="5" width="18" height="14" rx="2" />
      <circle cx="9" cy="11" r="2.5" />
      <path d="M5.5 16.5c.8-1.6 2-2.4 3.5-2.4s2.7.8 3.5 2.4M14.5 10h4M14.5 13.5h4" />
    </svg>
  );
}
