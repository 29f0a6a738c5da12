import { io, type Socket } from 'socket.io-client';
import { IngestAck, MAX_BATCH, type InferenceResultInput } from '../../src/protocol/inference.ts';
import { backoffDelay, retryAfterDelay, type BackoffOptions } from './backoff.ts';

/** How an edge publishes: where, with which key, and how hard it tries. */
export interface EdgeClientOptions {
  /** Relay base URL, e.g. http://127.0.0.1:8080 (the client connects to `${url}/edge`). */
  url: string;
  /** Edge key, sent as socket.io auth `{ key }`. */
  key: string;
  /** Results per publish (≤ MAX_BATCH). A full batch goes out at once. */
  batchSize?: number;
  /** A partial batch goes out this long after its oldest result was published. */
  flushMs?: number;
  /** A publish not answered within this is treated as lost and resent (ids make that safe). */
  ackTimeoutMs?: number;
  /** Pacing of resends after a lost publish. */
  backoff?: BackoffOptions;
  /** Most results held while offline or waiting for an answer. */
  maxBuffer?: number;
  /**
   * What happens to a result published into a full buffer. `drop-oldest` (default): the oldest
   * waiting result is dropped, because a live monitor needs the machine's current state more than
   * its state minutes ago. `refuse`: the new result is refused (`publish` returns false), for callers
   * that would rather stop than lose history; they can wait with `room()`. Both count in `dropped`.
   */
  overflow?: 'drop-oldest' | 'refuse';
  /** Source of jitter (tests pass a fixed one). */
  random?: () => number;
  /** socket.io transports; websocket only by default (no long-polling upgrade dance on an edge box). */
  transports?: ('websocket' | 'polling')[];
  /** Called once per result the relay refused for good. */
  onRejected?: (rejection: EdgeRejection) => void;
  /** Connection changes, for logs. */
  onStatus?: (status: 'connected' | 'disconnected' | 'connect_error' | 'unauthorized', detail?: string) => void;
}

/** A result the relay refused for good, with its reason (e.g. `invalid: score: …`, `scope: …`). */
export interface EdgeRejection {
  id: string;
  reason: string;
}

/** What happened to the results published so far. */
export interface EdgeCounts {
  /** Acknowledged by the relay (a resend the relay had already taken counts once). */
  accepted: number;
  /** Refused for good (invalid, out of scope, …). */
  rejected: number;
  /** Sends after the first one: lost acks, disconnects, `retry_after`. */
  resent: number;
  /** Lost on this side: buffer overflow, refused publishes, or unsent at close. */
  dropped: number;
}

interface Item {
  result: InferenceResultInput;
  id: string;
  enqueuedAt: number;
  attempts: number;
  /** Times a well-formed answer did not mention this item (a relay fault; capped, not retried forever). */
  unanswered: number;
}

const DEFAULTS = { batchSize: 200, flushMs: 5, ackTimeoutMs: 5000, maxBuffer: 10_000, backoff: { baseMs: 200, maxMs: 10_000 } };

/**
 * A reliable publisher of inference results to a Clearline relay over socket.io (`/edge`):
 * batches, waits for the per-item ack, resends what was lost or what the relay asked to retry later,
 * and holds a bounded buffer while offline. Results need stable ids: a resend is then harmless.
 */
export class EdgeClient {
  /** Running totals. */
  readonly counts: EdgeCounts = { accepted: 0, rejected: 0, resent: 0, dropped: 0 };
  /** The last 100 final refusals, newest last. */
  readonly rejections: EdgeRejection[] = [];
  /** Last connection or send problem, for the caller's error message. */
  lastError: string | undefined;

  private readonly socket: Socket;
  private readonly o: Required<Omit<EdgeClientOptions, 'onRejected' | 'onStatus'>> & Pick<EdgeClientOptions, 'onRejected' | 'onStatus'>;
  private queue: Item[] = [];
  private inFlight: Item[] | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pausedUntil = 0;
  private failures = 0;
  private flushing = 0;
  private closed = false;
  private fatal = false;
  private everConnected = false;
  private waiters: (() => void)[] = [];

