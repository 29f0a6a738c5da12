interface Entry {
  /** Times of recent failures, oldest first. */
  failures: number[];
  /** Attempts admitted and still being checked (their slow hash is running or queued). */
  pending: number;
}

/**
 * Counts failures per key in a sliding window (e.g. sign-ins per account and address). An attempt
 * holds a place before its slow check runs and settles it after, so parallel attempts cannot all
 * slip past the limit while each other's hashes are still running. Bounded: past `maxKeys` keys
 * the least recently used are forgotten, so an attacker cannot grow it.
 */
export class FailureLimiter {
  private readonly entries = new Map<string, Entry>();
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly maxKeys: number;

  constructor(limit: number, windowMs: number, maxKeys = 10_000) {
    this.limit = limit;
    this.windowMs = windowMs;
    this.maxKeys = maxKeys;
  }

  /** Milliseconds until `key` may try again, or 0 when it may now; attempts in flight count as failing now. */
  blockedFor(key: string, now: number): number {
    const e = this.entries.get(key);
    if (!e) return 0;
    const recent = e.failures.filter((t) => t > now - this.windowMs);
    const used = recent.length + e.pending;
    if (used < this.limit) return 0;
    // A place frees when the (used - limit)-th oldest ages out; pending ones would be stamped `now`.
    const i = used - this.limit;
    return i < recent.length ? recent[i]! + this.windowMs - now : this.windowMs;
  }

  /** Holds a place for an attempt about to be checked; `settle` gives it back. */
  hold(key: string): void {
    this.touch(key).pending++;
  }

  /** Ends a held attempt: recorded as a failure at `now`, or just released. */
  settle(key: string, now: number, failed: boolean): void {
    const e = this.touch(key);
    e.pending = Math.max(0, e.pending - 1);
    if (failed) e.failures = [...e.failures.filter((t) => t > now - this.windowMs), now];
    if (!e.pending && !e.failures.length) this.entries.delete(key);
  }

  /** Forgets the failures of `key` (places held by attempts still in flight stay held). */
  reset(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    if (e.pending) e.failures = [];
    else this.entries.delete(key);
  }

  private touch(key: string): Entry {
    const e = this.entries.get(key) ?? { failures: [], pending: 0 };
    this.entries.delete(key); // re-inserted last: Map order is least recently used first
    this.entries.set(key, e);
    if (this.entries.size > this.maxKeys) this.entries.delete(this.entries.keys().next().value!);
    return e;
  }
}

/** One limit an attempt must fit in: which limiter, the key in it, and words for the refusal. */
export interface LimitCheck {
  limiter: FailureLimiter;
  key: string;
  /** Completes "too many failed … ", e.g. "from this address". */
  what: string;
  /** A success forgets this key's failures (only the pair that succeeded, never a whole address). */
  resetOnSuccess?: boolean;
}

/** An admitted attempt holding a place in each of its limits; the first of its three ends counts. */
export class Attempt {
  private open = true;
  private readonly checks: readonly LimitCheck[];

  constructor(checks: readonly LimitCheck[]) {
    this.checks = checks;
  }

  /** The check said no: a failure in every limit. */
  failed(now: number): void {
    this.end((c) => c.limiter.settle(c.key, now, true));
  }

  /** The check said yes: places freed, and the keys marked so forget their failures. */
  succeeded(): void {
    this.end((c) => {
      c.limiter.settle(c.key, 0, false);
      if (c.resetOnSuccess) c.limiter.reset(c.key);
    });
  }

  /** Not checked after all (e.g. the hash queue was full, or an error): counts as nothing. */
  released(): void {
    this.end((c) => c.limiter.settle(c.key, 0, false));
  }

  private end(each: (c: LimitCheck) => void): void {
    if (!this.open) return;
    this.open = false;
    this.checks.forEach(each);
  }
}

/** Admitted with a held place in every limit, or refused by the first full one. */
export type Admission = { attempt: Attempt } | { refused: { waitMs: number; what: string } };

/** Admits an attempt only if it fits every limit, holding a place in each at once (or in none). */
export function admit(checks: readonly LimitCheck[], now: number): Admission {
  for (const c of checks) {
    const waitMs = c.limiter.blockedFor(c.key, now);
    if (waitMs > 0) return { refused: { waitMs, what: c.what } };
  }
  for (const c of checks) c.limiter.hold(c.key);
  return { attempt: new Attempt(checks) };
}
