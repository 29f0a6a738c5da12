import { createServer, connect as tcpConnect, type Server, type Socket as TcpSocket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { InferenceResultInput } from '../../src/protocol/inference.ts';
import { startRelay, type TestRelay } from '../testing/relay.ts';
import { EdgeClient, type EdgeClientOptions, type EdgeRejection } from './edge-client.ts';

/*
 * Every test runs the edge client against the real relay (createApplication on an ephemeral port,
 * real SQLite). Network cuts go through a plain TCP forwarder, so the relay is never faked.
 */

let relay: TestRelay;
const clients: EdgeClient[] = [];
const sockets: Socket[] = [];
const proxies: Server[] = [];

beforeEach(async () => {
  relay = await startRelay();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close(0)));
  sockets.splice(0).forEach((s) => s.close());
  await Promise.all(proxies.splice(0).map((p) => new Promise((ok) => p.close(ok))));
  await relay.close();
});

const result = (n: number, over: Partial<InferenceResultInput> = {}): InferenceResultInput => ({
  id: `e-${n}`, ts: 1_760_000_000_000 + n * 1000, plant: 'p1', line: 'l1', asset: 'pump-1',
  model: { name: 'ref', version: '1' }, score: 0.1, threshold: 0.8, baseValue: 0,
  attributions: [{ feature: 'flow', value: 18, contribution: 0.1 }], ...over,
});

async function client(over: Partial<EdgeClientOptions> = {}): Promise<EdgeClient> {
  const c = new EdgeClient({ url: relay.url, key: await relay.edgeKey(), random: () => 0.5, ...over });
  clients.push(c);
  return c;
}

/** Sizes and arrival times of every `inference` publish the relay receives. */
function watchPublishes(): { size: number; at: number }[] {
  const seen: { size: number; at: number }[] = [];
  relay.app.io.of('/edge').on('connection', (s) => {
    s.onAny((event: string, payload: unknown) => {
      if (event === 'inference') seen.push({ size: Array.isArray(payload) ? payload.length : 1, at: Date.now() });
    });
  });
  return seen;
}

async function storedIds(): Promise<string[]> {
  return (await relay.store.resultsAfter(0, 100_000)).map((r) => r.result.id).sort();
}

/** A TCP forwarder to the relay that can cut every connection and refuse new ones, then restore. */
async function cuttableLink(): Promise<{ url: string; cut(): void; restore(): void }> {
  const target = new URL(relay.url);
  const open = new Set<TcpSocket>();
  let up = true;
  const server = createServer((inbound) => {
    if (!up) return inbound.destroy();
    const outbound = tcpConnect(Number(target.port), target.hostname);
    const close = (): void => {
      inbound.destroy();
      outbound.destroy();
      open.delete(inbound);
      open.delete(outbound);
    };
    open.add(inbound).add(outbound);
    inbound.pipe(outbound).pipe(inbound);
    inbound.on('error', close).on('close', close);
    outbound.on('error', close).on('close', close);
  });
  proxies.push(server);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    cut() {
      up = false;
      for (const s of open) s.destroy();
    },
    restore() {
      up = true;
    },
  };
}