  constructor(options: EdgeClientOptions) {
    this.o = { ...DEFAULTS, random: Math.random, transports: ['websocket'], overflow: 'drop-oldest', ...options };
    if (this.o.batchSize < 1 || this.o.batchSize > MAX_BATCH) throw new Error(`batchSize must be 1..${MAX_BATCH}`);
    if (this.o.maxBuffer < 1) throw new Error('maxBuffer must be ≥ 1');
    this.socket = io(`${this.o.url.replace(/\/$/, '')}/edge`, {
      auth: { key: this.o.key },
      transports: this.o.transports,
      // Own connection per client: two edges in one process must not share one socket and one key.
      forceNew: true,
      reconnectionDelay: 250,
      reconnectionDelayMax: 5000,
    });
    this.socket.on('connect', () => {
      this.everConnected = true;
      this.o.onStatus?.('connected');
      this.wake();
      this.pump();
    });
    this.socket.on('disconnect', (reason) => {
      this.o.onStatus?.('disconnected', reason);
      // socket.io only reconnects by itself after a network loss; a relay that closed us on purpose
      // (restart, drain) is asked again after a back-off. A revoked key then fails at connect.
      if (reason === 'io server disconnect' && !this.closed) {
        setTimeout(() => {
          if (!this.closed) this.socket.connect();
        }, backoffDelay(++this.failures, this.o.backoff, this.o.random));
      }
      this.wake(); // ready() waiters learn nothing new, but flush() waiters re-check their state
    });
    this.socket.on('connect_error', (err) => {
      this.lastError = err.message;
      // socket.io does not retry a refusal from the relay's auth middleware: nothing will ever be sent.
      if (!this.socket.active) {
        this.fatal = true;
        this.o.onStatus?.('unauthorized', err.message);
      } else {
        this.o.onStatus?.('connect_error', err.message);
      }
      this.wake();
    });
  }

  /** True once the relay has accepted the connection at least once. */
  get hasConnected(): boolean {
    return this.everConnected;
  }

  /** True when the relay refused the key: nothing will ever be sent. */
  get refused(): boolean {
    return this.fatal;
  }

  /** True while the socket is connected to the relay. */
  get connected(): boolean {
    return this.socket.connected;
  }

  /** Results published but not yet accepted, refused or dropped. */
  get buffered(): number {
    return this.queue.length + (this.inFlight?.length ?? 0);
  }

  /** Resolves true once connected, false after `timeoutMs` or when the relay refused the key. */
  ready(timeoutMs = 10_000): Promise<boolean> {
    return this.until(() => this.socket.connected || this.fatal, timeoutMs).then(() => this.socket.connected);
  }

  /**
   * Queues one result. Returns false when it was not queued (client closed or refused by policy,
   * see `overflow`).
   */
  publish(result: InferenceResultInput): boolean {
    if (this.closed || this.fatal) {
      this.counts.dropped++;
      return false;
    }
    if (this.buffered >= this.o.maxBuffer) {
      // Never drop from the in-flight batch: the relay may already have taken it.
      if (this.o.overflow === 'refuse' || this.queue.length === 0) {
        this.counts.dropped++;
        return false;
      }
      this.queue.shift();
      this.counts.dropped++;
    }
    this.queue.push({ result, id: String(result.id), enqueuedAt: Date.now(), attempts: 0, unanswered: 0 });
    this.pump();
    return true;
  }

  /** Resolves when the buffer has room for one more result (or the client can no longer send). */
  room(): Promise<void> {
    return this.until(() => this.buffered < this.o.maxBuffer || this.closed || this.fatal, Infinity).then(() => undefined);
  }

  /**
   * Sends partial batches now and resolves true when every queued result has an outcome, or false
   * if that has not happened within `timeoutMs` (e.g. the relay is unreachable).
   */
  async flush(timeoutMs = Infinity): Promise<boolean> {
    this.flushing++;
    this.pump();
    try {
      await this.until(() => this.buffered === 0 || this.fatal, timeoutMs);
      return this.buffered === 0;
    } finally {
      this.flushing--;
    }
  }

