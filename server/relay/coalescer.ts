import type { NewChange } from '../store/store.ts';

/**
 * Holds `updated` changes (count, last value) so each alert is stored and sent at most once per
 * window: a 100 Hz edge must not become 100 Hz of browser traffic. State changes pass straight
 * through and supersede a held update of the same alert, since they carry the newer alert.
 */
export class UpdateCoalescer {
  private readonly held = new Map<string, NewChange>();
  private readonly lastSent = new Map<string, number>();
  private readonly windowMs: number;

  constructor(windowMs = 250) {
    this.windowMs = windowMs;
  }

  /** Splits changes into those to store now; updates inside the window are held. */
  admit(changes: NewChange[], now: number): NewChange[] {
    const now_: NewChange[] = [];
    for (const c of changes) {
      const id = c.alert.id;
      if (c.kind !== 'updated') {
        this.held.delete(id);
        this.lastSent.set(id, now);
        now_.push(c);
      } else if (now - (this.lastSent.get(id) ?? -Infinity) >= this.windowMs && !this.held.has(id)) {
        this.lastSent.set(id, now);
        now_.push(c);
      } else {
        this.held.set(id, c);
      }
    }
    return now_;
  }

  /** Held updates whose window has passed, to store and send now. */
  due(now: number): NewChange[] {
    const out: NewChange[] = [];
    for (const [id, c] of this.held) {
      if (now - (this.lastSent.get(id) ?? 0) >= this.windowMs) {
        out.push(c);
        this.held.delete(id);
        this.lastSent.set(id, now);
      }
    }
    if (this.lastSent.size > 200_000) this.lastSent.clear(); // bounded; forgetting only lets one extra update through
    return out;
  }

  /** Every held update, at once (on shutdown: the store must end with each alert's latest state). */
  drainAll(): NewChange[] {
    const out = [...this.held.values()];
    this.held.clear();
    return out;
  }

  get size(): number {
    return this.held.size;
  }
}
