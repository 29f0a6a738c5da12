import { useEffect, useRef } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import type { Me } from '../../protocol/session.ts';
import { PanelLoginForm, panelSignInError } from '../../features/auth/panel-login-form.tsx';
import { usePanelSignIn } from '../../features/auth/use-panel-session.ts';
import { useSession } from '../../lib/session.ts';
import { panelPath } from '../paths.ts';

/**
 * `/panel-login`: signs this device in as the panel of one line, with the token from the link
 * (`?token=clp_…`, used once and dropped from the address) or pasted by the administrator, then
 * opens that line's panel.
 */
export function PanelLoginRoute() {
  const [params] = useSearchParams();
  const token = params.get('token');
  const navigate = useNavigate();
  const session = useSession();
  const signIn = usePanelSignIn();
  const tried = useRef(false);
  const open = (me: Me) => void navigate(me.panel ? panelPath(me.panel) : '/', { replace: true });

  useEffect(() => {
    if (!token || tried.current) return;
    tried.current = true;
    signIn.mutate(token, {
      onSuccess: open,
      // Keep the token out of the address bar and history once it has been tried.
      onError: () => void navigate('/panel-login', { replace: true }),
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per token in the address
  }, [token]);

  if (!token && !signIn.isError && session.data?.panel) return <Navigate to={panelPath(session.data.panel)} replace />;
  const busy = !!token && !signIn.isError;
  return (
    <main className="grid min-h-full place-items-center p-6">
      <div className="flex w-full max-w-xl flex-col items-center gap-6">
        <h1 className="text-3xl font-bold tracking-tight">Clearline · panel set-up</h1>
        {busy ? (
          <p role="status" className="text-2xl font-semibold">Signing this panel in…</p>
        ) : (
          <>
            <p className="text-lg">
              Signs this screen in as the panel of one line. Operators then identify on it with badge and PIN.
            </p>
            <PanelLoginForm onSignedIn={open} initialError={signIn.error ? panelSignInError(signIn.error) : null} />
          </>
        )}
      </div>
    </main>
  );
}
