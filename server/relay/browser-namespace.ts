import type { Namespace } from 'socket.io';
import { describeIssues } from '../../src/protocol/common.ts';
import { Subscribe, type BrowserToServerEvents, type ServerToBrowserEvents, type SubscribeAck } from '../../src/protocol/events.ts';
import type { Me } from '../../src/protocol/session.ts';
import { inScope } from '../auth/scope.ts';
import { cookieValue, SESSION_COOKIE, sessionMe } from '../auth/sessions.ts';
import { createCommandHandler, type CommandDeps } from './commands.ts';
import { lineRoom, plantRoom } from './publisher.ts';

type BrowserNamespace = Namespace<BrowserToServerEvents, ServerToBrowserEvents, Record<string, never>, { me: Me }>;

export interface BrowserDeps extends CommandDeps {
  /** Most changes replayed on reconnect; further behind gets a snapshot. */
  replayLimit: number;
}

/** Default namespace: signed-in browsers subscribe to rooms in their scope and send operator commands. */
export function registerBrowserNamespace(nsp: BrowserNamespace, deps: BrowserDeps) {
  nsp.use(async (socket, next) => {
    const me = await sessionMe(deps.store, cookieValue(socket.handshake.headers.cookie, SESSION_COOKIE), deps.clock());
    if (!me) return next(new Error('unauthorized: sign in first'));
    socket.data.me = me;
    next();
  });
  const command = createCommandHandler(deps);
  nsp.on('connection', (socket) => {
    socket.on('subscribe', (raw, ack) => {
      if (typeof ack !== 'function') return;
      subscribe(socket.data.me, raw, (room) => socket.join(room)).then(ack,
        (err: Error) => ack({ status: 'refused', reason: `error: ${err.message}` }));
    });
    socket.on('command', (raw, ack) => {
      if (typeof ack !== 'function') return;
      command(socket.data.me, raw).then(ack, (err: Error) => ack({ status: 'refused', reason: `error: ${err.message}` }));
    });
  });

  /** Joins the room before reading the store, so no change falls between the read and the live stream. */
  async function subscribe(me: Me, raw: unknown, join: (room: string) => void | Promise<void>): Promise<SubscribeAck> {
    const parsed = Subscribe.safeParse(raw);
    if (!parsed.success) return { status: 'refused', reason: `invalid: ${describeIssues(parsed.error)}` };
    const { plant, line, lastSeq } = parsed.data;
    if (!inScope(me.scopes, plant, line)) return { status: 'refused', reason: `forbidden: ${plant}${line ? '/' + line : ''} is outside your scope` };
    const room = { plant, line };
    await join(line ? lineRoom(plant, line) : plantRoom(plant));
    const consoles = deps.engine.consoles().filter((c) => c.plant === plant && (!line || c.line === line));
    const latest = await deps.store.latestSeq();
    if (lastSeq !== undefined && lastSeq <= latest) {
      const changes = await deps.store.changesAfter(room, lastSeq, deps.replayLimit + 1);
      if (changes.length <= deps.replayLimit) return { status: 'replay', changes, seq: latest, consoles };
    }
    const alerts = await deps.store.openAlerts(room);
    return { status: 'snapshot', snapshot: { plant, line: line ?? null, seq: latest, alerts, consoles } };
  }
}
