import { Link, Navigate } from 'react-router';
import { PlantLines } from '../../features/panel/line-chooser.tsx';
import { SignOutButton } from '../../features/auth/sign-out-button.tsx';
import { usePlants } from '../../lib/plants.ts';
import { useSession } from '../../lib/session.ts';
import { panelPath } from '../paths.ts';

/** `/`: choose the line whose panel this screen shows (a panel device goes straight to its line). */
export function HomeRoute() {
  const { data: me } = useSession();
  const plants = usePlants();
  if (!me) return null;
  if (me.panel) return <Navigate to={panelPath(me.panel)} replace />;
  return (
    <div className="min-h-full">
      <header className="flex items-center justify-between gap-4 bg-chrome px-6 py-2 text-ink-inverse">
        <h1 className="text-2xl font-bold">Clearline · choose a line</h1>
        <div className="flex items-center gap-4">
          {me.role !== 'viewer' && me.role !== 'operator' && (
            <Link to="/supervisor" className="flex min-h-touch items-center rounded-md bg-ink-muted px-5 text-lg font-semibold text-ink-inverse">
              Supervisor dashboard
            </Link>
          )}
          <span className="text-lg">{me.displayName} ({me.role})</span>
          <SignOutButton className="bg-ink-muted text-ink-inverse active:bg-ink" />
        </div>
      </header>
      <main className="space-y-8 p-6">
        {plants.isPending && <p role="status" className="text-xl">Loading plants…</p>}
        {plants.isError && <p role="alert" className="text-xl font-semibold">{plants.error.message}</p>}
        {plants.data?.length === 0 && <p className="text-xl">Your account has no plant or line yet. Ask an administrator.</p>}
        {plants.data?.map((p) => <PlantLines key={p.plant} plant={p.plant} lines={p.lines} />)}
      </main>
    </div>
  );
}
