/**
 * Counts failures per key in a sliding window (login attempts per user and per address).
 * Bounded: past `maxKeys` entries the oldest are forgotten, so an attacker cannot grow it.
 */
export class FailureLimiter {
  private readonly hits = new Map<string, number[]>();
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly maxKeys: number;

  constructor(limit: number, windowMs: number, maxKeys = 10_000) {
    this.limit = limit;
    this.windowMs = windowMs;
    this.maxKeys = maxKeys;
  }

  /** Milliseconds until `key` may try again, or 0 when it may now. */
  blockedFor(key: string, now: number): number {
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length < this.limit) return 0;
    return recent[0]! + this.windowMs - now;
  }

  fail(key: string, now: number): void {
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
    recent.push(now);
    this.hits.delete(key);
    this.hits.set(key, recent);
    if (this.hits.size > this.maxKeys) this.hits.delete(this.hits.keys().next().value!);
  }

  succeed(key: string): void {
    this.hits.delete(key);
  }
}
