import { useState } from 'react';
import type { Catalogue } from '../../protocol/catalogue.ts';
import { AlertList } from '../../features/alerts/alert-list.tsx';
import { AlertListSheet } from '../../features/alerts/alert-list-sheet.tsx';
import { FloodDigestCard } from '../../features/alerts/flood-digest-card.tsx';
import { NextAlertsStrip } from '../../features/alerts/next-alerts-strip.tsx';
import type { PanelItem } from '../../features/alerts/order.ts';
import { SHORT_SCREEN, useMediaQuery } from '../../lib/use-media-query.ts';

/** The alerts below the card: a list on tall screens; a strip opening a full list on short ones. */
export function PanelOthers({ items, catalogue, now, selectedId, onSelect, digest }: {
  items: PanelItem[]; catalogue: Catalogue | undefined; now: number; selectedId: string | null; onSelect: (id: string | null) => void;
  digest: { count: number; lineName: string } | null;
}) {
  const short = useMediaQuery(SHORT_SCREEN);
  const [open, setOpen] = useState(false);
  if (items.length === 0 && !digest) return null;
  const list = (pick: (id: string) => void) => (
    <AlertList items={items} catalogue={catalogue} now={now} selectedId={selectedId} onSelect={pick}
      header={digest ? <FloodDigestCard count={digest.count} lineName={digest.lineName} /> : null} />
  );
  if (!short) return list(onSelect);
  return (
    <>
      <NextAlertsStrip items={items} catalogue={catalogue} floodCount={digest?.count ?? null} onOpen={() => setOpen(true)} />
      {open && (
        <AlertListSheet count={items.length} onClose={() => setOpen(false)}>
          {list((id) => {
            onSelect(id);
            setOpen(false);
          })}
        </AlertListSheet>
      )}
    </>
  );
}
