// Shared by the fault suite: a browser stand-in that follows a room exactly as the app's socket bridge
// does (src/lib/socket.ts: subscribe with the last seen seq on every connect, hold pushed changes while
// a subscribe is answered, merge with src/lib/merge-alerts.ts), and the end-of-test checks every fault
// test makes: nothing acknowledged lost, nothing shown twice, the relay answering.
import { sql } from 'kysely';
import { expect } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { AlertChange } from '../../src/protocol/alert.ts';
import type { SubscribeAck } from '../../src/protocol/events.ts';
import { applyChanges, applyReplay, fromSnapshot } from '../../src/lib/merge-alerts.ts';
import type { RoomState } from '../../src/lib/room.ts';
import type { AppDeps } from '../app-deps.ts';
import type { KyselyStore } from '../store/kysely-store.ts';
import { startRelay, type TestRelay } from '../testing/relay.ts';
import { until } from '../testing/wait.ts';

// The fault tests take these from here with the checks below; they live in server/testing.
export { freePort } from '../testing/relay-process.ts';
export { sleep, until } from '../testing/wait.ts';

export interface Room {
  plant: string;
  line: string;
}

/** A browser's view of one room, kept the way the app's bridge keeps it. */
export class RoomWatcher {
  state: RoomState | null = null;
  /** Every change sequence delivered (live or in a replay), in arrival order. */
  readonly delivered: number[] = [];
  /** How each subscribe was answered (snapshot / replay / refused). */
  readonly answers: SubscribeAck['status'][] = [];
  /** Why the connection dropped, each time it did (socket.io's reasons, e.g. 'transport close'). */
  readonly disconnects: string[] = [];
  readonly socket: Socket;
  private early: AlertChange[] = [];
  private syncing = false;

  readonly room: Room;

  constructor(url: string, cookie: string, room: Room, opts: { reconnection?: boolean } = {}) {
    this.room = room;
    this.socket = io(url, {
      transports: ['websocket'], forceNew: true, extraHeaders: { cookie },
      reconnection: opts.reconnection ?? true, reconnectionDelay: 100, reconnectionDelayMax: 500,
    });
    this.socket.on('alert:change', (c: AlertChange) => {
      this.delivered.push(c.seq);
      if (this.syncing || !this.state) this.early.push(c);
      else this.state = applyChanges(this.state, [c]);
    });
    this.socket.on('connect', () => void this.subscribe());
    this.socket.on('disconnect', (reason) => this.disconnects.push(reason));
  }

  /** Resolves once the first subscribe has been answered. */
  ready(timeoutMs = 15_000): Promise<void> {
    return until(() => this.state !== null, timeoutMs, `a subscribe answer for ${this.room.plant}/${this.room.line}`);
  }

  private async subscribe(): Promise<void> {
    this.syncing = true;
    let ack: SubscribeAck;
    try {
      ack = (await this.socket.timeout(15_000).emitWithAck('subscribe', { ...this.room, ...(this.state ? { lastSeq: this.state.seq } : {}) })) as SubscribeAck;
    } catch {
      this.syncing = false;
      return; // no answer: the next connect tries again
    }
    this.syncing = false;
    this.answers.push(ack.status);
    if (ack.status === 'refused') throw new Error(`subscribe refused: ${ack.reason}`);
    let next: RoomState;
    if (ack.status === 'snapshot') next = fromSnapshot(ack.snapshot);
    else {
      for (const c of ack.changes) this.delivered.push(c.seq);
      next = this.state ? applyReplay(this.state, ack.changes, ack.seq, ack.consoles) : { ...this.room, seq: ack.seq, alerts: {}, consoles: ack.consoles };
    }
    if (this.early.length) next = applyChanges(next, this.early);
    this.early = [];
    this.state = next;
  }

  close(): void {
    this.socket.close();
  }
}

