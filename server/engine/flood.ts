/** Flood thresholds of one console (docs/design.md "The alarm engine"), as policy gives them. */
export interface FloodLimits {
  floodEnter: number;
  floodLeave: number;
  floodWindowMs: number;
}

/** A flood transition and the time it happened. */
export type FloodChange = { change: 'enter' | 'leave'; at: number };

/**
 * Annunciation counter and flood state of one console. The engine and the KPI both run this one
 * class over the same annunciation times, so "% of time in flood" is computed exactly as the
 * engine decided it. Window: (t − window, t].
 */
export class FloodCounter {
  /** Annunciation times, oldest first, from `head` on (a deque without shifting). */
  times: number[] = [];
  head = 0;
  inFlood = false;

  /** Count in the window ending at `t`, without changing anything. */
  countAt(t: number, lim: FloodLimits): number {
    let i = this.head;
    while (i < this.times.length && this.times[i]! <= t - lim.floodWindowMs) i++;
    return this.times.length - i;
  }

  /** Drops annunciations that left the window at `t`; leaves flood when fewer than `floodLeave` remain. */
  prune(t: number, lim: FloodLimits): FloodChange | null {
    while (this.head < this.times.length && this.times[this.head]! <= t - lim.floodWindowMs) this.head++;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
    if (this.inFlood && this.times.length - this.head < lim.floodLeave) {
      this.inFlood = false;
      return { change: 'leave', at: t };
    }
    return null;
  }

  /** Counts an annunciation at `t` (call `prune(t)` first); enters flood when more than `floodEnter`. */
  push(t: number, lim: FloodLimits): FloodChange | null {
    const last = this.times.length > this.head ? this.times[this.times.length - 1]! : -Infinity;
    this.times.push(Math.max(t, last)); // times stay ordered even if a wall-time event lands early
    if (!this.inFlood && this.times.length - this.head > lim.floodEnter) {
      this.inFlood = true;
      return { change: 'enter', at: t };
    }
    return null;
  }

  /** When the next prune could end the flood (the oldest annunciation leaves the window), or null. */
  nextCheckAt(lim: FloodLimits): number | null {
    if (!this.inFlood || this.head >= this.times.length) return null;
    return this.times[this.head]! + lim.floodWindowMs;
  }
}
