import type { Namespace } from 'socket.io';
import type { BrowserToServerEvents, ServerToBrowserEvents, Subscribe, SubscribeAck } from '../../src/protocol/events.ts';
import { cookieValue, SESSION_COOKIE, sessionMe } from '../auth/sessions.ts';
import { touchOperator } from '../auth/panels.ts';
import { DEFAULT_BOUNDS } from './bounds.ts';
import { createCommandHandler, type CommandDeps } from './commands.ts';
import { ConnectionLimit } from './connection-limit.ts';
import { plantShelveLimits } from '../../src/protocol/shelving.ts';
import { lineRoom, plantRoom } from './publisher.ts';
import type { SnapshotWindow } from './snapshot-window.ts';
import { actOnDeclared, answerDeclared } from './declared-events.ts';
import { RefusedError } from './refused.ts';
import { registerTrendFollowing } from './trend-following.ts';

type BrowserNamespace = Namespace<BrowserToServerEvents, ServerToBrowserEvents, Record<string, never>, { token: string }>;

export interface BrowserDeps extends CommandDeps {
  /** Most changes replayed on reconnect; further behind gets a snapshot. */
  replayLimit: number;
  /** Open after the adapter's link was lost: replays cannot be trusted, snapshots only (snapshot-window.ts). */
  snapshotsOnly?: SnapshotWindow;
  /** Sockets one session may hold open on this relay (MAX_CONNECTIONS_PER_SESSION). */
  maxConnectionsPerSession?: number;
  /** Line and plant subscriptions of one socket (MAX_ROOMS_PER_CONNECTION). */
  maxRoomsPerConnection?: number;
}

/** Line and plant rooms (publisher.ts) a socket has joined: not its own room, nor trend rooms (limited apart). */
const subscribedRooms = (rooms: Set<string>) => {
  let n = 0;
  for (const r of rooms) if (r.startsWith('line:') || r.startsWith('plant:')) n++;
  return n;
};

/** Default namespace: signed-in browsers subscribe to rooms in their scope and send operator commands. */
export function registerBrowserNamespace(nsp: BrowserNamespace, deps: BrowserDeps) {
  // Every socket costs the relay memory and a share of every push: one cookie may not open hundreds.
  const maxSockets = deps.maxConnectionsPerSession ?? DEFAULT_BOUNDS.maxConnectionsPerSession;
  const maxRooms = deps.maxRoomsPerConnection ?? DEFAULT_BOUNDS.maxRoomsPerConnection;
  const sessions = new ConnectionLimit(maxSockets);
  nsp.use(async (socket, next) => {
    const token = cookieValue(socket.handshake.headers.cookie, SESSION_COOKIE);
    if (!(await sessionMe(deps.store, token, deps.clock()))) return next(new RefusedError('unauthorized', 'unauthorized: sign in first'));
    if (!sessions.admit(token!, socket)) {
      return next(new RefusedError('limit', `limit: at most ${maxSockets} connections per session (MAX_CONNECTIONS_PER_SESSION); close another tab or window first`));
    }
    socket.data.token = token!;
    next();
  });
  // Who is acting is read again for every event: a session may end, and on a panel the identified
  // operator changes (badge + PIN) or falls back to viewer while the socket stays open.
  const whoIs = async (token: string) => {
    const me = await sessionMe(deps.store, token, deps.clock());
    if (!me) throw new RefusedError('unauthorized', 'unauthorized: your session has ended, sign in again');
    return me;
  };
  const command = createCommandHandler(deps);
  nsp.on('connection', (socket) => {
    // Checked and joined in one step (no await between), so parallel subscribes cannot pass the bound together.
    const join = async (room: string) => {
      if (!socket.rooms.has(room) && subscribedRooms(socket.rooms) >= maxRooms) return false;
      await socket.join(room);
      return true;
    };
    // Each handler is registered from its declaration (src/protocol/socket-events.ts), which parses and authorises.
    answerDeclared(socket, 'subscribe', whoIs, (_me, sub) => subscribe(sub, join));
    actOnDeclared(socket, 'unsubscribe', (room) => void socket.leave(room.line ? lineRoom(room.plant, room.line) : plantRoom(room.plant)));
    registerTrendFollowing(socket, whoIs);
    answerDeclared(socket, 'command', whoIs, async (me, cmd) => {
      const answer = await command(me, cmd);
      if (answer.status === 'done' && me.panel) await touchOperator(deps.store, socket.data.token, deps.clock());
      return answer;
    }, { refuse: command.refused });
  });

  /** Answers a subscription already parsed and in scope. Joins the room before reading the store, so no change falls between the read and the live stream. */
  async function subscribe({ plant, line, lastSeq }: Subscribe, join: (room: string) => Promise<boolean>): Promise<SubscribeAck> {
    const room = { plant, line };
    if (!(await join(line ? lineRoom(plant, line) : plantRoom(plant)))) {
      return { status: 'refused', code: 'limit', reason: `limit: at most ${maxRooms} line and plant subscriptions per connection (MAX_ROOMS_PER_CONNECTION); unsubscribe one first` };
    }
    const consoles = deps.engine.consoles().filter((c) => c.plant === plant && (!line || c.line === line));
    const shelving = plantShelveLimits(deps.engine.policy(), plant);
    const latest = await deps.store.latestSeq();
    if (lastSeq !== undefined && lastSeq <= latest && !deps.snapshotsOnly?.isOpen(deps.clock())) {
      const changes = await deps.store.changesAfter(room, lastSeq, deps.replayLimit + 1);
      if (changes.length <= deps.replayLimit) return { status: 'replay', changes, seq: latest, consoles, assets: deps.host.abnormalAssets(plant, line), shelving };
    }
    const alerts = await deps.store.openAlerts(room);
    return { status: 'snapshot', snapshot: { plant, line: line ?? null, seq: latest, alerts, consoles, assets: deps.host.abnormalAssets(plant, line), shelving } };
  }
}
