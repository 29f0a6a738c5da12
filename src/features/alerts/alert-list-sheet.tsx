import { createPortal } from 'react-dom';
import type { ReactNode } from 'react';

/** The full alert list over the card (short screens), with a large close button. */
export function AlertListSheet({ count, onClose, children }: { count: number; onClose: () => void; children: ReactNode }) {
  return createPortal(
    <div role="dialog" aria-modal="true" aria-label="All alerts" className="fixed inset-0 z-10 flex flex-col bg-panel">
      <div className="flex items-center gap-3 bg-chrome px-2 py-1 text-ink-inverse">
        <h2 className="flex-1 px-2 text-xl font-bold">Other alerts ({count})</h2>
        <button type="button" onClick={onClose} autoFocus className="min-h-touch min-w-32 rounded-md bg-ink-muted px-4 text-lg font-bold active:bg-ink">
          Close
        </button>
      </div>
      <div className="flex min-h-0 flex-1 flex-col p-1">{children}</div>
    </div>,
    document.body,
  );
}
