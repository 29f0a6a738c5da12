import { beforeEach, describe, expect, it } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { AlertBridge } from './socket.ts';
import { memoryOutbox, type Outbox } from './command-outbox.ts';
import { connectionKey, type ConnectionState } from './connection.ts';
import { commandOutcomeKey } from './command-outcome.ts';
import { droppedEventsQuery } from './dropped-events.ts';
import { roomKey, type RoomState } from './room.ts';
import { FakeSocket } from './testing/fake-socket.ts';
import { makeAlert, makeChange } from './testing/alert-fixture.ts';

const flushAsync = () => new Promise((r) => setTimeout(r, 0));
const snapshot = (seq: number, ids: string[]) => ({
  status: 'snapshot', snapshot: { plant: 'demo', line: 'line2', seq, alerts: ids.map((id) => makeAlert({ id })), consoles: [] },
});
const cmd = (n: number) => ({ type: 'acknowledge' as const, alertId: 'a-1', commandId: `00000000-0000-4000-8000-00000000000${n}` });

describe('AlertBridge', () => {
  let qc: QueryClient;
  let sock: FakeSocket;
  let outbox: Outbox;
  let flushes: (() => void)[];
  let bridge: AlertBridge;
  const room = () => qc.getQueryData<RoomState>(roomKey('demo', 'line2'));
  const conn = () => qc.getQueryData<ConnectionState>(connectionKey);
  const runFlushes = () => flushes.splice(0).forEach((f) => f());

  beforeEach(() => {
    qc = new QueryClient();
    sock = new FakeSocket();
    outbox = memoryOutbox();
    flushes = [];
    bridge = new AlertBridge(qc, { socket: () => sock.asSocket(), outbox, schedule: (f) => flushes.push(f) });
  });

  it('subscribes on connect, writes the snapshot under the room key and goes live', async () => {
    sock.answer = () => snapshot(5, ['a', 'b']);
    const ready = bridge.openRoom('demo', 'line2');
    sock.goOnline();
    expect(Object.keys((await ready).alerts)).toEqual(['a', 'b']);
    await flushAsync();
    expect(room()?.seq).toBe(5);
    expect(conn()?.status).toBe('live');
    expect(sock.sent[0]).toEqual({ event: 'subscribe', payload: { plant: 'demo', line: 'line2' } });
  });

  it('coalesces pushed changes into one cache write per flush', async () => {
    sock.answer = () => snapshot(5, []);
    sock.goOnline();
    await bridge.openRoom('demo', 'line2');
    let writes = 0;
    const unsub = qc.getQueryCache().subscribe((e) => e.type === 'updated' && e.query.queryKey[0] === 'room' && writes++);
    for (let i = 6; i < 1006; i++) sock.push('alert:change', makeChange(i, makeAlert({ id: `x${i % 50}`, count: i })));
    expect(room()?.seq).toBe(5); // nothing written before the frame
    expect(flushes).toHaveLength(1);
    runFlushes();
    unsub();
    expect(writes).toBe(1);
    expect(room()?.seq).toBe(1005);
    expect(Object.keys(room()!.alerts)).toHaveLength(50);
  });

  it('ignores changes of other lines', async () => {
    sock.answer = () => snapshot(5, []);
    sock.goOnline();
    await bridge.openRoom('demo', 'line2');
    sock.push('alert:change', makeChange(6, makeAlert({ id: 'other', line: 'line1' })));
    runFlushes();
    expect(room()?.alerts).toEqual({});
  });

  it('after a cut, sends the last seq and applies the replay; changes pushed during the replay are kept', async () => {
    sock.answer = () => snapshot(5, ['a']);
    sock.goOnline();
    await bridge.openRoom('demo', 'line2');
    await flushAsync();
    sock.goOffline();
    expect(conn()?.status).toBe('reconnecting');
    expect(conn()?.staleSince).not.toBeNull();
    sock.answer = async (event, payload) => {
      expect(payload).toMatchObject({ lastSeq: 5 });
      // a live change arrives before the replay's answer
      sock.push('alert:change', makeChange(9, makeAlert({ id: 'live' })));
      runFlushes();
      return { status: 'replay', seq: 8, consoles: [], changes: [makeChange(6, makeAlert({ id: 'missed' })), makeChange(7, makeAlert({ id: 'a', state: 'normal', active: false }))] };
    };
    sock.goOnline();
    await flushAsync();
    expect(Object.keys(room()!.alerts).sort()).toEqual(['live', 'missed']);
    expect(room()?.seq).toBe(9);
    expect(conn()?.status).toBe('live');
  });

  it('a refused subscription rejects the room and says why', async () => {
    sock.answer = () => ({ status: 'refused', code: 'forbidden', reason: 'forbidden: demo/line2 is outside your scope' });
    const ready = bridge.openRoom('demo', 'line2');
    sock.goOnline();
    await expect(ready).rejects.toThrow(/outside your scope/);
    expect(conn()).toMatchObject({ status: 'refused' });
  });

  it('drops and counts a malformed subscribe answer, and takes the next well-formed one', async () => {
    sock.answer = () => ({ status: 'snapshot', snapshot: { plant: 'demo', line: 'line2', seq: 'five', alerts: [] } });
    const ready = bridge.openRoom('demo', 'line2');
    sock.goOnline();
    await flushAsync();
    expect(qc.getQueryData(droppedEventsQuery.queryKey)).toMatchObject({ count: 1, last: { event: 'subscribe answer' } });
    expect(room()).toBeUndefined();
    expect(conn()?.status).toBe('connecting');
    sock.answer = () => snapshot(5, ['a']);
    sock.goOffline();
    sock.goOnline();
    expect(Object.keys((await ready).alerts)).toEqual(['a']);
  });

  it('queues commands while offline and sends them, in order, after reconnecting', async () => {
    sock.answer = () => snapshot(5, []);
    void bridge.openRoom('demo', 'line2');
    expect(await bridge.send(cmd(1))).toEqual({ status: 'queued' });
    expect(await bridge.send(cmd(2))).toEqual({ status: 'queued' });
    expect((await outbox.list()).map((c) => c.commandId)).toEqual([cmd(1).commandId, cmd(2).commandId]);
    expect(conn()?.queued).toBe(2);
    sock.answer = (event, payload) => (event === 'subscribe' ? snapshot(5, []) : { status: 'done', commandId: (payload as { commandId: string }).commandId });
    sock.goOnline();
    await flushAsync();
    await flushAsync();
    expect(sock.sent.filter((s) => s.event === 'command').map((s) => (s.payload as { commandId: string }).commandId)).toEqual([cmd(1).commandId, cmd(2).commandId]);
    expect(await outbox.list()).toEqual([]);
    expect(conn()?.queued).toBe(0);
    expect(qc.getQueryData(commandOutcomeKey(cmd(1).commandId))).toEqual({ status: 'done' });
  });

  it('answers a command online with the relay ack', async () => {
    sock.answer = (event) => (event === 'subscribe' ? snapshot(5, []) : { status: 'refused', code: 'limit', reason: 'operators may shelve for at most 2 h' });
    sock.goOnline();
    await bridge.openRoom('demo', 'line2');
    expect(await bridge.send(cmd(3))).toEqual({ status: 'refused', code: 'limit', reason: 'operators may shelve for at most 2 h' });
  });

  it('leaves the relay room when the last screen showing it lets go, and replays from its seq on return', async () => {
    sock.answer = () => snapshot(5, ['a']);
    sock.goOnline();
    const releaseA = bridge.retain('demo', 'line2');
    const releaseB = bridge.retain('demo', 'line2');
    await flushAsync();
    releaseA();
    releaseA(); // twice is harmless
    expect(sock.sent.filter((s) => s.event === 'unsubscribe')).toEqual([]);
    releaseB();
    expect(sock.sent.filter((s) => s.event === 'unsubscribe')).toEqual([{ event: 'unsubscribe', payload: { plant: 'demo', line: 'line2' } }]);
    // Changes for a room we left are ignored; the cached state stays for a return.
    sock.push('alert:change', makeChange(6, makeAlert({ id: 'late' })));
    runFlushes();
    expect(Object.keys(room()!.alerts)).toEqual(['a']);
    sock.answer = (_e, payload) => {
      expect(payload).toEqual({ plant: 'demo', line: 'line2', lastSeq: 5 });
      return { status: 'replay', seq: 6, consoles: [], changes: [makeChange(6, makeAlert({ id: 'late' }))] };
    };
    bridge.retain('demo', 'line2');
    await flushAsync();
    expect(Object.keys(room()!.alerts).sort()).toEqual(['a', 'late']);
  });
});
