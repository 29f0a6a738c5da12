import type { PlantList } from '../../lib/plants.ts';

const select = 'h-8 rounded border border-edge bg-white px-2 text-sm';

/** Plant and line (or all lines) the dashboard covers. */
export function RoomPicker({ plants, plant, line, onChange }: { plants: PlantList; plant: string; line: string | null; onChange: (plant: string, line: string | null) => void }) {
  const lines = plants.find((p) => p.plant === plant)?.lines ?? [];
  return (
    <div className="flex items-center gap-2 text-sm">
      <label className="flex items-center gap-1 font-semibold">Plant
        <select className={select} value={plant} onChange={(e) => onChange(e.target.value, null)}>
          {plants.map((p) => <option key={p.plant} value={p.plant}>{p.plant}</option>)}
        </select>
      </label>
      <label className="flex items-center gap-1 font-semibold">Line
        <select className={select} value={line ?? ''} onChange={(e) => onChange(plant, e.target.value || null)}>
          <option value="">All lines</option>
          {lines.map((l) => <option key={l.line} value={l.line}>{l.title}</option>)}
        </select>
      </label>
    </div>
  );
}
