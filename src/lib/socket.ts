import { io } from 'socket.io-client';
import type { QueryClient } from '@tanstack/react-query';
import { refusalCodeOf } from '../protocol/refusal.ts';
import type { OperatorCommandInput } from '../protocol/commands.ts';
import type { CommandOutcome } from './command-outcome.ts';
import { idbOutbox, memoryOutbox, type Outbox } from './command-outbox.ts';
import { CommandSender } from './command-sender.ts';
import { connectionKey, initialConnection, type ConnectionState } from './connection.ts';
import type { RoomState } from './room.ts';
import { RoomTracker } from './room-tracker.ts';
import { sessionKey } from './session.ts';
import { catalogueKey } from './catalogue.ts';
import { TrendFollower } from './trend-follower.ts';

import type { BrowserSocket } from './browser-socket.ts';
import { parseOrDrop } from './dropped-events.ts';
import { plantShelveLimitsQuery } from './shelve-limits.ts';
import { SERVER_TO_BROWSER_SCHEMAS } from '../protocol/events.ts';
import type { z } from 'zod';

export interface BridgeOptions {
  socket?: () => BrowserSocket;
  outbox?: Outbox;
  /** Schedules a flush of coalesced changes; defaults to the next animation frame (or 50 ms when hidden). */
  schedule?: (flush: () => void) => void;
  now?: () => number;
}

