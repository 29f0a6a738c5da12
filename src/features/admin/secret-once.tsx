import type { ReactNode } from 'react';

const button = 'h-8 rounded border border-ink bg-control px-3 text-sm font-semibold hover:bg-control-press disabled:opacity-50';

/**
 * A secret the relay shows exactly once (a new edge key, a panel device token): what it is for, the
 * secret to select or copy, and Done. Only its slow hash is kept, so it cannot be shown again.
 */
export function SecretShownOnce({ title, secret, testId, onDone }: { title: ReactNode; secret: string; testId: string; onDone: () => void }) {
  return (
    <div role="status" className="rounded-md border-2 border-ink bg-white p-2">
      <p className="font-semibold">{title}</p>
      <div className="mt-1 flex items-center gap-2">
        <code className="select-all break-all rounded bg-sunk px-2 py-1" data-testid={testId}>{secret}</code>
        <button type="button" className={button} onClick={() => void navigator.clipboard?.writeText(secret)}>Copy</button>
        <button type="button" className={button} onClick={onDone}>Done</button>
      </div>
    </div>
  );
}
