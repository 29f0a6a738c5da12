// Forked by the bench: the baseline, a plain socket.io server broadcasting prepared payloads to every
// connected client (one room), with no validation, engine, store or auth.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { serve } from '../../server/testing/rpc.ts';

const http = createServer();
const io = new Server(http, { serveClient: false, maxHttpBufferSize: 1024 * 1024 });
io.on('connection', (s) => void s.join('plant:bench'));
let payloads: unknown[] = [];

serve({
  async listen() {
    await new Promise<void>((ok) => http.listen(0, '127.0.0.1', ok));
    return (http.address() as { port: number }).port;
  },
  load(a) {
    payloads = readFileSync(a.file as string, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    return payloads.length;
  },
  /** Broadcasts payloads [from, to) as the relay's publisher does: one emit per change to the room. */
  emit(a) {
    const from = a.from as number, to = Math.min(a.to as number, payloads.length);
    for (let i = from; i < to; i++) io.to('plant:bench').emit('alert:change', payloads[i]);
    return to;
  },
  rss() {
    return process.memoryUsage().rss / 2 ** 20;
  },
});
