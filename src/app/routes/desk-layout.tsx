import { NavLink, Outlet, useNavigate } from 'react-router';
import { roleAtLeast, type Role } from '../../protocol/common.ts';
import { useSignOut } from '../../features/auth/use-sign-out.ts';
import { useSession } from '../../lib/session.ts';

/** Signed in with at least `needed` (the protocol's role rank, as the relay checks it). */
export const hasRole = (role: Role | undefined, needed: Role) => role !== undefined && roleAtLeast(role, needed);

const LINKS: { to: string; label: string; role: Role }[] = [
  { to: '/supervisor', label: 'Supervisor', role: 'supervisor' },
  { to: '/labels', label: 'Labels', role: 'supervisor' },
  { to: '/audit', label: 'Audit', role: 'supervisor' },
  { to: '/admin', label: 'Admin', role: 'engineer' },
];

/** A desk-sized sign-out (the panel's button is sized for gloves). */
function DeskSignOut() {
  const signOut = useSignOut();
  const navigate = useNavigate();
  return (
    <button type="button" disabled={signOut.isPending} className="rounded bg-bar px-3 py-1 font-semibold hover:bg-ink"
      onClick={() => signOut.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) })}>
      Sign out
    </button>
  );
}

/** Desk pages (dashboard, labels, audit, admin): a compact top bar with the pages this role may open. */
export function DeskLayout() {
  const { data: me } = useSession();
  return (
    <div className="min-h-full text-sm">
      <header className="sticky top-0 z-20 flex h-10 items-center gap-1 bg-chrome px-3 text-ink-inverse">
        <NavLink to="/" className="mr-3 rounded px-2 py-0.5 text-lg font-bold hover:bg-ink">Clearline</NavLink>
        <nav aria-label="Desk pages" className="flex gap-1">
          {LINKS.filter((l) => hasRole(me?.role, l.role)).map((l) => (
            <NavLink key={l.to} to={l.to} className={({ isActive }) => `rounded px-3 py-1 font-semibold hover:bg-ink ${isActive ? 'bg-ink underline underline-offset-4' : ''}`}>
              {l.label}
            </NavLink>
          ))}
          <a href="/api/docs" className="rounded px-3 py-1 font-semibold hover:bg-ink">API</a>
        </nav>
        <span className="ml-auto mr-2">{me ? `${me.displayName} · ${me.role}` : ''}</span>
        <DeskSignOut />
      </header>
      <Outlet />
    </div>
  );
}

/** A page for `role` and up; others are told which role it needs. */
export function RequireRole({ role, children }: { role: Role; children: React.ReactNode }) {
  const { data: me } = useSession();
  if (!hasRole(me?.role, role)) {
    return <main className="p-6"><p role="alert" className="text-lg font-semibold">This page needs the {role} role; you are signed in as {me?.role ?? 'nobody'}.</p></main>;
  }
  return <>{children}</>;
}
