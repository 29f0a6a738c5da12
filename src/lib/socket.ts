import { io, type Socket } from 'socket.io-client';
import type { QueryClient } from '@tanstack/react-query';
import type { AlertChange, ConsoleState } from '../protocol/alert.ts';
import type { OperatorCommandInput } from '../protocol/commands.ts';
import type { BrowserToServerEvents, ServerToBrowserEvents, SubscribeAck } from '../protocol/events.ts';
import type { CommandOutcome } from './command-outcome.ts';
import { idbOutbox, memoryOutbox, type Outbox } from './command-outbox.ts';
import { ACK_TIMEOUT_MS, CommandSender } from './command-sender.ts';
import { connectionKey, initialConnection, type ConnectionState } from './connection.ts';
import { applyChanges, applyConsole, applyReplay, fromSnapshot } from './merge-alerts.ts';
import { inRoom, roomKey, type RoomState } from './room.ts';
import { sessionKey } from './session.ts';
import { catalogueKey } from './catalogue.ts';
import { TrendFollower } from './trend-follower.ts';

export type BrowserSocket = Socket<ServerToBrowserEvents, BrowserToServerEvents>;


interface TrackedRoom {
  plant: string;
  line: string | null;
  /** Changes pushed while a subscribe is answered (or before the first state); applied on top of it. */
  early: AlertChange[];
  /** A subscribe is in flight: pushed changes wait in `early` so that the replay is not skipped. */
  syncing: boolean;
  ready: Promise<RoomState>;
  resolve: (s: RoomState) => void;
  reject: (e: Error) => void;
  /** Screens currently showing this room (see `retain`); at zero the room is left. */
  holders: number;
}

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
 * THE socket module: one socket.io connection per tab. It subscribes to rooms (sending the last
 * seen sequence on every connect), and writes snapshots, replays and coalesced pushed changes into
 * the TanStack Query cache under each room's own key. It also sends operator commands and keeps
 * them in an outbox while offline.
 */
