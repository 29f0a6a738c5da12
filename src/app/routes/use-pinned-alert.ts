import { useCallback, useEffect, useRef, useState } from 'react';

/** After this long without a touch, the card goes back to the most important alert. */
export const PIN_IDLE_MS = 45_000;

/**
 * Which alert the card shows. Touching the card pins its alert, so it does not change under the
 * operator's finger when a new alert arrives; choosing from the list pins that one. The pin lapses
 * after PIN_IDLE_MS without a touch, or when the alert leaves the panel.
 */
export function usePinnedAlert(shownIds: ReadonlySet<string>, now: number) {
  const [pinned, setPinned] = useState<string | null>(null);
  const lastTouch = useRef(0);
  const pin = useCallback((id: string | null) => {
    lastTouch.current = Date.now();
    setPinned(id);
  }, []);
  const touched = useCallback(() => {
    lastTouch.current = Date.now();
  }, []);
  const lapsed = pinned !== null && (!shownIds.has(pinned) || now - lastTouch.current > PIN_IDLE_MS);
  useEffect(() => {
    if (lapsed) setPinned(null);
  }, [lapsed]);
  return { pinned: lapsed ? null : pinned, pin, touched };
}
