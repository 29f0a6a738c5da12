// Edges for the benches and the fault tests: raw parallel lanes for maximum throughput (bench row a),
// and paced publishing for the browser rows.
import { io, type Socket } from 'socket.io-client';
import type { IngestAck, InferenceResultInput } from '../../src/protocol/inference.ts';
import { sleep } from './wait.ts';

/** An edge's connected socket on the relay's `/edge` namespace, signed in with `key`. */
export async function edgeSocket(url: string, key: string): Promise<Socket> {
  const s = io(`${url}/edge`, { auth: { key }, transports: ['websocket'], forceNew: true });
  await new Promise<void>((ok, fail) => {
    s.once('connect', () => ok());
    s.once('connect_error', (e) => fail(e));
  });
  return s;
}

export interface PublishStats {
  accepted: number;
  rejected: number;
  retries: number;
  reasons: string[];
}

/**
 * Publishes batches over `lanes` edge sockets, one batch in flight per lane, resending what the relay
 * asked to retry. `gate` runs before each batch (flow control by the caller).
 */
export async function publishAll(url: string, key: string, batches: InferenceResultInput[][], opts: { lanes: number; gate?: () => Promise<void> }): Promise<PublishStats> {
  const stats: PublishStats = { accepted: 0, rejected: 0, retries: 0, reasons: [] };
  const sockets = await Promise.all(Array.from({ length: opts.lanes }, () => edgeSocket(url, key)));
  let next = 0;
  await Promise.all(sockets.map(async (s) => {
    for (;;) {
      const i = next++;
      if (i >= batches.length) return;
      await opts.gate?.();
      let batch = batches[i]!;
      while (batch.length) {
        const ack = (await s.timeout(60_000).emitWithAck('inference', batch)) as IngestAck;
        stats.accepted += ack.accepted.length;
        const again = new Set<number>();
        for (const r of ack.rejected) {
          if (r.code === 'busy') again.add(r.index);
          else {
            stats.rejected++;
            if (stats.reasons.length < 5) stats.reasons.push(r.reason);
          }
        }
        batch = batch.filter((_, j) => again.has(j));
        if (batch.length) {
          stats.retries += batch.length;
          await sleep(ack.retryAfterMs ?? 100);
        }
      }
    }
  }));
  sockets.forEach((s) => s.close());
  return stats;
}

/**
 * Calls `tick(n, now)` so that about `perSecond` results are published per second in total, every
 * `everyMs`, for `durationMs`. `tick` publishes `n` results.
 */
export async function paced(perSecond: number, durationMs: number, tick: (n: number, now: number) => void, everyMs = 10): Promise<number> {
  const start = Date.now();
  let sent = 0;
  for (;;) {
    const now = Date.now();
    const elapsed = now - start;
    if (elapsed >= durationMs) return sent;
    const due = Math.floor((elapsed / 1000) * perSecond) - sent;
    if (due > 0) {
      tick(due, now);
      sent += due;
    }
    await sleep(everyMs);
  }
}
