import { removeShelf, returnToService } from './commands.ts';
import type { EngineCore } from './core.ts';
import { advance } from './lifecycle.ts';

/**
 * Relay-clock work at relay time `now` (called about once a second):
 * - event-time deadlines of lines that have gone quiet (off-delay completion when results stop,
 *   chattering release, flood leave). A line's clock only moves past its last result once it has
 *   been silent for longer than the late allowance, so a tick can never fire a deadline that a
 *   result still in flight would have cancelled: results decide, ticks only catch up;
 * - relay-time deadlines: timed shelves and out-of-service periods ending, stamped at their end time;
 * - assets that sent nothing for `staleAfterMs`.
 */
export function runTick(core: EngineCore, now: number): void {
  if (now > core.wall) core.wall = now;
  for (const l of core.allLines()) {
    if (l.timers.size === 0 || l.eventTime === -Infinity) continue;
    const silence = now - l.anchor - l.policy.lateAllowanceMs;
    if (silence > 0) advance(core, l, l.eventTime + silence);
  }

  const shelves = [...core.shelved].filter((k) => k.shelf && k.shelf.until !== null && k.shelf.until <= now);
  shelves.sort((a, b) => a.shelf!.until! - b.shelf!.until! || (a.key < b.key ? -1 : 1));
  for (const k of shelves) removeShelf(core, k, k.shelf!.until!, null, 'shelf expired');

  const oos = [...core.outOfService].filter((a) => a.oos && a.oos.until <= now);
  oos.sort((x, y) => x.oos!.until - y.oos!.until);
  for (const a of oos) returnToService(core, a, a.oos!.until, null, 'out-of-service period ended');

  for (const l of core.allLines()) {
    const staleAfter = l.policy.staleAfterMs;
    for (const a of l.assets.values()) {
      if (a.stale || a.anchor === -Infinity || now - a.anchor < staleAfter) continue;
      a.stale = true;
      core.emitAsset(a, 'stale', a.anchor + staleAfter, { reason: `no data for ${Math.round(staleAfter / 1000)} s`, lastDataAt: a.lastDataAt });
    }
  }
}
