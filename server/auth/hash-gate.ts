/** The hash queue is full: the caller should answer "busy, retry" rather than wait behind it. */
export class BusyError extends Error {
  constructor() {
    super('busy: too many secrets are being checked at once; retry in 1 s');
  }
}

/**
 * Bounds concurrent slow hashes (scrypt: CPU and 32 MB each) and how many may wait for a turn, so a
 * burst of guesses cannot queue real sign-ins behind seconds of hashing: past the queue, checks are
 * refused at once with `BusyError`. Hashing a new secret (an admin sets a password) waits instead.
 */
export class HashGate {
  private readonly concurrency: number;
  private readonly maxQueue: number;
  private readonly queue: (() => void)[] = [];
  private active = 0;

  constructor(concurrency: number, maxQueue: number) {
    if (!(concurrency >= 1)) throw new Error(`hash gate: concurrency must be at least 1, got ${concurrency}`);
    this.concurrency = concurrency;
    this.maxQueue = maxQueue;
  }

  get running(): number {
    return this.active;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /** Runs `fn` when a slot is free; refuses with BusyError when the queue is full unless `wait`. */
  async run<T>(fn: () => Promise<T>, opts: { wait?: boolean } = {}): Promise<T> {
    if (this.active >= this.concurrency) {
      if (!opts.wait && this.queue.length >= this.maxQueue) throw new BusyError();
      await new Promise<void>((ok) => this.queue.push(ok));
    } else {
      this.active++;
    }
    try {
      return await fn();
    } finally {
      // hand the slot straight to the next in line (active stays the same), or free it
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    }
  }
}
