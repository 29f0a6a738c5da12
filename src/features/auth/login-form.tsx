import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../../lib/api.ts';
import { useSignIn } from './use-sign-in.ts';

const field = 'mt-2 block h-touch w-full rounded-md border-2 border-edge bg-white px-4 text-xl text-ink focus:border-ink';

/** Large, glove-friendly sign-in form. */
export function LoginForm({ onSignedIn }: { onSignedIn: () => void }) {
  const signIn = useSignIn();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const userId = useId();
  const passId = useId();
  const errId = useId();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!username || !password) return;
    signIn.mutate({ username: username.trim(), password }, { onSuccess: onSignedIn });
  };

  const error = signIn.error
    ? signIn.error instanceof ApiError && signIn.error.status === 401
      ? 'Wrong user name or password.'
      : signIn.error.message
    : null;

  return (
    <form onSubmit={submit} className="w-full max-w-md space-y-6" aria-describedby={error ? errId : undefined}>
      <div>
        <label htmlFor={userId} className="text-lg font-semibold">User name</label>
        <input id={userId} name="username" autoComplete="username" autoCapitalize="none" spellCheck={false}
          value={username} onChange={(e) => setUsername(e.target.value)} className={field} required />
      </div>
      <div>
        <label htmlFor={passId} className="text-lg font-semibold">Password</label>
        <input id={passId} name="password" type="password" autoComplete="current-password"
          value={password} onChange={(e) => setPassword(e.target.value)} className={field} required />
      </div>
      {error && (
        <p id={errId} role="alert" className="rounded-md border-2 border-ink bg-surface px-4 py-3 text-lg font-semibold">
          {error}
        </p>
      )}
      <button type="submit" disabled={signIn.isPending}
        className="h-touch w-full rounded-md bg-chrome text-xl font-bold text-ink-inverse active:bg-ink disabled:opacity-60">
        {signIn.isPending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
