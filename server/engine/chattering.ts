import type { AlarmPolicy } from '../../src/protocol/policy.ts';

/** Raise history of one key, enough to tell chattering (docs/design.md "The alarm engine"). */
export interface ChatterState {
  /** Event times of the most recent raises, oldest first, at most `chatterRaises` of them. */
  raises: number[];
  chattering: boolean;
  /** Event time of the latest raise (release is measured from it); null before the first. */
  lastRaiseAt: number | null;
}

export function newChatter(): ChatterState {
  return { raises: [], chattering: false, lastRaiseAt: null };
}

/**
 * Records a raise at `at`; returns true when this raise makes the key chattering (it was not before).
 * Only the last `chatterRaises` times are kept: if the oldest of them is inside the window, so are all.
 */
export function recordRaise(c: ChatterState, at: number, p: AlarmPolicy): boolean {
  c.raises.push(at);
  while (c.raises.length > p.chatterRaises) c.raises.shift();
  c.lastRaiseAt = at;
  if (c.chattering) return false;
  if (c.raises.length >= p.chatterRaises && at - c.raises[0]! <= p.chatterWindowMs) {
    c.chattering = true;
    return true;
  }
  return false;
}

/** When a chattering key is released if nothing else raises it, or null when it is not chattering. */
export function releaseAt(c: ChatterState, p: AlarmPolicy): number | null {
  return c.chattering && c.lastRaiseAt !== null ? c.lastRaiseAt + p.chatterReleaseMs : null;
}

/** Releases the key: stable for the release time. The history restarts so release is not undone at once. */
export function release(c: ChatterState): void {
  c.chattering = false;
  c.raises.length = 0;
}
