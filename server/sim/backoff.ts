/** Retry timing of an edge: exponential back-off, capped, with jitter. */
export interface BackoffOptions {
  /** Delay before the first retry. */
  baseMs: number;
  /** Cap: a long outage must not push retries out to hours. */
  maxMs: number;
}

/**
 * Delay before retry number `attempt` (1 = first retry): base·2^(attempt−1), capped, then scaled by a
 * random factor in [0.5, 1) ("equal jitter") so that many edges cut off together do not all come
 * back in the same millisecond, while each still waits at least half the nominal delay.
 */
export function backoffDelay(attempt: number, o: BackoffOptions, random: () => number = Math.random): number {
  const nominal = Math.min(o.maxMs, o.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(nominal * (0.5 + 0.5 * random()));
}

/**
 * The relay's "retry after N ms", plus up to 20 % jitter: never earlier than asked, and edges told
 * the same N do not return in lockstep.
 */
export function retryAfterDelay(retryAfterMs: number, random: () => number = Math.random): number {
  return Math.round(retryAfterMs * (1 + 0.2 * random()));
}
