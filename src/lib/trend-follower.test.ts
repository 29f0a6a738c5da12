import { beforeEach, describe, expect, it } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import type { Trend } from '../protocol/trend.ts';
import { memoryOutbox } from './command-outbox.ts';
import { AlertBridge } from './socket.ts';
import { FakeSocket } from './testing/fake-socket.ts';
import { trendKey } from './trend.ts';

const flushAsync = () => new Promise((r) => setTimeout(r, 0));
const pump1 = { plant: 'demo', line: 'line1', asset: 'p101' };
const push = (ts: number, score: number) => ({ ...pump1, point: { ts, score, threshold: 1, values: { flow: 10 } } });

describe('AlertBridge live trends', () => {
  let qc: QueryClient;
  let sock: FakeSocket;
  let bridge: AlertBridge;
  const key = [...trendKey('demo', 'line1', 'p101', 0, 60_000), 240];
  const follows = () => sock.sent.filter((m) => m.event.startsWith('trend:'));

  beforeEach(() => {
    qc = new QueryClient();
    sock = new FakeSocket();
    sock.answer = (event) => (event === 'trend:follow' ? { status: 'following' } : { status: 'snapshot', snapshot: { plant: 'demo', line: 'line1', seq: 0, alerts: [], consoles: [] } });
    bridge = new AlertBridge(qc, { socket: () => sock.asSocket(), outbox: memoryOutbox(), schedule: () => undefined });
  });

  it('follows once per asset however many screens show it, again (and refetched) after a reconnect, and unfollows after the last', async () => {
    void bridge.openRoom('demo', 'line1'); // the screen's room opens the connection
    const a = bridge.followTrend('demo', 'line1', 'p101');
    const b = bridge.followTrend('demo', 'line1', 'p101');
    sock.goOnline();
    await flushAsync();
    expect(follows()).toEqual([{ event: 'trend:follow', payload: pump1 }]);
    const cached = [...trendKey('demo', 'line1', 'p101', 0, 60_000), 240];
    qc.setQueryData<Trend>(cached, { asset: 'p101', points: [] });
    expect(qc.getQueryState(cached)?.isInvalidated).toBe(false);
    sock.goOffline();
    sock.goOnline();
    await flushAsync();
    expect(follows()).toHaveLength(2);
    expect(qc.getQueryState(cached)?.isInvalidated).toBe(true); // points missed while offline: fetched again
    a();
    expect(follows()).toHaveLength(2);
    b();
    expect(follows().at(-1)).toEqual({ event: 'trend:unfollow', payload: pump1 });
  });

  it('merges pushed points into the cached trend window under its own key, and ignores malformed pushes', async () => {
    void bridge.openRoom('demo', 'line1');
    bridge.followTrend('demo', 'line1', 'p101');
    sock.goOnline();
    qc.setQueryData<Trend>(key, { asset: 'p101', points: [{ ts: 1000, score: 0.1, threshold: 1, values: {} }] });
    sock.push('trend:point', push(2000, 0.5));
    sock.push('trend:point', push(90_000, 0.9)); // after this window: for the next one
    sock.push('trend:point', { ...push(3000, 0.7), plant: 'bad plant' });
    sock.push('trend:point', { ...pump1, asset: 'p102', point: push(4000, 0.2).point });
    expect(qc.getQueryData<Trend>(key)?.points.map((p) => [p.ts, p.score])).toEqual([[1000, 0.1], [2000, 0.5]]);
  });
});
