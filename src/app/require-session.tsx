import { Navigate, Outlet, useLocation } from 'react-router';
import { useSession } from '../lib/session.ts';
import { FullScreenMessage } from './full-screen-message.tsx';

/** Guards the app: nobody signed in → the login page, coming back here afterwards. */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <FullScreenMessage>Connecting…</FullScreenMessage>;
  if (session.isError) return <FullScreenMessage retry={() => void session.refetch()}>{session.error.message}</FullScreenMessage>;
  if (!session.data) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  return <Outlet />;
}
