import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { AlertChange } from '../../src/protocol/alert.ts';
import type { IngestAck } from '../../src/protocol/inference.ts';
import type { SubscribeAck } from '../../src/protocol/events.ts';
import { startRelay, type TestRelay } from '../testing/relay.ts';
import { result } from '../testing/results.ts';

let relay: TestRelay;
const edges: Socket[] = [];

function edge(key: string): Socket {
  const s = connect(`${relay.url}/edge`, { auth: { key }, transports: ['websocket'], reconnection: false, forceNew: true });
  edges.push(s);
  return s;
}
const publish = (s: Socket, payload: unknown) => s.emitWithAck('inference', payload) as Promise<IngestAck>;

beforeEach(async () => {
  relay = await startRelay({ highWater: 5000 });
  await relay.addUser('olga', 'operator');
});
afterEach(async () => {
  edges.splice(0).forEach((s) => s.close());
  await relay.close();
});

describe('edge ingest over socket.io', () => {
  it('turns an abnormal stream into one alert that a subscribed browser receives live', async () => {
    const browser = relay.browser(await relay.login('olga'));
    const sub = (await browser.emitWithAck('subscribe', { plant: 'p1', line: 'l1' })) as SubscribeAck;
    expect(sub.status).toBe('snapshot');
    const seen: AlertChange[] = [];
    browser.on('alert:change', (c) => seen.push(c));
    const ack = await publish(edge(await relay.edgeKey()), [1, 2, 3, 4, 5].map((n) => result(n)));
    expect(ack.accepted).toEqual(['r-1', 'r-2', 'r-3', 'r-4', 'r-5']);
    await expect.poll(() => seen.length).toBeGreaterThan(0);
    const ids = new Set(seen.map((c) => c.alert.id));
    expect(ids.size).toBe(1);
    expect(seen[0]!.alert).toMatchObject({ plant: 'p1', line: 'l1', asset: 'pump-1', active: true });
    expect(seen.map((c) => c.seq)).toEqual([...seen.map((c) => c.seq)].sort((a, b) => a - b));
  });

  it('refuses invalid results per item, naming the field, and never shows them to a browser', async () => {
    const browser = relay.browser(await relay.login('olga'));
    await browser.emitWithAck('subscribe', { plant: 'p1', line: 'l1' });
    const seen: AlertChange[] = [];
    browser.on('alert:change', (c) => seen.push(c));
    const s = edge(await relay.edgeKey());
    const bad = [
      { ...result(1), score: 'high' },
      { ...result(2), plant: undefined },
      { ...result(3), score: null }, // NaN travels as null in JSON
      { ...result(4), attributions: Array.from({ length: 300 }, (_, i) => ({ feature: `f${i}`, value: 1, contribution: 0 })) },
      { ...result(5), plant: 'no spaces allowed' },
      { ...result(6), extra: 1 },
      'not an object',
    ];
    const ack = await publish(s, bad);
    expect(ack.accepted).toEqual([]);
    expect(ack.rejected.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(ack.rejected[0]!.reason).toMatch(/score/);
    expect(ack.rejected[1]!.reason).toMatch(/plant/);
    expect(ack.rejected[2]!.reason).toMatch(/score/);
    expect(ack.rejected[3]!.reason).toMatch(/attributions/);
    expect(ack.rejected[4]!.reason).toMatch(/plant/);
    expect(ack.rejected[5]!.reason).toMatch(/extra/);
    const metrics = await (await fetch(`${relay.url}/metrics`)).text();
    expect(metrics).toMatch(/clearline_results_rejected_total\{reason="invalid"\} 7/);
    expect(metrics).toMatch(/clearline_connected_edges 1/);
    // the relay keeps running and valid traffic still flows
    const good = await publish(s, [7, 8, 9, 10].map((n) => result(n)));
    expect(good.accepted).toHaveLength(4);
    await expect.poll(() => seen.length).toBeGreaterThan(0);
    expect(seen.every((c) => c.alert.last.resultId.startsWith('r-'))).toBe(true);
    expect(await relay.store.resultCount()).toBe(4);
    const after = await (await fetch(`${relay.url}/metrics`)).text();
    expect(after).toMatch(/clearline_alerts\{state="unacknowledged"\} 1/);
    expect(after).toMatch(/clearline_results_accepted_total 4/);
    expect(Number(/clearline_emit_latency_seconds_count (\d+)/.exec(after)?.[1])).toBeGreaterThan(0);
  });

  it('acknowledges a resent id again without processing it twice', async () => {
    const s = edge(await relay.edgeKey());
    const batch = [1, 2, 3, 4].map((n) => result(n));
    expect((await publish(s, batch)).accepted).toHaveLength(4);
    await relay.app.host.drain();
    const changesAfterFirst = await relay.store.latestSeq();
    expect((await publish(s, batch)).accepted).toHaveLength(4);
    await relay.app.host.drain();
    expect(await relay.store.resultCount()).toBe(4);
    expect(await relay.store.latestSeq()).toBe(changesAfterFirst);
  });

  it('refuses a result stamped beyond the edge-clock tolerance, naming ts, and takes the rest of the batch', async () => {
    await relay.close();
    let now = 1_760_000_100_000;
    relay = await startRelay({ clock: () => now, edgeClockToleranceMs: 60_000 });
    const s = edge(await relay.edgeKey());
    const ack = await publish(s, [result(1, { ts: now - 5_000 }), result(2, { ts: now + 59_000 }), result(3, { ts: now + 61_000 }), result(4, { ts: '2031-01-01T00:00:00Z' as never })]);
    expect(ack.accepted).toEqual(['r-1', 'r-2']);
    expect(ack.rejected.map((r) => [r.index, r.id])).toEqual([[2, 'r-3'], [3, 'r-4']]);
    expect(ack.rejected[0]!.reason).toMatch(/^invalid: ts: 2025-10-09T08:56:01.000Z is ahead of the relay's clock .*check the edge's clock \(NTP\)$/);
    // the relay's clock moves on: the same result is taken once it is within the tolerance
    now += 2_000;
    expect((await publish(s, [result(3, { ts: now + 59_000 })])).accepted).toEqual(['r-3']);
    expect(await relay.store.resultCount()).toBe(3);
  });

  it('refuses results outside the key scope, and unknown keys at connect', async () => {
    const s = edge(await relay.edgeKey([{ plant: 'p1', line: 'l2' }]));
    const ack = await publish(s, [result(1)]);
    expect(ack.rejected[0]!.reason).toMatch(/^scope: .*p1\/l1/);
    const stranger = edge('cl_nope_nothere');
    const err = await new Promise<Error>((ok) => stranger.once('connect_error', ok));
    expect(err.message).toMatch(/unknown or revoked edge key/);
  });

  it('answers retry-after instead of buffering past the high-water mark', async () => {
    await relay.close();
    relay = await startRelay({ highWater: 3, retryAfterMs: 250 });
    const ack = await publish(edge(await relay.edgeKey()), [1, 2, 3, 4, 5].map((n) => result(n)));
    expect(ack.accepted).toEqual([]);
    expect(ack.retryAfterMs).toBe(250);
    expect(ack.rejected[0]!.reason).toMatch(/^retry_after/);
  });
});

describe('wrong edge keys', () => {
  it('past the limit an address is refused before any hash is computed; an edge already verified keeps publishing', async () => {
    await relay.close();
    let now = Date.now();
    relay = await startRelay({ clock: () => now, edgeKeyFailuresPerMinute: 3 });
    const [working, fresh] = [await relay.edgeKey(), await relay.edgeKey()];
    const post = (key: string) => fetch(`${relay.url}/api/v1/inferences`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify([result(Math.random())]) });
    expect((await post(working)).status).toBe(202); // verified once, then cached
    for (const guess of ['cl_abc_wrong1', 'cl_abc_wrong2', 'junk']) expect((await post(guess)).status).toBe(401);
    const blocked = await post(fresh); // even a right key, not verified before, waits: nothing is hashed
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('60');
    expect(((await blocked.json()) as { error: string }).error).toMatch(/^unauthorized: too many wrong edge keys from this address; retry in 60 s/);
    const err = await new Promise<Error>((ok) => edge('cl_abc_wrong4').once('connect_error', ok));
    expect(err.message).toMatch(/too many wrong edge keys/);
    expect((await post(working)).status).toBe(202);
    now += 61_000;
    expect((await post(fresh)).status).toBe(202);
  });
});

describe('edge ingest over HTTP', () => {
  it('accepts a JSON array with a Bearer key and answers per item', async () => {
    const key = await relay.edgeKey();
    const post = (body: string, auth = `Bearer ${key}`) => fetch(`${relay.url}/api/v1/inferences`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: auth }, body });
    const res = await post(JSON.stringify([result(1), { ...result(2), threshold: 'x' }]));
    expect(res.status).toBe(202);
    const ack = (await res.json()) as IngestAck;
    expect(ack.accepted).toEqual(['r-1']);
    expect(ack.rejected[0]).toMatchObject({ index: 1, id: 'r-2' });
    expect(ack.rejected[0]!.reason).toMatch(/threshold/);
    expect((await post('[]', 'Bearer wrong')).status).toBe(401);
    expect((await post('{"not":"an array"}')).status).toBe(400);
    expect((await post('{broken json')).status).toBe(400);
    expect((await post(JSON.stringify([{ ...result(3), meta: { pad: 'x'.repeat(256) } }]).padEnd(1_100_000, ' '))).status).toBe(413);
    expect((await fetch(`${relay.url}/healthz`)).status).toBe(200);
  });
});
