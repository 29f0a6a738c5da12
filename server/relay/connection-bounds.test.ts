// Bounds on connections and rooms (issue #11, point 6), with the default configuration, on a real relay
// with real socket.io clients: the 21st socket of one session and the 11th edge socket of one edge key
// are refused at the handshake by name, a 51st line/plant subscription on one socket is refused with a
// code, and a closed socket or a left room frees its place.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { SubscribeAck } from '../../src/protocol/events.ts';
import { startRelay, type TestRelay } from '../testing/relay.ts';

let relay: TestRelay;
const opened: Socket[] = [];
beforeAll(async () => {
  relay = await startRelay();
  await relay.addUser('olga', 'operator');
});
afterAll(async () => {
  opened.forEach((s) => s.close());
  await relay.close();
});

/** Resolves once the socket is connected, or with the handshake's refusal. */
const outcome = (s: Socket) => new Promise<string>((ok) => {
  s.once('connect', () => ok('connected'));
  s.once('connect_error', (err) => ok(err.message));
});
const browser = (cookie: string) => relay.browser(cookie);
const edge = (key: string) => {
  const s = connect(`${relay.url}/edge`, { auth: { key }, transports: ['websocket'], reconnection: false, forceNew: true });
  opened.push(s);
  return s;
};

describe('connections per session', () => {
  it('refuses the 21st socket of one session at the handshake; another session, or a freed place, connects', async () => {
    const cookie = await relay.login('olga');
    const twenty = Array.from({ length: 20 }, () => browser(cookie));
    expect(await Promise.all(twenty.map(outcome))).toEqual(Array(20).fill('connected'));
    expect(await outcome(browser(cookie))).toMatch(/^limit: at most 20 connections per session \(MAX_CONNECTIONS_PER_SESSION\)/);
    expect(await outcome(browser(await relay.login('olga')))).toBe('connected');
    twenty[0]!.close();
    // The relay frees the place when it sees the close; a retry after that connects.
    await expect.poll(async () => outcome(browser(cookie))).toBe('connected');
  });
});

describe('rooms per connection', () => {
  it('refuses the 51st line or plant subscription of one socket with a code; a room already joined, or one after leaving, is fine', async () => {
    const s = browser(await relay.login('olga'));
    expect(await outcome(s)).toBe('connected');
    const subscribe = (plant: string, line?: string) => s.emitWithAck('subscribe', line ? { plant, line } : { plant }) as Promise<SubscribeAck>;
    for (let i = 0; i < 25; i++) expect((await subscribe('p1', `l${i}`)).status).toBe('snapshot');
    for (let i = 0; i < 25; i++) expect((await subscribe(`p${i}`)).status).toBe('snapshot');
    expect(await subscribe('p1', 'l51')).toEqual({ status: 'refused', code: 'limit', reason: expect.stringMatching(/^limit: at most 50 line and plant subscriptions per connection \(MAX_ROOMS_PER_CONNECTION\)/) });
    expect(await subscribe('p99')).toEqual({ status: 'refused', code: 'limit', reason: expect.stringMatching(/^limit:/) });
    expect((await subscribe('p1', 'l3')).status).toBe('snapshot'); // already joined: a resubscribe, not a new room
    s.emit('unsubscribe', { plant: 'p1', line: 'l3' });
    expect((await subscribe('p1', 'l51')).status).toBe('snapshot');
  });
});

describe('connections per edge key', () => {
  it('refuses the 11th socket of one edge key at the handshake; another key connects', async () => {
    const key = await relay.edgeKey();
    const ten = Array.from({ length: 10 }, () => edge(key));
    expect(await Promise.all(ten.map(outcome))).toEqual(Array(10).fill('connected'));
    expect(await outcome(edge(key))).toMatch(/^limit: at most 10 connections per edge key \(MAX_CONNECTIONS_PER_EDGE_KEY\)/);
    expect(await outcome(edge(await relay.edgeKey()))).toBe('connected');
    ten[0]!.close();
    await expect.poll(async () => outcome(edge(key))).toBe('connected');
  });
});
