import type { QueryClient } from '@tanstack/react-query';
import type { AlertChange, ConsoleState } from '../protocol/alert.ts';
import type { AssetState } from '../protocol/asset.ts';
import { SubscribeAck } from '../protocol/events.ts';
import { applyAssetState, fromAssetList } from './asset-merge.ts';
import { roomAssetsQuery } from './asset-states.ts';
import { parseOrDrop } from './dropped-events.ts';
import { plantShelveLimitsQuery } from './shelve-limits.ts';
import { ACK_TIMEOUT_MS } from './command-sender.ts';
import { applyChanges, applyConsole, applyReplay, fromSnapshot } from './merge-alerts.ts';
import { inRoom, roomKey, type RoomState } from './room.ts';
import type { BrowserSocket } from './browser-socket.ts';

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

export interface RoomTrackerDeps {
  /** The socket, opened if it is not yet (a room is what makes the bridge connect). */
  connect: () => BrowserSocket;
  current: () => BrowserSocket | null;
  /** Schedules a flush of coalesced changes (an animation frame by default, see socket.ts). */
  schedule: (flush: () => void) => void;
  /** The relay refused a subscription (scope, session): shown on the connection banner. */
  onRefused: (reason: string) => void;
}

/**
 * The rooms the socket bridge follows: subscribes them (sending the last applied sequence), and
 * writes snapshots, replays and coalesced pushed changes into the TanStack Query cache under each
 * room's own key.
 */
export class RoomTracker {
  private readonly rooms = new Map<string, TrackedRoom>();
  private pending: AlertChange[] = [];
  private flushScheduled = false;
  private readonly qc: QueryClient;
  private readonly deps: RoomTrackerDeps;

  constructor(qc: QueryClient, deps: RoomTrackerDeps) {
    this.qc = qc;
    this.deps = deps;
  }

  /** Subscribes every followed room (after a connect); true when all got their state. */
  async subscribeAll(fresh = false): Promise<boolean> {
    const results = await Promise.all([...this.rooms.values()].map((r) => this.subscribe(r, fresh)));
    return results.every(Boolean);
  }

  /** Subscribes one room, sending the last applied sequence so the relay can replay (none when `fresh`). */
  private async subscribe(room: TrackedRoom, fresh = false): Promise<boolean> {
    const s = this.deps.current();
    if (!s?.connected) return false;
    const key = roomKey(room.plant, room.line);
    room.syncing = true;
    let raw: unknown;
    try {
      const current = fresh ? undefined : this.qc.getQueryData<RoomState>(key);
      raw = await s.timeout(ACK_TIMEOUT_MS).emitWithAck('subscribe', {
        plant: room.plant,
        ...(room.line === null ? {} : { line: room.line }),
        ...(current ? { lastSeq: current.seq } : {}),
      });
    } catch {
      room.syncing = false;
      return false; // no answer: the next connect tries again
    }
    room.syncing = false;
    // A malformed answer is dropped like a missing one; pushes held in `early` wait for the next.
    const ack = parseOrDrop(this.qc, 'subscribe answer', SubscribeAck, raw);
    if (!ack) return false;
    if (!this.rooms.has(JSON.stringify(key))) return false;
    const current = fresh ? undefined : this.qc.getQueryData<RoomState>(key);
    if (ack.status === 'refused') {
      this.deps.onRefused(ack.reason);
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
    // The answer lists every abnormal asset of the room (none from a relay that does not send them).
    const assets = ack.status === 'snapshot' ? ack.snapshot.assets : ack.assets;
    if (assets) this.qc.setQueryData(roomAssetsQuery(room.plant, room.line).queryKey, fromAssetList(assets));
    const shelving = ack.status === 'snapshot' ? ack.snapshot.shelving : ack.shelving;
    if (shelving) this.qc.setQueryData(plantShelveLimitsQuery(room.plant).queryKey, shelving);
    this.qc.setQueryData(key, next);
    room.resolve(next);
    return true;
  }

  /** A pushed change (parsed by the bridge), coalesced until the next flush. */
  onChange(change: AlertChange) {
    this.pending.push(change);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    this.deps.schedule(() => this.flush());
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

  onConsole(state: ConsoleState) {
    for (const room of this.rooms.values()) {
      if (!inRoom(room, state)) continue;
      this.qc.setQueryData<RoomState>(roomKey(room.plant, room.line), (old) => (old ? applyConsole(old, state) : old));
    }
  }

  /** A pushed asset state (parsed by the bridge) into each followed room it belongs to. */
  onAsset(state: AssetState) {
    for (const room of this.rooms.values()) {
      if (!inRoom(room, state)) continue;
      this.qc.setQueryData(roomAssetsQuery(room.plant, room.line).queryKey, (old) => applyAssetState(old ?? {}, state));
    }
  }

  /** Starts following a room; resolves with its first state. Calling it again for a followed room returns the same promise. */
  open(plant: string, line: string | null): Promise<RoomState> {
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
      if (this.deps.connect().connected) void this.subscribe(room);
    }
    return room.ready;
  }

  /** A screen shows a room: followed until every screen that retained it has released it (see socket.ts). */
  retain(plant: string, line: string | null): () => void {
    void this.open(plant, line).catch(() => undefined);
    const id = JSON.stringify(roomKey(plant, line));
    const room = this.rooms.get(id)!;
    room.holders += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      room.holders -= 1;
      if (room.holders <= 0 && this.rooms.get(id) === room) this.close(plant, line);
    };
  }

  /** Stops following a room and leaves it on the relay; pushed changes for it are ignored meanwhile. */
  close(plant: string, line: string | null) {
    const id = JSON.stringify(roomKey(plant, line));
    if (!this.rooms.delete(id)) return;
    const s = this.deps.current();
    if (s?.connected) s.emit('unsubscribe', line === null ? { plant } : { plant, line });
  }

  /** Forgets every room (sign-out). */
  clear() {
    this.rooms.clear();
    this.pending = [];
  }
}
