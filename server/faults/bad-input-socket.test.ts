// Bad input on the relay's socket.io side: generated `subscribe`, `command` and `trend:follow` payloads (fast-check),
// hostile shapes (pollution keys, deep nesting, binary, no ack, extra arguments, unknown events, a
// message over the 1 MB buffer) and garbage handshakes on the browser and /edge namespaces. A signed-in
// browser holds one long-lived socket, so a bad event must get a refused ack with a reason and leave that
// socket (and everyone else's) connected; only an oversized message may drop its own connection.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { io, type Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { sleep } from './support.ts';
import { countTried, expectStillServing, expectUnpolluted, mutate, plant, relayUnderAttack } from './bad-input-support.ts';

const target = relayUnderAttack(import.meta.filename);

function browserSocket(cookie: string): Promise<Socket> {
  const s = io(target.relay.url, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie } });
  return new Promise((ok, fail) => {
    s.once('connect', () => ok(s));
    s.once('connect_error', fail);
  });
}

interface Refusal { status: string; reason?: string }
const expectAnswer = (ack: Refusal) => {
  expect(['refused', 'done', 'snapshot', 'replay', 'following']).toContain(ack.status);
  if (ack.status === 'refused') expect(ack.reason, 'a refusal names its reason').toMatch(/\S/);
};

describe('browser socket events', () => {
  it('answers generated subscribe, command and trend:follow payloads with a reason, and stays connected (fast-check)', async () => {
    const s = await browserSocket(target.operator);
    const subscribes = fc.oneof(mutate({ plant: 'p1', line: 'l1', lastSeq: 0 }), fc.jsonValue({ maxDepth: 3 }));
    await fc.assert(fc.asyncProperty(subscribes, async (p) => {
      countTried();
      expectAnswer((await s.timeout(10_000).emitWithAck('subscribe', p)) as Refusal);
    }), { numRuns: 300 });
    const commands = fc.oneof(
      mutate({ type: 'acknowledge', commandId: randomUUID(), alertId: 'p1/l1/a/m/x#1' }),
      mutate({ type: 'shelve', commandId: randomUUID(), alertId: 'p1/l1/a/m/x#1', reason: 'planned work', minutes: 30 }),
      mutate({ type: 'feedback', commandId: randomUUID(), alertId: 'p1/l1/a/m/x#1', answer: 'real', reasons: ['other'], note: 'n' }),
      mutate({ type: 'out_of_service', commandId: randomUUID(), plant: 'p1', line: 'l1', asset: 'a', reason: 'r', until: Date.now() + 60_000 }),
      fc.jsonValue({ maxDepth: 3 }),
    );
    await fc.assert(fc.asyncProperty(commands, async (p) => {
      countTried();
      expectAnswer((await s.timeout(10_000).emitWithAck('command', p)) as Refusal);
    }), { numRuns: 300 });
    await fc.assert(fc.asyncProperty(fc.oneof(mutate({ plant: 'p1', line: 'l1', asset: 'pump-1' }), fc.jsonValue({ maxDepth: 3 })), async (p) => {
      countTried();
      expectAnswer((await s.timeout(10_000).emitWithAck('trend:follow', p)) as Refusal);
    }), { numRuns: 150 });
    expect(s.connected).toBe(true);
    s.close();
  }, 120_000);

  it('survives hostile shapes: pollution keys, deep nesting, binary, no ack, extra args, unknown events, oversized', async () => {
    const s = await browserSocket(target.operator);
    const shapes: unknown[] = [
      JSON.parse('{"__proto__":{"polluted":"yes"},"plant":"p1"}'), JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}}}'),
      JSON.parse('['.repeat(2000) + ']'.repeat(2000)), new Uint8Array([0xff, 0xfe, 0x00]), Buffer.from('{"plant":"p1"}'), null, 42, 'plant', [],
      { plant: 'p1', line: 'l1', lastSeq: -1 }, { plant: 'p1', line: 'l1', lastSeq: Number.MAX_SAFE_INTEGER + 2 }, { plant: 'p1', line: 'l1', lastSeq: 1.5 },
      { plant: '*' }, { plant: 'p1', line: '../l2' }, { type: 'acknowledge', commandId: 'not-a-uuid', alertId: 'x' },
      { type: 'feedback', commandId: randomUUID(), alertId: 'x', answer: 'real', note: 'n'.repeat(100_000) },
    ];
    for (const p of shapes) {
      for (const ev of ['subscribe', 'command', 'trend:follow']) {
        countTried();
        expectAnswer((await s.timeout(10_000).emitWithAck(ev, p)) as Refusal);
        countTried();
        s.emit(ev, p); // no ack function: nothing to answer, nothing must break
        countTried();
        s.emit(ev, p, 'extra', { more: 1 }, () => undefined); // the ack is not the 2nd argument: ignored, not answered
      }
      countTried(2);
      s.emit('unsubscribe', p);
      s.emit('trend:unfollow', p);
      countTried();
      s.emit('no-such-event', p, () => undefined);
    }
    await sleep(200);
    expect(s.connected).toBe(true);
    expectUnpolluted();
    // Over maxHttpBufferSize (1 MB): socket.io drops that connection; the relay carries on.
    countTried();
    const gone = new Promise<string>((ok) => s.once('disconnect', ok));
    s.emit('subscribe', { plant: 'p1', pad: 'x'.repeat(1_100_000) });
    expect(await gone).toMatch(/transport|server/);
    const again = await browserSocket(target.operator);
    expect(((await again.emitWithAck('subscribe', { plant: plant, line: 'l1' })) as Refusal).status).toBe('snapshot');
    again.close();
  }, 60_000);

  it('refuses garbage handshakes on the browser and edge namespaces', async () => {
    const attempts: { nsp: string; opts: Parameters<typeof io>[1] }[] = [
      ...['x', 'clearline_session=' + 'y'.repeat(5000), 'clearline_session=\u00ff', ''].map((cookie) => ({ nsp: '', opts: { extraHeaders: { cookie } } })),
      ...[{ key: 1 }, { key: null }, { key: 'cl_x_y' }, { key: 'x'.repeat(10_000) }, { key: { toString: 'x' } }, { key: ['a'] }, { __proto__: { key: 'k' } }].map((auth) => ({ nsp: '/edge', opts: { auth: auth as Record<string, unknown> } })),
    ];
    for (const a of attempts) {
      countTried();
      const s = io(`${target.relay.url}${a.nsp}`, { transports: ['websocket'], forceNew: true, reconnection: false, ...a.opts });
      const err = await new Promise<Error | null>((ok) => {
        s.once('connect', () => ok(null));
        s.once('connect_error', ok);
      });
      s.close();
      expect(err?.message, `handshake on "${a.nsp || '/'}" refused`).toMatch(/unauthori[sz]ed|sign in/i);
    }
  }, 60_000);
});

it('still takes valid traffic and answers health afterwards', () => expectStillServing(target));
