// Forked by the bench: many browser clients of the relay in their own process (so their work does not
// share the harness's event loop). Each counts the `alert:change` messages it receives.
//
// Two kinds of client:
// - `socketio`: socket.io-client, exactly as the app's bridge uses it (decodes every message);
// - `lite`: the same Engine.IO v4 / socket.io v5 protocol over a plain WebSocket (open, connect with
//   the session cookie, pings, `subscribe` with ack), counting `alert:change` frames without decoding
//   their JSON. The server does the same work for both; lite clients let one farm process keep up with
//   the relay on a 2-core machine, so that the row measures the relay rather than the clients.
import { writeFileSync } from 'node:fs';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { serve } from '../../server/testing/rpc.ts';

interface Client {
  connected(): boolean;
  close(): void;
}

let clients: Client[] = [];
let counts: number[] = [];
let lastAt = 0;
let capture: unknown[] | null = null;
let errors = 0;

const CHANGE = Buffer.from('42["alert:change",');

type Sub = { plant: string; line?: string };

function socketioClient(idx: number, url: string, cookie: string | undefined, sub: Sub | undefined): Promise<Client> {
  const s: Socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, ...(cookie ? { extraHeaders: { cookie } } : {}) });
  s.on('alert:change', (c: unknown) => {
    counts[idx]!++;
    lastAt = Date.now();
    if (idx === 0 && capture) capture.push(c);
  });
  return new Promise((ok, fail) => {
    s.once('connect', async () => {
      if (sub) {
        const ack = (await s.timeout(120_000).emitWithAck('subscribe', sub)) as { status: string; reason?: string };
        if (ack.status === 'refused') return fail(new Error(`subscribe refused: ${ack.reason}`));
      }
      ok({ connected: () => s.connected, close: () => s.close() });
    });
    s.once('connect_error', (e) => {
      errors++;
      fail(e);
    });
  });
}

function liteClient(idx: number, url: string, cookie: string | undefined, sub: Sub | undefined): Promise<Client> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, { headers: cookie ? { cookie } : {}, perMessageDeflate: false });
  let open = false;
  return new Promise((ok, fail) => {
    const client: Client = { connected: () => open && ws.readyState === WebSocket.OPEN, close: () => ws.close() };
    ws.on('error', (e) => {
      errors++;
      fail(e);
    });
    ws.on('close', () => (open = false));
    ws.on('message', (data: Buffer) => {
      if (data.length > CHANGE.length && data.compare(CHANGE, 0, CHANGE.length, 0, CHANGE.length) === 0) {
        counts[idx]!++;
        lastAt = Date.now();
        if (idx === 0 && capture) capture.push((JSON.parse(data.subarray(2).toString()) as unknown[])[1]);
        return;
      }
      const text = data.toString();
      if (text === '2') ws.send('3'); // ping → pong
      else if (text.startsWith('0{')) ws.send('40'); // Engine.IO open → socket.io connect to "/"
      else if (text.startsWith('40')) {
        open = true;
        if (sub) ws.send(`421${JSON.stringify(['subscribe', sub])}`);
        else ok(client);
      } else if (text.startsWith('44')) fail(new Error(`connect refused: ${text.slice(2)}`));
      else if (text.startsWith('431')) {
        const [ack] = JSON.parse(text.slice(3)) as [{ status: string; reason?: string }];
        if (ack.status === 'refused') fail(new Error(`subscribe refused: ${ack.reason}`));
        else ok(client);
      }
    });
  });
}

serve({
  /** Connects `n` clients; each subscribes to subs[i % subs.length] when subs are given (relay); none for the plain server. */
  async connect(a) {
    const { url, n, cookie, subs, kind = 'lite' } = a as { url: string; n: number; cookie?: string; subs?: Sub[]; kind?: 'lite' | 'socketio' };
    const started = Date.now();
    const pending: Promise<Client>[] = [];
    for (let i = 0; i < n; i++) {
      const idx = counts.length;
      counts.push(0);
      const sub = subs?.length ? subs[i % subs.length] : undefined;
      pending.push((kind === 'lite' ? liteClient : socketioClient)(idx, url, cookie, sub));
      // Connect in groups of 25, as panels coming back after a relay restart would.
      if (pending.length % 25 === 0) clients.push(...(await Promise.all(pending.splice(0))));
    }
    clients.push(...(await Promise.all(pending)));
    return { connected: clients.filter((c) => c.connected()).length, ms: Date.now() - started };
  },
  reset() {
    counts = counts.map(() => 0);
    return true;
  },
  capture(a) {
    capture = a.on ? [] : null;
    return true;
  },
  stats() {
    let min = Infinity, max = 0, total = 0;
    for (const c of counts) {
      min = Math.min(min, c);
      max = Math.max(max, c);
      total += c;
    }
    return { min: counts.length ? min : 0, max, total, lastAt, connected: clients.filter((c) => c.connected()).length, errors };
  },
  /** Writes the first client's captured changes, one JSON per line. */
  dump(a) {
    const list = capture ?? [];
    writeFileSync(a.file as string, list.map((c) => JSON.stringify(c)).join('\n'));
    capture = null;
    return list.length;
  },
  close() {
    clients.forEach((c) => c.close());
    clients = [];
    counts = [];
    return true;
  },
});
