import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { ROLE_RANK, type Role } from '../../src/protocol/common.ts';
import type { IngestAck } from '../../src/protocol/inference.ts';
import { refusalCodeOf, type RefusalCode } from '../../src/protocol/refusal.ts';
import {
  BROWSER_SOCKET_EVENTS, EDGE_SOCKET_EVENTS, type BrowserAskEvent, type BrowserNoticeEvent,
} from '../../src/protocol/socket-events.ts';
import { PRINCIPALS, startPrincipalsRelay, type Principal } from '../testing/principals.ts';
import type { TestRelay } from '../testing/relay.ts';
import { result } from '../testing/results.ts';
import { actOnDeclared, answerDeclared, type DeclaredSocket } from './declared-events.ts';
import { lineRoom } from './publisher.ts';
import { trendRoom } from './trend-stream.ts';

// The socket half of the authorisation matrix, driven by the declarations in src/protocol/socket-events.ts:
// every kind of caller sends every declared event, and gets what the event's role and scope rule say.

/** The role each signed-in kind acts with: a panel without an identified operator is a viewer of its line. */
const ROLE_OF: Partial<Record<Principal, Role>> = { viewer: 'viewer', operator: 'operator', supervisor: 'supervisor', engineer: 'engineer', admin: 'admin', panel: 'viewer' };
/** Events socket.io itself emits on a server socket: not browser events. */
const RESERVED = new Set(['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener', 'error']);

let alertId = '';
/** A request in the caller's scope, and one outside it (every principal here is scoped to p1; the panel to p1/l1). */
const ASKS: Record<BrowserAskEvent, { inside: () => unknown; outside: () => unknown }> = {
  subscribe: { inside: () => ({ plant: 'p1', line: 'l1' }), outside: () => ({ plant: 'p2', line: 'l2' }) },
  'trend:follow': { inside: () => ({ plant: 'p1', line: 'l1', asset: 'pump-1' }), outside: () => ({ plant: 'p2', line: 'l2', asset: 'pump-1' }) },
  command: {
    inside: () => ({ type: 'feedback', commandId: crypto.randomUUID(), alertId, answer: 'not_sure' }),
    outside: () => ({ type: 'feedback', commandId: crypto.randomUUID(), alertId: 'p2/l2/pump-1/watch/anomaly#1', answer: 'not_sure' }),
  },
};
/** A notice, an ask that makes the relay join the room it leaves, and that room. */
const NOTICES: Record<BrowserNoticeEvent, { request: unknown; join: [BrowserAskEvent, unknown]; room: string }> = {
  unsubscribe: { request: { plant: 'p1', line: 'l1' }, join: ['subscribe', { plant: 'p1', line: 'l1' }], room: lineRoom('p1', 'l1') },
  'trend:unfollow': { request: { plant: 'p1', line: 'l1', asset: 'pump-1' }, join: ['trend:follow', { plant: 'p1', line: 'l1', asset: 'pump-1' }], room: trendRoom('p1', 'l1', 'pump-1') },
};

let relay: TestRelay;
let auth: Map<Principal, Record<string, string>>;

beforeAll(async () => {
  ({ relay, auth, alertId } = await startPrincipalsRelay());
}, 60_000);
afterAll(async () => relay.close());

async function open(who: Principal, nsp = ''): Promise<ClientSocket | null> {
  const socket = connect(`${relay.url}${nsp}`, { extraHeaders: auth.get(who), transports: ['websocket'], forceNew: true, reconnection: false });
  const connected = await new Promise<boolean>((ok) => {
    socket.once('connect', () => ok(true));
    socket.once('connect_error', () => ok(false));
  });
  if (connected) return socket;
  socket.close();
  return null;
}

/** The relay's end of a browser socket. */
const serverSide = (socket: ClientSocket) => relay.app.io.of('/').sockets.get(socket.id!) as unknown as DeclaredSocket;

type Answer = { status: string; code?: RefusalCode };

