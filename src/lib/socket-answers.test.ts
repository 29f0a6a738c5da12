import { beforeEach, describe, expect, it } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { memoryOutbox, type Outbox } from './command-outbox.ts';
import { commandOutcomeKey } from './command-outcome.ts';
import { droppedEventsQuery } from './dropped-events.ts';
import { AlertBridge } from './socket.ts';
import { FakeSocket } from './testing/fake-socket.ts';

// Answers to `command` and `trend:follow` are parsed with the schemas declared in src/protocol/socket-events.ts.
const flushAsync = () => new Promise((r) => setTimeout(r, 0));
const snapshot = { status: 'snapshot', snapshot: { plant: 'demo', line: 'line2', seq: 1, alerts: [], consoles: [] } };
const cmd = { type: 'acknowledge' as const, alertId: 'a-1', commandId: '00000000-0000-4000-8000-000000000007' };

describe('AlertBridge answers', () => {
  let qc: QueryClient;
  let sock: FakeSocket;
  let outbox: Outbox;
  let bridge: AlertBridge;
  const dropped = () => qc.getQueryData(droppedEventsQuery.queryKey);

  beforeEach(() => {
    qc = new QueryClient();
    sock = new FakeSocket();
    outbox = memoryOutbox();
    bridge = new AlertBridge(qc, { socket: () => sock.asSocket(), outbox, schedule: () => undefined });
  });

  it('keeps a command whose answer is malformed as unanswered (counted), and records the answer of its resend', async () => {
    sock.answer = (event) => (event === 'subscribe' ? snapshot : { status: 'ok', commandId: cmd.commandId });
    sock.goOnline();
    await bridge.openRoom('demo', 'line2');
    expect(await bridge.send(cmd)).toEqual({ status: 'queued' });
    await flushAsync();
    // As after a timeout, the outbox tries once more at once, then keeps it for the next connect.
    expect(dropped()).toMatchObject({ count: 2, last: { event: 'command answer' } });
    expect((await outbox.list()).map((c) => c.commandId)).toEqual([cmd.commandId]);
    expect(qc.getQueryData(commandOutcomeKey(cmd.commandId))).toBeUndefined();
    sock.answer = (event) => (event === 'subscribe' ? snapshot : { status: 'done', commandId: cmd.commandId });
    sock.goOffline();
    sock.goOnline();
    await flushAsync();
    await flushAsync();
    expect(await outbox.list()).toEqual([]);
    expect(qc.getQueryData(commandOutcomeKey(cmd.commandId))).toEqual({ status: 'done' });
    expect(dropped()).toMatchObject({ count: 2 });
  });

  it('records a well-formed refusal as refused, without counting it', async () => {
    sock.answer = (event) => (event === 'subscribe' ? snapshot : { status: 'refused', commandId: cmd.commandId, code: 'forbidden', reason: 'forbidden: viewers cannot change alerts' });
    sock.goOnline();
    await bridge.openRoom('demo', 'line2');
    expect(await bridge.send(cmd)).toEqual({ status: 'refused', code: 'forbidden', reason: 'forbidden: viewers cannot change alerts' });
    expect(dropped()).toBeUndefined();
  });

  it.each([
    [{ status: 'following' }, undefined],
    [{ status: 'refused', code: 'limit', reason: 'limit: at most 24 trends at once' }, undefined],
    [{ status: 'refused', code: 'no such code', reason: 'x' }, { count: 1, last: { event: 'trend:follow answer' } }],
    [{ status: 'watching' }, { count: 1, last: { event: 'trend:follow answer' } }],
  ])('parses the trend:follow answer %j (dropped: %j)', async (answer, expected) => {
    sock.answer = (event) => (event === 'trend:follow' ? answer : snapshot);
    void bridge.openRoom('demo', 'line2');
    bridge.followTrend('demo', 'line2', 'p101');
    sock.goOnline();
    await flushAsync();
    expect(sock.sent.filter((s) => s.event === 'trend:follow')).toHaveLength(1);
    if (expected) expect(dropped()).toMatchObject(expected);
    else expect(dropped()).toBeUndefined();
  });
});
