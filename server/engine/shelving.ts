import type { z } from 'zod';
import type { Shelf as ShelfSchema } from '../../src/protocol/alert.ts';
import type { Role } from '../../src/protocol/common.ts';
import type { AlarmPolicy } from '../../src/protocol/policy.ts';
import { maxShelveMinutes } from '../../src/protocol/shelving.ts';

/** A shelf as the wire carries it: timed (`until`) or one-shot (`until: null`). */
export type Shelf = z.infer<typeof ShelfSchema>;

/**
 * Builds the shelf a person asked for, or the reason it is refused. Timed shelves are capped by the
 * role's maximum (operator 2 h, supervisor and above 8 h, policy may tighten); omitted minutes mean
 * one-shot: until the alert next returns to normal.
 */
export function makeShelf(
  req: { minutes?: number; reason: string },
  by: string,
  role: Role,
  at: number,
  p: AlarmPolicy,
): { ok: true; shelf: Shelf } | { ok: false; code: 'forbidden' | 'limit'; reason: string } {
  const max = maxShelveMinutes(role, p);
  if (max === 0) return { ok: false, code: 'forbidden', reason: `a ${role} may not shelve alerts` };
  if (req.minutes !== undefined && req.minutes > max) {
    return { ok: false, code: 'limit', reason: `a ${role} may shelve for at most ${max} min (asked ${req.minutes} min)` };
  }
  const until = req.minutes === undefined ? null : at + req.minutes * 60_000;
  return { ok: true, shelf: { by, reason: req.reason, at, until } };
}

/** True when a timed shelf has run out at relay time `now`. One-shot shelves never expire by time. */
export function shelfExpired(s: Shelf, now: number): boolean {
  return s.until !== null && now >= s.until;
}