export class AlertBridge {
  private socket: BrowserSocket | null = null;
  private readonly rooms = new Map<string, TrackedRoom>();
  private pending: AlertChange[] = [];
  private flushScheduled = false;
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
      if (/unauthori[sz]ed|sign in/i.test(err.message)) void this.qc.invalidateQueries({ queryKey: sessionKey });
    });
    s.on('alert:change', (change) => this.onChange(change));
    s.on('console:state', (state) => this.onConsole(state));
    // An engineer changed display names, units or ranges: the panel shows them without a reload.
    s.on('catalogue:changed', ({ plant }) => void this.qc.invalidateQueries({ queryKey: catalogueKey(plant) }));
    s.on('trend:point', (push) => this.trends.onPoint(push));
    if (!s.connected) s.connect();
    else this.onConnect();
    return s;
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
    const results = await Promise.all([...this.rooms.values()].map((r) => this.subscribe(r)));
    if (results.every(Boolean) && this.socket?.connected) {
      this.setConnection({ status: 'live', staleSince: null, detail: null });
      // A queued command the relay refused was shown optimistically: fetch every room afresh.
      if (await this.commands.drain()) await Promise.all([...this.rooms.values()].map((r) => this.resync(r)));
    }
  }

  /** Subscribes one room, sending the last applied sequence so the relay can replay. */
  private async subscribe(room: TrackedRoom, fresh = false): Promise<boolean> {
    const s = this.socket;
    if (!s?.connected) return false;
    const key = roomKey(room.plant, room.line);
    room.syncing = true;
    let ack: SubscribeAck;
    try {
      const current = fresh ? undefined : this.qc.getQueryData<RoomState>(key);
      ack = await s.timeout(ACK_TIMEOUT_MS).emitWithAck('subscribe', {
        plant: room.plant,
        ...(room.line === null ? {} : { line: room.line }),
        ...(current ? { lastSeq: current.seq } : {}),
      });
    } catch {
      room.syncing = false;
      return false; // no answer: the next connect tries again
    }
    room.syncing = false;
    if (!this.rooms.has(JSON.stringify(key))) return false;
    const current = fresh ? undefined : this.qc.getQueryData<RoomState>(key);
    if (ack.status === 'refused') {
      this.setConnection({ status: 'refused', detail: ack.reason });
      room.reject(new Error(ack.reason));
      return false;
    }
    let next: RoomState;
    if (ack.status === 'snapshot') next = fromSnapshot(ack.snapshot);
    else next = current ? applyReplay(current, ack.changes, ack.seq, ack.consoles) : { plant: room.plant, line: room.line, seq: ack.seq, alerts: {}, consoles: ack.consoles };
    if (room.early.length) {
      next = applyChanges(next, room.early);
      room.early = [];
    }
    this.qc.setQueryData(key, next);
    room.resolve(next);
    return true;
  }

  private onChange(change: AlertChange) {
    if (!change || typeof change.seq !== 'number' || !change.alert) return;
    this.pending.push(change);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    (this.opts.schedule ?? defaultSchedule)(() => this.flush());
  }

  /** Writes all coalesced changes into the cache: one setQueryData per room per flush. */
  flush() {
    this.flushScheduled = false;
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    for (const room of this.rooms.values()) {
      const mine = batch.filter((c) => inRoom(room, c.alert));
      if (mine.length === 0) continue;
      const key = roomKey(room.plant, room.line);
      if (room.syncing || !this.qc.getQueryData<RoomState>(key)) {
        room.early.push(...mine);
        continue;
      }
      this.qc.setQueryData<RoomState>(key, (old) => (old ? applyChanges(old, mine) : old));
    }
  }

  private onConsole(state: ConsoleState) {
    for (const room of this.rooms.values()) {
      if (!inRoom(room, state)) continue;
      this.qc.setQueryData<RoomState>(roomKey(room.plant, room.line), (old) => (old ? applyConsole(old, state) : old));
    }
  }

  /**
   * Starts following a room; resolves with its first state (the query function of the room query).
   * Calling it again for a room already followed returns the same promise.
   */
  openRoom(plant: string, line: string | null): Promise<RoomState> {
    const id = JSON.stringify(roomKey(plant, line));
    let room = this.rooms.get(id);
    if (!room) {
      let resolve!: (s: RoomState) => void;
      let reject!: (e: Error) => void;
      const ready = new Promise<RoomState>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      room = { plant, line, early: [], syncing: false, ready, resolve, reject, holders: 0 };
      this.rooms.set(id, room);
      if (this.ensureSocket().connected) void this.subscribe(room);
    }
    return room.ready;
  }

  /**
   * A screen shows a room: follows it (like `openRoom`) until the returned release is called by
   * every screen that retained it; then the relay is told to take us out of the room
   * (`unsubscribe`), so it stops pushing that line's changes. The room's cached state is kept; on
   * return the bridge subscribes again with its last sequence and the relay replays what was missed.
   */
  retain(plant: string, line: string | null): () => void {
    void this.openRoom(plant, line).catch(() => undefined);
    const id = JSON.stringify(roomKey(plant, line));
    const room = this.rooms.get(id)!;
    room.holders += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      room.holders -= 1;
      if (room.holders <= 0 && this.rooms.get(id) === room) this.closeRoom(plant, line);
    };
  }

  /** Stops following a room and leaves it on the relay; pushed changes for it are ignored meanwhile. */
  closeRoom(plant: string, line: string | null) {
    const id = JSON.stringify(roomKey(plant, line));
    if (!this.rooms.delete(id)) return;
    const s = this.socket;
    if (s?.connected) s.emit('unsubscribe', line === null ? { plant } : { plant, line });
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

  /** Replaces a room's state with a fresh snapshot (no lastSeq sent). */
  private resync(room: TrackedRoom): Promise<boolean> {
    return this.subscribe(room, true);
  }

  /** Closes the socket (sign-out); rooms are forgotten. */
  close() {
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
    this.rooms.clear();
    this.pending = [];
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
