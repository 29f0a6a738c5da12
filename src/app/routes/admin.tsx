import { useSearchParams } from 'react-router';
import { AdminPage } from '../../features/admin/admin-page.tsx';
import { useSession } from '../../lib/session.ts';
import { hasRole, RequireRole } from './desk-layout.tsx';

/** `/admin?tab=`: catalogue and policy (engineer and up), users and edge keys (admin). */
export function AdminRoute() {
  const { data: me } = useSession();
  const [params] = useSearchParams();
  return (
    <RequireRole role="engineer">
      <main className="space-y-2 p-3">
        <h1 className="text-lg font-bold">Administration</h1>
        {me && <AdminPage me={me} isAdmin={hasRole(me.role, 'admin')} initialTab={params.get('tab') ?? undefined} />}
      </main>
    </RequireRole>
  );
}
