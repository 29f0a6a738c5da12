import { useId, useState, type FormEvent } from 'react';
import type { Me } from '../../protocol/session.ts';
import { messageDetail } from '../../protocol/refusal.ts';
import { ApiError } from '../../lib/api.ts';
import { usePanelSignIn } from './use-panel-session.ts';

const field = 'mt-2 block h-touch w-full rounded-md border-2 border-edge bg-white px-4 font-mono text-lg text-ink focus:border-ink';

export function panelSignInError(err: Error): string {
  if (err instanceof ApiError && err.status === 401) return 'This panel token is not valid (unknown or revoked). Ask an administrator for a new one.';
  if (err instanceof ApiError && err.status === 429) return `Too many wrong tokens: ${messageDetail(err.message)}.`;
  if (err instanceof ApiError && err.status === 400) return 'That does not look like a panel token (it starts with clp_).';
  return err.message;
}

/**
 * One-time set-up of a panel by an administrator: paste the device token (a keyboard is fine
 * here; operators never see this form). Usually the token comes in the link and this is skipped.
 */
export function PanelLoginForm({ onSignedIn, initialError }: { onSignedIn: (me: Me) => void; initialError?: string | null }) {
  const signIn = usePanelSignIn();
  const [token, setToken] = useState('');
  const id = useId();
  const errId = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const t = token.trim();
    if (t) signIn.mutate(t, { onSuccess: onSignedIn });
  };
  const error = signIn.error ? panelSignInError(signIn.error) : initialError ?? null;
  return (
    <form onSubmit={submit} className="w-full space-y-6" aria-describedby={error ? errId : undefined}>
      <div>
        <label htmlFor={id} className="text-lg font-semibold">Panel device token</label>
        <input id={id} name="token" autoComplete="off" autoCapitalize="none" spellCheck={false} placeholder="clp_…"
          value={token} onChange={(e) => setToken(e.target.value)} className={field} required minLength={10} maxLength={200} />
      </div>
      {error && <p id={errId} role="alert" className="rounded-md border-2 border-ink bg-surface px-4 py-3 text-lg font-semibold">{error}</p>}
      <button type="submit" disabled={signIn.isPending} className="h-touch w-full rounded-md bg-chrome text-xl font-bold text-ink-inverse active:bg-ink disabled:opacity-60">
        {signIn.isPending ? 'Signing the panel in…' : 'Sign this panel in'}
      </button>
    </form>
  );
}