describe('authorisation matrix: socket events × every kind of caller, from the declarations', () => {
  it('the relay listens to exactly the declared browser and edge events', async () => {
    const browser = (await open('viewer'))!;
    const listened = serverSide(browser).eventNames().map(String).filter((e) => !RESERVED.has(e)).sort();
    expect(listened).toEqual(Object.keys(BROWSER_SOCKET_EVENTS).sort());
    browser.close();
    const edge = connect(`${relay.url}/edge`, { extraHeaders: auth.get('edge-other-line'), transports: ['websocket'], forceNew: true, reconnection: false });
    await new Promise<void>((ok) => edge.once('connect', () => ok()));
    const edgeSide = relay.app.io.of('/edge').sockets.get(edge.id!)!;
    expect(edgeSide.eventNames().map(String).filter((e) => !RESERVED.has(e)).sort()).toEqual(Object.keys(EDGE_SOCKET_EVENTS).sort());
    edge.close();
  });

  it('declares the policy of docs/design.md: viewers watch in scope, operators command, leaving needs only the connection', () => {
    // The matrix below follows the declarations; this pins them, so a change of policy is a deliberate edit here too.
    const policy = Object.fromEntries(Object.entries(BROWSER_SOCKET_EVENTS).map(([event, d]) => [event, `${d.kind} ${d.role} ${d.scope}`]));
    expect(policy).toEqual({
      subscribe: 'ask viewer request', unsubscribe: 'notice viewer none',
      'trend:follow': 'ask viewer request', 'trend:unfollow': 'notice viewer none',
      command: 'ask operator target',
    });
    expect(EDGE_SOCKET_EVENTS.inference.rule).toBe('edge-key');
  });

  it('refuses to register a handler for an event without a declaration of its kind', async () => {
    const browser = (await open('admin'))!;
    const server = serverSide(browser);
    const whoIs = () => Promise.reject(new Error('never asked'));
    expect(() => answerDeclared(server, 'admin:wipe' as never, whoIs, async () => ({}) as never)).toThrow(/no ask declaration/);
    expect(() => answerDeclared(server, 'toString' as never, whoIs, async () => ({}) as never)).toThrow(/no ask declaration/);
    expect(() => answerDeclared(server, 'unsubscribe' as never, whoIs, async () => ({}) as never)).toThrow(/no ask declaration/);
    expect(() => actOnDeclared(server, 'command' as never, () => undefined)).toThrow(/no notice declaration/);
    expect(server.eventNames()).not.toContain('admin:wipe');
    browser.close();
  });

  for (const who of PRINCIPALS) {
    it(`${who}: every declared event, in and outside its scope`, async () => {
      const socket = await open(who);
      const role = ROLE_OF[who];
      if (!role) return expect(socket).toBeNull(); // no browser session: no connection at all
      const outcome: string[] = [];
      try {
        for (const event of Object.keys(ASKS) as BrowserAskEvent[]) {
          const declared = BROWSER_SOCKET_EVENTS[event];
          const mayAsk = ROLE_RANK[role] >= ROLE_RANK[declared.role];
          const inside = (await socket!.emitWithAck(event, ASKS[event].inside())) as Answer;
          const insideWanted = mayAsk ? 'answered' : 'forbidden';
          const insideGot = inside.status === 'refused' ? inside.code! : 'answered';
          if (insideGot !== insideWanted) outcome.push(`${event} in scope: wanted ${insideWanted}, got ${JSON.stringify(inside)}`);
          // Outside the scope: refused, as forbidden, or for a target the handler looks up, as not found.
          const outside = (await socket!.emitWithAck(event, ASKS[event].outside())) as Answer;
          const outsideWanted = !mayAsk || declared.scope === 'request' ? 'forbidden' : 'not_found';
          if (outside.status !== 'refused' || outside.code !== outsideWanted) outcome.push(`${event} outside scope: wanted ${outsideWanted}, got ${JSON.stringify(outside)}`);
          const malformed = (await socket!.emitWithAck(event, { plant: 'not a slug!' })) as Answer;
          if (malformed.code !== 'invalid') outcome.push(`${event} malformed: wanted invalid, got ${JSON.stringify(malformed)}`);
          if (!BROWSER_SOCKET_EVENTS[event].answer.safeParse(inside).success) outcome.push(`${event}: answer does not match its declared schema`);
        }
        for (const event of Object.keys(NOTICES) as BrowserNoticeEvent[]) {
          const { request, join, room } = NOTICES[event];
          await socket!.emitWithAck(join[0], join[1]);
          expect(serverSide(socket!).rooms.has(room)).toBe(true);
          socket!.emit(event, { plant: 'not a slug!' }); // ignored
          socket!.emit(event, request);
          await socket!.emitWithAck('subscribe', { plant: 'p1', line: 'l9' }); // answered after the notices before it
          if (serverSide(socket!).rooms.has(room)) outcome.push(`${event}: still in ${room}`);
        }
      } finally {
        socket!.close();
      }
      expect(outcome).toEqual([]);
    });
  }

  it('a browser session cannot publish on /edge, and an edge key cannot publish outside its line', async () => {
    const asUser = connect(`${relay.url}/edge`, { extraHeaders: auth.get('admin'), transports: ['websocket'], forceNew: true, reconnection: false });
    expect(refusalCodeOf(await new Promise<Error & { data?: unknown }>((ok) => asUser.once('connect_error', ok)))).toBe('unauthorized');
    asUser.close();
    const key = auth.get('edge-other-line')!.authorization!.slice('Bearer '.length);
    const edge = connect(`${relay.url}/edge`, { auth: { key }, transports: ['websocket'], forceNew: true, reconnection: false });
    const ack = (await edge.emitWithAck('inference', [result(500)])) as IngestAck;
    expect(EDGE_SOCKET_EVENTS.inference.answer.safeParse(ack).success).toBe(true);
    expect(ack.accepted).toEqual([]);
    expect(ack.rejected[0]!.code).toBe('forbidden'); // a key of line l2 may not publish to l1
    edge.close();
  });
});
