import type { Catalogue } from '../../protocol/catalogue.ts';
import { alertTitle } from './alert-title.ts';
import type { PanelItem } from './order.ts';
import { PriorityBadge } from './priority.tsx';
import { needsAck } from './state-words.ts';

/** On short screens the list folds into one strip: the next alert, how many more, and the flood digest. */
export function NextAlertsStrip({ items, catalogue, floodCount, onOpen }: {
  items: PanelItem[]; catalogue: Catalogue | undefined; floodCount: number | null; onOpen: () => void;
}) {
  const next = items[0];
  if (!next && floodCount === null) return null;
  const more = items.length - 1;
  return (
    <button type="button" onClick={onOpen} data-testid="next-alerts"
      className="flex min-h-touch w-full shrink-0 items-center gap-3 rounded-lg border-2 border-edge bg-surface px-3 text-left text-base active:bg-sunk">
      {next && <PriorityBadge priority={next.alert.priority} flashing={needsAck(next.alert)} />}
      <span className="min-w-0 flex-1 truncate">
        {next && <><b><bdi>{alertTitle(next.alert, catalogue).what}</bdi></b> — <bdi>{alertTitle(next.alert, catalogue).where}</bdi></>}
        {!next && <b>No other alerts shown</b>}
      </span>
      {more > 0 && <span className="shrink-0 font-semibold">+{more} more</span>}
      {floodCount !== null && <span className="shrink-0 rounded-md border-2 border-ink px-2 font-bold">FLOOD {floodCount}</span>}
      <span aria-hidden="true" className="text-2xl">▸</span>
    </button>
  );
}
