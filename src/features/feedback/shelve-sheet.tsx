import { createPortal } from 'react-dom';
import { useEffect, useId, useRef, useState } from 'react';
import type { Role } from '../../protocol/common.ts';
import type { ShelveLimits } from '../../protocol/shelving.ts';
import { SHELVE_REASONS, shelveDurations, type ShelveDuration } from './shelve-options.ts';

const chip = 'min-h-touch rounded-full border-2 px-5 text-lg short:px-3.5';
const on = 'border-ink bg-chrome text-ink-inverse';
const off = 'border-edge bg-surface active:bg-sunk';

/** Shelve with touch only: a duration within the role's limit and a reason, both as preset chips (in a portal, above everything). */
export function ShelveSheet({ role, limits, title, onShelve, onClose }: {
  role: Role; limits?: ShelveLimits | undefined; title: string; onShelve: (minutes: number | null, reason: string) => void; onClose: () => void;
}) {
  const durations = shelveDurations(role, limits);
  const [duration, setDuration] = useState<ShelveDuration | null>(null);
  const [reason, setReason] = useState<string | null>(null);
  const headingId = useId();
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    first.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return createPortal(
    <div className="fixed inset-0 z-20 flex items-end justify-center bg-ink/50 sm:items-center" onClick={onClose}>
      <div role="dialog" aria-modal="true" aria-labelledby={headingId} data-testid="shelve-sheet" onClick={(e) => e.stopPropagation()}
        className="flex max-h-full w-full max-w-3xl flex-col overflow-y-auto rounded-t-xl bg-surface px-5 pt-4 shadow-2xl sm:rounded-xl short:px-3 short:pt-2">
        <h2 id={headingId} className="text-2xl font-bold short:truncate short:text-xl">Shelve: {title}</h2>
        <p className="mt-1 text-lg text-ink-muted short:hidden">It stays visible to supervisors; an alert still active when the shelf ends comes back unacknowledged.</p>
        <h3 className="mt-4 text-lg font-semibold short:mt-1">For how long?</h3>
        <div className="mt-2 flex flex-wrap gap-2 short:mt-1 short:gap-1.5">
          {durations.map((d, i) => (
            <button key={d.label} ref={i === 0 ? first : undefined} type="button" aria-pressed={duration === d} onClick={() => setDuration(d)}
              className={`${chip} ${duration === d ? on : off}`}>{d.label}</button>
          ))}
        </div>
        <h3 className="mt-4 text-lg font-semibold short:mt-1">Why? (required)</h3>
        <div className="mt-2 flex flex-wrap gap-2 short:mt-1 short:gap-1.5">
          {SHELVE_REASONS.map((r) => (
            <button key={r} type="button" aria-pressed={reason === r} onClick={() => setReason(r)} className={`${chip} ${reason === r ? on : off}`}>{r}</button>
          ))}
        </div>
        <div className="sticky bottom-0 -mx-5 mt-4 flex flex-wrap justify-end gap-3 border-t-2 border-edge bg-surface px-5 py-3 short:-mx-3 short:mt-2 short:px-3 short:py-2">
          <button type="button" onClick={onClose} className="min-h-touch min-w-40 rounded-md bg-control px-6 text-lg font-bold active:bg-control-press">Cancel</button>
          <button type="button" disabled={!duration || !reason} data-testid="shelve-confirm"
            onClick={() => duration && reason && onShelve(duration.minutes, reason)}
            className="min-h-touch min-w-40 rounded-md bg-chrome px-6 text-lg font-bold text-ink-inverse active:bg-ink disabled:opacity-40">
            {duration && reason ? `Shelve ${duration.minutes === null ? 'until normal' : `for ${duration.label}`}` : 'Choose time and reason'}
          </button>
        </div>
      </div>
    </div>,
    document.body,
  );
}
