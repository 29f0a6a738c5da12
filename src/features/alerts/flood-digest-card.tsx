import { PriorityShape } from './priority.tsx';

/** In flood, held-back low/medium alerts show as this one card (high/critical still come one by one). */
export function FloodDigestCard({ count, lineName }: { count: number; lineName: string }) {
  return (
    <div data-testid="flood-digest" role="status"
      className="flex min-h-touch items-center gap-4 border-b-2 border-edge bg-sunk px-4 text-lg short:min-h-12" title="High and critical alerts still show one by one.">
      <span className="inline-flex h-10 items-center gap-1 rounded-md border-2 border-ink px-2 font-bold">
        <PriorityShape priority="medium" size={16} /><PriorityShape priority="low" size={16} /> FLOOD
      </span>
      <span className="min-w-0 truncate">
        {count > 0
          ? <><b>Flood digest:</b> {count} low/medium alert{count === 1 ? '' : 's'} held back on {lineName} (last 10 min)</>
          : <><b>{lineName} is in flood:</b> high and critical alerts still show one by one</>}
      </span>
    </div>
  );
}
