import type { AuditInput } from '../store/audit.ts';
import type { Store } from '../store/store.ts';

export interface AuditBudgetOptions {
  /** Entries written per key (a person, an address) per window; past it they are only counted. */
  perWindow: number;
  /** Window length (default one minute). */
  windowMs?: number;
  clock: () => number;
  /** The one entry that says how many were left out of a window of `key`. */
  summary: (key: string, suppressed: number, window: { from: number; to: number }, now: number) => AuditInput;
  /** A summary written in the background (window end, eviction) failed. */
  onError: (err: unknown) => void;
  /** Most keys followed at once (default 10,000); past it the oldest window is closed early. */
  maxKeys?: number;
}

interface Window {
  start: number;
  used: number;
  suppressed: number;
  timer?: ReturnType<typeof setTimeout>;
}

/**
 * Bounds audit entries that others can cause at will (refused commands, wrong edge keys): per key at
 * most `perWindow` entries a window; the rest are counted and one summary entry ("N more … suppressed")
 * is written when the window ends, or before the key's next entry if that comes first, or at `flush`.
 * Counting is synchronous, so simultaneous requests cannot slip past the bound.
 */
export class AuditBudget {
  private readonly windows = new Map<string, Window>();
  private readonly store: Pick<Store, 'audit'>;
  private readonly opts: AuditBudgetOptions;
  private readonly windowMs: number;

  constructor(store: Pick<Store, 'audit'>, opts: AuditBudgetOptions) {
    if (!Number.isInteger(opts.perWindow) || opts.perWindow < 1) throw new Error(`audit budget: perWindow must be a positive whole number, got ${opts.perWindow}`);
    this.store = store;
    this.opts = opts;
    this.windowMs = opts.windowMs ?? 60_000;
  }

  /** Writes `entry` when the key's budget allows it (after the summary of its last window, if one is due); otherwise counts it. */
  async record(key: string, entry: AuditInput): Promise<void> {
    const now = this.opts.clock();
    const out: AuditInput[] = [];
    let w = this.windows.get(key);
    if (w && now >= w.start + this.windowMs) {
      const summary = this.close(key, w, now);
      if (summary) out.push(summary);
      w = undefined;
    }
    if (!w) w = this.open(key, now);
    if (w.used < this.opts.perWindow) {
      w.used++;
      out.push(entry);
    } else {
      w.suppressed++;
      const open = w;
      if (!open.timer) {
        open.timer = setTimeout(() => this.closeLater(key, open), Math.max(0, open.start + this.windowMs - now));
        open.timer.unref(); // a pending summary never keeps the process alive; `flush` writes it at a stop
      }
    }
    if (out.length) await this.store.audit(out);
  }

  /** Writes the summary of every window that left entries out (the relay is stopping). */
  async flush(): Promise<void> {
    const now = this.opts.clock();
    const out: AuditInput[] = [];
    for (const [key, w] of [...this.windows]) {
      const summary = this.close(key, w, now);
      if (summary) out.push(summary);
    }
    if (out.length) await this.store.audit(out);
  }

  private open(key: string, now: number): Window {
    const w: Window = { start: now, used: 0, suppressed: 0 };
    this.windows.set(key, w);
    if (this.windows.size > (this.opts.maxKeys ?? 10_000)) {
      const [oldest, ow] = this.windows.entries().next().value!;
      const summary = this.close(oldest, ow, now);
      if (summary) this.store.audit([summary]).catch(this.opts.onError);
    }
    return w;
  }

  /** Forgets the window; its summary entry when it left any out. */
  private close(key: string, w: Window, now: number): AuditInput | null {
    clearTimeout(w.timer);
    this.windows.delete(key);
    if (!w.suppressed) return null;
    return this.opts.summary(key, w.suppressed, { from: w.start, to: Math.min(now, w.start + this.windowMs) }, now);
  }

  private closeLater(key: string, w: Window): void {
    if (this.windows.get(key) !== w) return; // already closed by a later entry or a flush
    const summary = this.close(key, w, this.opts.clock());
    if (summary) this.store.audit([summary]).catch(this.opts.onError);
  }
}