function defaultSchedule(flush: () => void) {
  let done = false;
  const once = () => {
    if (!done) {
      done = true;
      flush();
    }
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(once);
  setTimeout(once, 50); // rAF does not run in a hidden tab
}

/**
 * THE socket module: one socket.io connection per tab. Its rooms (room-tracker.ts) are subscribed
 * on every connect with the last seen sequence and write snapshots, replays and coalesced pushed
 * changes into the TanStack Query cache under each room's own key; live trends (trend-follower.ts)
 * likewise; operator commands are sent and kept in an outbox while offline (command-sender.ts).
 */
export class AlertBridge {
  private socket: BrowserSocket | null = null;
  private readonly rooms: RoomTracker;
  private readonly commands: CommandSender;
  private readonly trends: TrendFollower;
  private readonly qc: QueryClient;
  private readonly opts: BridgeOptions;

  constructor(qc: QueryClient, opts: BridgeOptions = {}) {
    this.qc = qc;
    this.opts = opts;
    const outbox = opts.outbox ?? (typeof indexedDB === 'undefined' ? memoryOutbox() : idbOutbox());
    this.commands = new CommandSender(qc, outbox, () => this.socket, (queued) => this.setConnection({ queued }));
    this.trends = new TrendFollower(qc, () => this.socket);
    this.rooms = new RoomTracker(qc, {
      connect: () => this.ensureSocket(),
      current: () => this.socket,
      schedule: opts.schedule ?? defaultSchedule,
      onRefused: (reason) => this.setConnection({ status: 'refused', detail: reason }),
    });
  }

  private now() {
    return this.opts.now?.() ?? Date.now();
  }

  private setConnection(patch: Partial<ConnectionState>) {
    this.qc.setQueryData<ConnectionState>(connectionKey, (old) => ({ ...(old ?? initialConnection), ...patch }));
  }

  private ensureSocket(): BrowserSocket {
    if (this.socket) return this.socket;
    const s: BrowserSocket = this.opts.socket?.() ?? io({ withCredentials: true });
    this.socket = s;
    s.on('connect', () => this.onConnect());
    s.on('disconnect', () => this.onDisconnect(null));
    s.on('connect_error', (err) => {
      this.onDisconnect(err.message);
      // The session ended (expired or signed out elsewhere): let the app ask for a sign-in.
      if (refusalCodeOf(err) === 'unauthorized') void this.qc.invalidateQueries({ queryKey: sessionKey });
    });
    this.onPushed(s, 'alert:change', (change) => this.rooms.onChange(change));
    this.onPushed(s, 'console:state', (state) => this.rooms.onConsole(state));
    this.onPushed(s, 'asset:state', (state) => this.rooms.onAsset(state));
    // An engineer changed display names, units or ranges: the panel shows them without a reload.
    this.onPushed(s, 'catalogue:changed', ({ plant }) => void this.qc.invalidateQueries({ queryKey: catalogueKey(plant) }));
    this.onPushed(s, 'trend:point', (push) => this.trends.onPoint(push));
    // An engineer changed the policy: the shelve sheet offers the new limits without a reload.
    this.onPushed(s, 'shelving:changed', ({ plant, shelving }) => this.qc.setQueryData(plantShelveLimitsQuery(plant).queryKey, shelving));
    if (!s.connected) s.connect();
    else this.onConnect();
    return s;
  }

  /** Listens to a pushed event, parsed with its protocol schema; a malformed one is counted and dropped. */
  private onPushed<E extends keyof typeof SERVER_TO_BROWSER_SCHEMAS>(s: BrowserSocket, event: E, handle: (payload: z.output<(typeof SERVER_TO_BROWSER_SCHEMAS)[E]>) => void) {
    const schema = SERVER_TO_BROWSER_SCHEMAS[event];
    // The event map types the payload; until it is parsed it is only `unknown`.
    const listen = s.on.bind(s) as (event: string, listener: (raw: unknown) => void) => void;
    listen(event, (raw) => {
      const payload = parseOrDrop(this.qc, event, schema, raw);
      // TS does not narrow the table's union by the generic key; the schema is the key's own.
      if (payload !== undefined) handle(payload as z.output<(typeof SERVER_TO_BROWSER_SCHEMAS)[E]>);
    });
  }

  private onDisconnect(detail: string | null) {
    const old = this.qc.getQueryData<ConnectionState>(connectionKey) ?? initialConnection;
    this.setConnection({
      status: old.status === 'connecting' ? 'connecting' : 'reconnecting',
      staleSince: old.staleSince ?? (old.status === 'live' ? this.now() : null),
      detail,
    });
  }

  private async onConnect() {
    this.trends.resume();
    if ((await this.rooms.subscribeAll()) && this.socket?.connected) {
      this.setConnection({ status: 'live', staleSince: null, detail: null });
      // A queued command the relay refused was shown optimistically: fetch every room afresh.
      if (await this.commands.drain()) await this.rooms.subscribeAll(true);
    }
  }

  /** Writes all coalesced changes into the cache now (normally on the next animation frame). */
  flush() {
    this.rooms.flush();
  }

  /**
   * Starts following a room; resolves with its first state (the query function of the room query).
   * Calling it again for a room already followed returns the same promise.
   */
  openRoom(plant: string, line: string | null): Promise<RoomState> {
    return this.rooms.open(plant, line);
  }

  /**
   * A screen shows a room: follows it (like `openRoom`) until the returned release is called by
   * every screen that retained it; then the relay is told to take us out of the room
   * (`unsubscribe`), so it stops pushing that line's changes. The room's cached state is kept; on
   * return the bridge subscribes again with its last sequence and the relay replays what was missed.
   */
  retain(plant: string, line: string | null): () => void {
    return this.rooms.retain(plant, line);
  }

  /** Stops following a room and leaves it on the relay. */
  closeRoom(plant: string, line: string | null) {
    this.rooms.close(plant, line);
  }

  /**
   * Follows an asset's live trend (points merged into its cached trend windows) until released. It
   * rides on the connection the screen's room opened; without one it waits for the next connect.
   */
  followTrend(plant: string, line: string, asset: string): () => void {
    return this.trends.follow({ plant, line, asset });
  }

  /** Sends a command; resolves with the relay's answer, or `queued` when offline (kept in IndexedDB). */
  send(command: OperatorCommandInput): Promise<CommandOutcome> {
    return this.commands.send(command);
  }

  /** Closes the socket (sign-out); rooms are forgotten. */
  close() {
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
    this.rooms.clear();
    this.setConnection(initialConnection);
  }
}

const bridges = new WeakMap<QueryClient, AlertBridge>();

/** The one bridge of a query client (one per tab). */
export function bridgeFor(qc: QueryClient): AlertBridge {
  let b = bridges.get(qc);
  if (!b) {
    b = new AlertBridge(qc);
    bridges.set(qc, b);
  }
  return b;
}
