import { PlantLines } from '../../features/panel/line-chooser.tsx';
import { scopePlants } from '../../features/panel/scope-plants.ts';
import { SignOutButton } from '../../features/auth/sign-out-button.tsx';
import { useSession } from '../../lib/session.ts';

/** `/`: choose the line whose panel this screen shows. */
export function HomeRoute() {
  const { data: me } = useSession();
  if (!me) return null;
  const plants = [...scopePlants(me.scopes)];
  return (
    <div className="min-h-full">
      <header className="flex items-center justify-between gap-4 bg-chrome px-6 py-2 text-ink-inverse">
        <h1 className="text-2xl font-bold">Clearline · choose a line</h1>
        <div className="flex items-center gap-4">
          <span className="text-lg">{me.displayName} ({me.role})</span>
          <SignOutButton className="bg-ink-muted text-ink-inverse active:bg-ink" />
        </div>
      </header>
      <main className="space-y-8 p-6">
        {plants.length === 0 && <p className="text-xl">Your account has no plant or line yet. Ask an administrator.</p>}
        {plants.map(([plant, only]) => <PlantLines key={plant} plant={plant} only={only} />)}
      </main>
    </div>
  );
}