describe('edge client against the real relay', () => {
  it('batches by size, flushes partial batches after a few ms, and counts what the relay accepted', async () => {
    const seen = watchPublishes();
    // flushMs long enough that publishing 450 results takes less: only size decides the batches here
    const c = await client({ batchSize: 200, flushMs: 300 });
    expect(await c.ready()).toBe(true);
    for (let n = 0; n < 450; n++) c.publish(result(n));
    expect(await c.flush(10_000)).toBe(true);
    expect(c.counts).toEqual({ accepted: 450, rejected: 0, resent: 0, dropped: 0 });
    expect(seen.map((s) => s.size)).toEqual([200, 200, 50]);
    // a lone result goes out on its own after flushMs, without anyone calling flush()
    const before = Date.now();
    c.publish(result(1000));
    await expect.poll(() => c.counts.accepted, { timeout: 3000 }).toBe(451);
    expect(seen.at(-1)!.size).toBe(1);
    expect(seen.at(-1)!.at - before).toBeGreaterThanOrEqual(290);
    expect(await storedIds()).toHaveLength(451);
  });

  it('reports final refusals with their reason and does not resend them', async () => {
    const refused: EdgeRejection[] = [];
    const c = new EdgeClient({ url: relay.url, key: await relay.edgeKey([{ plant: 'p1', line: 'l1' }]), onRejected: (r) => refused.push(r) });
    clients.push(c);
    c.publish(result(1));
    c.publish(result(2, { score: Number.NaN })); // travels as null: invalid
    c.publish(result(3, { line: 'l2' })); // outside the key's scope
    expect(await c.flush(5000)).toBe(true);
    expect(c.counts).toMatchObject({ accepted: 1, rejected: 2, resent: 0 });
    expect(refused.map((r) => r.id)).toEqual(['e-2', 'e-3']);
    expect(refused[0]!.reason).toMatch(/^invalid: score/);
    expect(refused[1]!.reason).toMatch(/^scope:/);
    expect(c.rejections).toEqual(refused);
  });

  it('resends a batch whose ack was lost; the relay acknowledges it again without storing it twice', async () => {
    let cutFirst = true;
    let processedBeforeCut = -1;
    relay.app.io.of('/edge').on('connection', (s) => {
      // The relay processes the first publish, but the connection drops instead of the ack going out.
      s.use((packet, next) => {
        if (packet[0] === 'inference' && cutFirst) {
          cutFirst = false;
          packet[packet.length - 1] = () => {
            void relay.store.resultCount().then((n) => (processedBeforeCut = n));
            s.conn.close();
          };
        }
        next();
      });
    });
    const c = await client({ batchSize: 10, ackTimeoutMs: 3000 });
    for (let n = 0; n < 10; n++) c.publish(result(n));
    expect(await c.flush(15_000)).toBe(true);
    expect(c.counts).toMatchObject({ accepted: 10, rejected: 0, resent: 10, dropped: 0 });
    expect(processedBeforeCut).toBe(10);
    expect(await storedIds()).toEqual(Array.from({ length: 10 }, (_, n) => `e-${n}`).sort());
  });

  it('holds results while the network is cut and delivers them once it is back', async () => {
    const link = await cuttableLink();
    const c = await client({ url: link.url, maxBuffer: 100 });
    expect(await c.ready()).toBe(true);
    link.cut();
    await expect.poll(() => c.connected).toBe(false);
    for (let n = 0; n < 20; n++) c.publish(result(n));
    expect(await c.flush(300)).toBe(false); // nothing can get through yet
    expect(c.buffered).toBe(20);
    link.restore();
    expect(await c.flush(20_000)).toBe(true);
    expect(c.counts).toMatchObject({ accepted: 20, dropped: 0 });
    expect(await storedIds()).toHaveLength(20);
  });

  it('keeps its offline buffer bounded: drops the oldest by default and counts them', async () => {
    const link = await cuttableLink();
    const c = await client({ url: link.url, maxBuffer: 5 });
    expect(await c.ready()).toBe(true);
    link.cut();
    await expect.poll(() => c.connected).toBe(false);
    for (let n = 0; n < 8; n++) expect(c.publish(result(n))).toBe(true);
    expect(c.buffered).toBe(5);
    expect(c.counts.dropped).toBe(3);
    link.restore();
    expect(await c.flush(20_000)).toBe(true);
    expect(await storedIds()).toEqual(['e-3', 'e-4', 'e-5', 'e-6', 'e-7']);
  });

  it('can refuse new results instead when the buffer is full', async () => {
    const link = await cuttableLink();
    const c = await client({ url: link.url, maxBuffer: 5, overflow: 'refuse' });
    expect(await c.ready()).toBe(true);
    link.cut();
    await expect.poll(() => c.connected).toBe(false);
    const taken = Array.from({ length: 8 }, (_, n) => c.publish(result(n)));
    expect(taken).toEqual([true, true, true, true, true, false, false, false]);
    expect(c.counts.dropped).toBe(3);
    link.restore();
    expect(await c.flush(20_000)).toBe(true);
    expect(await storedIds()).toEqual(['e-0', 'e-1', 'e-2', 'e-3', 'e-4']);
  });

  it('honours retryAfterMs when the relay is saturated, then gets everything in', async () => {
    await relay.close();
    relay = await startRelay({ highWater: 3, retryAfterMs: 300 });
    // Hold the relay's ingest queue, as a slow disk would, so it stays over its high-water mark.
    let release!: () => void;
    const held = new Promise<void>((ok) => (release = ok));
    const seenResults = relay.store.seenResults.bind(relay.store);
    relay.store.seenResults = async (key, ids) => {
      await held;
      return seenResults(key, ids);
    };
    const other = connect(`${relay.url}/edge`, { auth: { key: await relay.edgeKey() }, transports: ['websocket'], forceNew: true });
    sockets.push(other);
    const otherAck = other.emitWithAck('inference', [100, 101, 102].map((n) => result(n)));
    await expect.poll(() => relay.app.host.queueDepth).toBe(3);

    const seen = watchPublishes();
    const c = await client({ random: () => 1 }); // jitter at its top: 300 ms → 360 ms
    c.publish(result(1));
    c.publish(result(2));
    await expect.poll(() => seen.length, { timeout: 5000 }).toBeGreaterThanOrEqual(3);
    release();
    expect(await c.flush(10_000)).toBe(true);
    await otherAck;
    expect(c.counts).toMatchObject({ accepted: 2, rejected: 0 });
    expect(c.counts.resent).toBeGreaterThanOrEqual(4); // two results, at least two resends each
    // every resend waited at least the relay's retryAfterMs
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.at - seen[i - 1]!.at).toBeGreaterThanOrEqual(300);
    expect(await storedIds()).toEqual(['e-1', 'e-100', 'e-101', 'e-102', 'e-2']);
  });

  it('gives up at once on a key the relay refuses, and says why', async () => {
    const c = new EdgeClient({ url: relay.url, key: 'cl_not_a_key' });
    clients.push(c);
    expect(await c.ready(5000)).toBe(false);
    expect(c.refused).toBe(true);
    expect(c.lastError).toMatch(/unauthorized/);
    expect(c.publish(result(1))).toBe(false);
    expect(await c.flush(1000)).toBe(true);
  });
});
