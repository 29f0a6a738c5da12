import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { LoginForm } from '../../features/auth/login-form.tsx';
import { useSession } from '../../lib/session.ts';

/** Only same-app paths may follow a sign-in (no open redirect). */
function safeNext(raw: string | null): string {
  return raw && raw.startsWith('/') && !raw.startsWith('//') && !raw.startsWith('/login') ? raw : '/';
}

export function LoginRoute() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const session = useSession();
  const next = safeNext(params.get('next'));
  if (session.data) return <Navigate to={next} replace />;
  return (
    <main className="grid min-h-full place-items-center p-6">
      <div className="flex w-full max-w-md flex-col items-center gap-8">
        <h1 className="text-3xl font-bold tracking-tight">Clearline</h1>
        <LoginForm onSignedIn={() => void navigate(next, { replace: true })} />
      </div>
    </main>
  );
}
