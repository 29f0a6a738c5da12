import { useSearchParams } from 'react-router';
import { RoomPicker } from '../../features/dashboard/room-picker.tsx';
import { SECTIONS, SupervisorDashboard } from '../../features/dashboard/supervisor-dashboard.tsx';
import { usePlants } from '../../lib/plants.ts';
import { RangePicker } from '../../lib/range-picker.tsx';
import { rangeFromParams, resolveRange, type RangeChoice } from '../../lib/time-range.ts';
import { useNow } from '../../lib/use-now.ts';
import { RequireRole } from './desk-layout.tsx';

/** `/supervisor?plant=&line=&range=`: the supervisor dashboard; everything it shows is in the URL. */
export function SupervisorRoute() {
  return (
    <RequireRole role="supervisor">
      <Supervisor />
    </RequireRole>
  );
}

function Supervisor() {
  const [params, setParams] = useSearchParams();
  const plants = usePlants();
  const now = useNow(15_000);
  const list = plants.data ?? [];
  const plant = params.get('plant') ?? list[0]?.plant ?? '';
  const line = params.get('line') || null;
  const choice = rangeFromParams(params, '8h');
  const range = resolveRange(choice, now);
  const update = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) if (v === null) next.delete(k); else next.set(k, v);
    setParams(next, { replace: true });
  };
  const setRange = (c: RangeChoice) => update(c.preset === 'custom' ? { range: 'custom', from: String(c.from), to: String(c.to) } : { range: c.preset, from: null, to: null });

  return (
    <main className="space-y-3 p-3">
      <div className="sticky top-10 z-10 -mx-3 flex flex-wrap items-center gap-x-4 gap-y-1 border-b border-edge bg-panel px-3 py-1.5">
        <h1 className="text-lg font-bold">Supervisor</h1>
        {list.length > 0 && <RoomPicker plants={list} plant={plant} line={line} onChange={(p, l) => update({ plant: p, line: l })} />}
        <RangePicker value={choice} onChange={setRange} now={now} />
        <span className="text-xs" data-testid="range-state">
          {range.live ? <><strong>LIVE</strong> · refreshes every 15 s</> : 'fixed range'} · {new Date(range.from).toLocaleString('en-GB')} – {new Date(range.to).toLocaleString('en-GB')}
        </span>
        <nav aria-label="Sections" className="ml-auto flex gap-2 text-xs">
          {SECTIONS.map(([id, label]) => <a key={id} href={`#${id}`} className="underline">{label}</a>)}
        </nav>
      </div>
      {plants.isError && <p role="alert" className="font-semibold">{plants.error.message}</p>}
      {plants.data && list.length === 0 && <p className="text-lg">No plant in your scope has a catalogue yet.</p>}
      {plant && (
        <SupervisorDashboard key={`${plant}/${line}`} now={now} lines={list.find((p) => p.plant === plant)?.lines ?? []}
          view={{ plant, line, from: range.from, to: range.to, live: range.live }} />
      )}
    </main>
  );
}
