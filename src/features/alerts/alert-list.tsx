import { useRef, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Catalogue } from '../../protocol/catalogue.ts';
import { AlertRow, ROW_HEIGHT } from './alert-row.tsx';
import type { PanelItem } from './order.ts';

/** Height the list keeps for itself at least (about 2½ rows) when the card above wants the room. */
const LIST_FLOOR = 192;
/** The flood digest card's height (64 px touch target + its border). */
const HEADER_HEIGHT = 66;

/** The rest of the alerts, most important first; virtualised so thousands of rows stay smooth. */
export function AlertList({ items, catalogue, now, selectedId, onSelect, header }: {
  items: PanelItem[]; catalogue: Catalogue | undefined; now: number; selectedId: string | null; onSelect: (id: string) => void;
  /** Cards above the rows (the flood digest). */
  header?: ReactNode;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    getItemKey: (i) => items[i]!.alert.id,
    initialRect: { width: 800, height: 400 },
  });
  // A short list keeps only what its rows need, so the card above shows more of its "why" and trend.
  const floor = Math.min(LIST_FLOOR, virtual.getTotalSize() + (header ? HEADER_HEIGHT : 0));
  return (
    <div ref={scroller} className="flex-1 basis-0 overflow-y-auto overscroll-contain rounded-lg" style={{ minHeight: floor }}
      data-testid="alert-list" aria-label="Other alerts" role="region">
      {header}
      <ul style={{ height: virtual.getTotalSize(), position: 'relative' }}>
        {virtual.getVirtualItems().map((v) => {
          const item = items[v.index]!;
          return (
            <li key={v.key} style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${v.start}px)` }}>
              <AlertRow alert={item.alert} grouped={item.grouped} catalogue={catalogue} now={now} selected={item.alert.id === selectedId} onSelect={onSelect} />
            </li>
          );
        })}
      </ul>
    </div>
  );
}