  /** Flushes (up to `timeoutMs`), then disconnects; whatever is still unsent counts as dropped. */
  async close(timeoutMs = 5000): Promise<EdgeCounts> {
    if (!this.closed) {
      await this.flush(timeoutMs);
      this.closed = true;
      clearTimeout(this.timer);
      this.counts.dropped += this.buffered;
      this.queue = [];
      this.inFlight = null;
      this.socket.disconnect();
      this.wake();
    }
    return { ...this.counts };
  }

  /** Sends the next batch when connected, not paused and (full batch, old enough, or flushing). */
  private pump(): void {
    if (this.closed || this.inFlight || !this.socket.connected) return;
    const first = this.queue[0];
    if (!first) return this.wake();
    clearTimeout(this.timer);
    this.timer = undefined;
    const now = Date.now();
    const due = Math.max(
      this.pausedUntil - now,
      this.queue.length >= this.o.batchSize || this.flushing > 0 ? 0 : first.enqueuedAt + this.o.flushMs - now,
    );
    if (due > 0) {
      this.timer = setTimeout(() => this.pump(), due);
      return;
    }
    const batch = this.queue.splice(0, this.o.batchSize);
    this.inFlight = batch;
    for (const item of batch) {
      if (item.attempts > 0) this.counts.resent++;
      item.attempts++;
    }
    this.socket.timeout(this.o.ackTimeoutMs).emit('inference', batch.map((i) => i.result), (err: Error | null, raw: unknown) => {
      if (this.inFlight !== batch) return; // closed meanwhile
      this.inFlight = null;
      this.onAnswer(batch, err, raw);
      this.wake();
      this.pump();
    });
  }

  private onAnswer(batch: Item[], err: Error | null, raw: unknown): void {
    const parsed = err ? undefined : IngestAck.safeParse(raw);
    if (!parsed?.success) {
      // Lost ack, disconnect or a garbled answer: the outcome is unknown, so resend the whole batch.
      this.lastError = err ? err.message : 'malformed ack from relay';
      this.requeue(batch, backoffDelay(++this.failures, this.o.backoff, this.o.random));
      return;
    }
    const ack = parsed.data;
    this.failures = 0;
    const accepted = new Set(ack.accepted);
    const byIndex = new Map(ack.rejected.filter((r) => r.index >= 0).map((r) => [r.index, r]));
    const batchRefusal = ack.rejected.find((r) => r.index < 0);
    const again: Item[] = [];
    batch.forEach((item, i) => {
      if (accepted.has(item.id)) {
        this.counts.accepted++;
        return;
      }
      const refusal = byIndex.get(i) ?? batchRefusal;
      // `busy`: saturated or not stored just now, so the same result is taken later.
      if (refusal?.code === 'busy' || (refusal === undefined && ++item.unanswered <= 2)) again.push(item);
      else this.reject(item.id, refusal?.reason ?? 'unanswered: the relay did not mention this result');
    });
    if (again.length === 0) return;
    const delay = ack.retryAfterMs !== undefined
      ? retryAfterDelay(ack.retryAfterMs, this.o.random)
      : backoffDelay(++this.failures, this.o.backoff, this.o.random);
    this.requeue(again, delay);
  }

  /** Puts items back at the front (they are the oldest) and pauses all sending for `delayMs`. */
  private requeue(items: Item[], delayMs: number): void {
    this.queue.unshift(...items);
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + delayMs);
    // Requeued items may have pushed the buffer over its bound (publishes continued meanwhile).
    while (this.buffered > this.o.maxBuffer && this.queue.length > 0) {
      this.queue.shift();
      this.counts.dropped++;
    }
  }

  private reject(id: string, reason: string): void {
    this.counts.rejected++;
    this.rejections.push({ id, reason });
    if (this.rejections.length > 100) this.rejections.shift();
    this.o.onRejected?.({ id, reason });
  }

  /** Re-checks every pending `until` condition. */
  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Resolves when `cond()` holds (checked on every state change) or after `timeoutMs`. */
  private until(cond: () => boolean, timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const check = (): void => {
        if (cond()) {
          clearTimeout(timer);
          resolve();
        } else {
          this.waiters.push(check);
        }
      };
      if (Number.isFinite(timeoutMs)) {
        timer = setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== check);
          resolve();
        }, timeoutMs);
      }
      check();
    });
  }
}
