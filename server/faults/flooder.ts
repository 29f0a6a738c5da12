// Forked by edge-flood.test.ts: an edge that floods the relay from its own process (so generating the
// flood does not take the relay's CPU time in the test process): `sockets` connections, each firing
// `perTick` batches of `batch` results every 25 ms without waiting for answers, for `ms`.
import type { IngestAck } from '../../src/protocol/inference.ts';
import { edgeSocket } from '../testing/edge.ts';
import { benchResult } from '../testing/results.ts';
import { serve } from '../testing/rpc.ts';

serve({
  async flood(a) {
    const { url, key, ms, sockets: n, perTick, batch: size, plant, line } = a as { url: string; key: string; ms: number; sockets: number; perTick: number; batch: number; plant: string; line: string };
    const sockets = await Promise.all(Array.from({ length: n }, () => edgeSocket(url, key)));
    const acked: string[] = [], refused: string[] = [];
    let offered = 0, answers = 0, retryAnswers = 0, retryAfterMs = 0, f = 0;
    const pending: Promise<void>[] = [];
    const end = Date.now() + ms;
    while (Date.now() < end) {
      for (let i = 0; i < perTick; i++) {
        const s = sockets[i % n]!;
        const results = Array.from({ length: size }, () => benchResult(`flood${f}`, { plant, line, asset: `f${f++ % 200}`, score: 0.9 }));
        offered += results.length;
        pending.push((s.timeout(120_000).emitWithAck('inference', results) as Promise<IngestAck>).then((ack) => {
          answers++;
          acked.push(...ack.accepted);
          for (const r of ack.rejected) if (r.id) refused.push(r.id);
          if (ack.retryAfterMs) {
            retryAnswers++;
            retryAfterMs = ack.retryAfterMs;
          }
        }));
      }
      await new Promise((ok) => setTimeout(ok, 25));
    }
    await Promise.all(pending);
    sockets.forEach((s) => s.close());
    return { offered, acked, refused, answers, retryAnswers, retryAfterMs };
  },
});