/** The alerts a room shows according to the store (what a fresh browser would get). */
export async function storeRoom(store: KyselyStore, room: Room) {
  const alerts = await store.openAlerts(room);
  const rows = await store.db.selectFrom('alert_changes').select(sql<number>`max(seq)`.as('m'))
    .where('plant', '=', room.plant).where('line', '=', room.line).executeTakeFirst();
  return { alerts, seq: Number(rows?.m ?? 0) };
}

/**
 * The browser ends with exactly the store's state of the room: the same open alerts, each as the store
 * has it, at the store's latest sequence; no alert key shown twice; and (unless a snapshot was needed)
 * every stored change after its first answer was delivered to it. Deadlines (off-delays, held updates)
 * may store a change while this compares: a mismatch is judged again, once the browser has caught up,
 * only when the store moved on meanwhile (for up to `settleMs`); otherwise it fails at once.
 */
export async function expectWatcherMatchesStore(w: RoomWatcher, store: KyselyStore, firstSeq = 0, settleMs = 15_000): Promise<void> {
  const end = Date.now() + settleMs;
  for (;;) {
    const before = (await storeRoom(store, w.room)).seq;
    try {
      return await matchOnce(w, store, firstSeq);
    } catch (err) {
      const now = (await storeRoom(store, w.room)).seq;
      if (now === before || Date.now() > end) throw err;
      await until(() => (w.state?.seq ?? 0) >= now, Math.max(1000, end - Date.now()), 'the browser to catch up with a late change');
    }
  }
}

async function matchOnce(w: RoomWatcher, store: KyselyStore, firstSeq: number): Promise<void> {
  const fromStore = await storeRoom(store, w.room);
  expect(w.state, 'the browser has a state').not.toBeNull();
  const shown = Object.values(w.state!.alerts);
  const keys = shown.map((a) => a.key);
  expect(new Set(keys).size, 'no alert key shown twice').toBe(keys.length);
  expect(shown.map((a) => a.id).sort()).toEqual(fromStore.alerts.map((a) => a.id).sort());
  const byId = new Map(fromStore.alerts.map((a) => [a.id, a]));
  for (const a of shown) expect(a, `alert ${a.id} as the store has it`).toEqual(byId.get(a.id));
  expect(w.state!.seq).toBeGreaterThanOrEqual(fromStore.seq);
  if (!w.answers.slice(1).includes('snapshot')) {
    const stored = await store.changesAfter(w.room, firstSeq, 1_000_000);
    const got = new Set(w.delivered);
    const missing = stored.filter((c) => !got.has(c.seq)).map((c) => c.seq);
    expect(missing, 'stored changes never delivered to the browser').toEqual([]);
  }
}

/** Every id the edge had acknowledged is stored exactly once (and nothing else from it). */
export async function expectStoredOnce(store: KyselyStore, acknowledged: Iterable<string>): Promise<void> {
  const rows = await store.db.selectFrom('results').select(['id', sql<number>`count(*)`.as('n')]).groupBy('id').execute();
  const twice = rows.filter((r) => Number(r.n) > 1).map((r) => r.id);
  expect(twice, 'results stored twice').toEqual([]);
  const stored = new Set(rows.map((r) => r.id));
  const lost = [...acknowledged].filter((id) => !stored.has(id));
  expect(lost, 'acknowledged results missing from the store').toEqual([]);
}

/** The relay answers health, readiness and a fresh publish. */
export async function expectAnswering(url: string, publish?: () => Promise<boolean>): Promise<void> {
  const health = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5000) });
  expect(health.status).toBe(200);
  await until(async () => (await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5000) })).status === 200, 15_000, 'readyz 200');
  if (publish) expect(await publish(), 'a fresh publish is accepted').toBe(true);
}

/**
 * The same relay as server/testing/relay.ts startRelay, on a PostgreSQL database instead of SQLite
 * (a fresh one from server/testing/services.ts freshDatabase).
 */
export function startPgRelay(databaseUrl: string, opts: Partial<AppDeps> = {}): Promise<TestRelay> {
  return startRelay({ ...opts, databaseUrl });
}
