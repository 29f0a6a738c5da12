import type { AlertChange, ConsoleState } from '../../src/protocol/alert.ts';
import type { OperatorCommand } from '../../src/protocol/commands.ts';
import type { InferenceResult } from '../../src/protocol/inference.ts';
import type { AlarmEngine } from '../engine/engine.ts';
import type { AssetState } from '../../src/protocol/asset.ts';
import type { PolicyBook } from '../../src/protocol/policy.ts';
import type { Actor, AssetEvent, CommandOutcome, EngineEvent } from '../engine/types.ts';
import type { NewChange, Store } from '../store/store.ts';
import type { AlertBounds, BoundsRefusal } from './alert-bounds.ts';
import { UpdateCoalescer } from './coalescer.ts';
import { FairQueue } from './fair-queue.ts';
import type { Ownership } from './ownership.ts';
import { reloadEngine } from './restore.ts';
import type { Publisher } from './publisher.ts';

export interface EngineHostDeps {
  engine: AlarmEngine;
  store: Store;
  publisher: Publisher;
  clock: () => number;
  onError: (err: unknown, where: string) => void;
  /** Milliseconds from a publish reaching the relay to its changes being sent (for metrics). */
  onSent?: (ms: number) => void;
  /** Which engine snapshot row is this instance's (see ownership.ts). */
  snapshotSlot?: number;
  /** Lines this instance owns, to rebuild the engine from the store after a failed write. */
  owns?: Ownership;
  /** Results just stored (new ones only), e.g. for the live trend stream. */
  onStored?: (results: InferenceResult[]) => void;
  /** Refuses results that would make new alert keys past the bounds (checked in queue order). */
  bounds?: AlertBounds;
}

/** A result the bounds refused: not stored, not seen (a resend may pass later). */
export interface BoundRefusal extends BoundsRefusal {
  id: string;
}

/** Results processed (and stored) per queue turn: a big batch is taken in parts so other edges get turns between them. */
const TURN = 100;
/** The queue lane of the relay's own work: commands, ticks, policy, snapshots. */
const RELAY_LANE = 'relay';

/**
 * Owns the engine for this relay: every input (results, commands, ticks) runs through one queue, one
 * at a time, so the engine and the store see the same order; each change is stored (and sequenced)
 * before it is sent. The queue takes turns between edges (see fair-queue.ts).
 */
export class EngineHost {
  private readonly queue = new FairQueue();
  private pending = 0;
  private readonly coalescer = new UpdateCoalescer(250);
  private readonly deps: EngineHostDeps;
  private readonly assets = new Map<string, AssetState>();
  private lastSnapshotAt = 0;
  /** The engine took input whose events could not be stored: rebuild it from the store before going on. */
  private diverged = false;

  constructor(deps: EngineHostDeps) {
    this.deps = deps;
  }

  /** Results waiting in the queue: the back-pressure figure. */
  get queueDepth(): number {
    return this.pending;
  }

  /**
   * Processes results of one edge key; resolves once they are stored, with the results the bounds
   * refused. Ids this key already had accepted are skipped (checked inside the queue, so two resends
   * cannot both pass).
   */
  async ingest(edgeKey: string, batch: InferenceResult[]): Promise<BoundRefusal[]> {
    const received = performance.now();
    this.pending += batch.length;
    const turns: Promise<BoundRefusal[]>[] = [];
    for (let i = 0; i < batch.length; i += TURN) {
      const part = batch.slice(i, i + TURN);
      turns.push(this.enqueue(async () => {
        try {
          return await this.process(edgeKey, part, received);
        } finally {
          this.pending -= part.length;
        }
      }, `edge:${edgeKey}`));
    }
    // Parts already stored stay stored when a later one fails: a resend skips them as already seen.
    const settled = await Promise.allSettled(turns);
    const failed = settled.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    return settled.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
  }

  private async process(edgeKey: string, batch: InferenceResult[], received: number): Promise<BoundRefusal[]> {
    const seen = await this.deps.store.seenResults(edgeKey, batch.map((r) => r.id));
    const results: InferenceResult[] = [];
    const refused: BoundRefusal[] = [];
    const events: EngineEvent[] = [];
    for (const r of batch) {
      if (seen.has(r.id)) continue;
      const bound = this.deps.bounds?.check(this.deps.engine, edgeKey, r);
      if (bound) refused.push({ id: r.id, ...bound });
      else {
        results.push(r);
        for (const e of this.deps.engine.ingest(r)) events.push(e);
      }
    }
    const { changes, crossings } = split(events);
    const now = this.deps.clock();
    const stored = await this.deps.store.commitIngest({ edgeKey, results, changes: this.coalescer.admit(changes, now), crossings });
    this.send(stored, events);
    if (results.length) this.deps.onStored?.(results);
    if (stored.length) this.deps.onSent?.(performance.now() - received);
    return refused;
  }

  command(cmd: OperatorCommand, actor: Actor): Promise<CommandOutcome> {
    return this.enqueue(async () => {
      const outcome = this.deps.engine.command(cmd, actor, this.deps.clock());
      if (outcome.ok) await this.store(outcome.events);
      return outcome;
    });
  }

  /** Relay-clock work: shelf expiry, stale assets, held updates, and a periodic engine snapshot. */
  tick(): Promise<void> {
    return this.enqueue(async () => {
      const now = this.deps.clock();
      await this.store(this.deps.engine.tick(now));
      const due = this.coalescer.due(now);
      if (due.length) this.send(await this.deps.store.appendChanges(due), []);
      // A snapshot of a large engine takes a few hundred ms; results after it are replayed on restart.
      if (now - this.lastSnapshotAt >= 30_000) await this.snapshot(now);
    });
  }

  async snapshot(now = this.deps.clock()): Promise<void> {
    const rowid = await this.deps.store.maxResultRowid();
    await this.deps.store.saveEngineSnapshot(rowid, now, JSON.stringify(this.deps.engine.toSnapshot()), this.deps.snapshotSlot);
    this.lastSnapshotAt = now;
  }

  /** Where an alert this engine holds lives, or null when another instance (or nobody) has it. */
  alertLine(alertId: string): { plant: string; line: string } | null {
    return this.deps.engine.alert(alertId) ?? null;
  }

  /** Puts a policy book in force in order with results and commands, then snapshots (the book survives a restart). */
  setPolicy(book: PolicyBook, by: string): Promise<void> {
    return this.enqueue(async () => {
      await this.store(this.deps.engine.setPolicy(book, this.deps.clock(), by));
      this.deps.publisher.shelving(this.deps.engine.policy());
      await this.snapshot();
    });
  }

  /** Waits until everything queued so far is done. */
  drain(): Promise<void> {
    return this.queue.idle();
  }

  /** On shutdown: stores and sends the updates still held by the coalescer, then snapshots. */
  async stop(): Promise<void> {
    await this.queue.idle();
    return this.enqueue(async () => {
      const held = this.coalescer.drainAll();
      if (held.length) this.send(await this.deps.store.appendChanges(held), []);
      await this.snapshot();
    });
  }

  private async store(events: EngineEvent[]): Promise<void> {
    const { changes, crossings } = split(events);
    const now = this.deps.clock();
    const stored = crossings.length
      ? await this.deps.store.commitIngest({ edgeKey: '', results: [], changes: this.coalescer.admit(changes, now), crossings })
      : await this.deps.store.appendChanges(this.coalescer.admit(changes, now));
    this.send(stored, events);
  }

  private send(stored: AlertChange[], events: EngineEvent[]): void {
    this.deps.publisher.changes(stored);
    // A flood adds alerts to a line's digest one by one, each with a console event carrying the whole
    // digest; browsers need only the last one per line from each turn (else n events × n ids).
    const consoles = new Map<string, ConsoleState>();
    for (const e of events) {
      if (e.type === 'console') consoles.set(`${e.console.plant}/${e.console.line}`, e.console);
      else if (e.type === 'asset') this.assetState(e);
    }
    for (const c of consoles.values()) this.deps.publisher.console(c);
  }

  /** Assets out of service or stale right now, for a room's snapshot or replay. */
  abnormalAssets(plant: string, line?: string): AssetState[] {
    return [...this.assets.values()].filter((a) => a.plant === plant && (!line || a.line === line));
  }

  private assetState(e: AssetEvent): void {
    const { type: _type, ...state } = e;
    const id = `${e.plant}/${e.line}/${e.asset}`;
    if (e.status === 'stale' || e.status === 'out_of_service') this.assets.set(id, state);
    else this.assets.delete(id);
    this.deps.publisher.asset(state);
  }

  private enqueue<T>(fn: () => Promise<T>, lane = RELAY_LANE): Promise<T> {
    const run = this.queue.run(lane, async () => {
      if (this.diverged) {
        await reloadEngine(this.deps.engine, this.deps.store, { owns: this.deps.owns, slot: this.deps.snapshotSlot });
        this.diverged = false;
      }
      try {
        return await fn();
      } catch (err) {
        this.diverged = true;
        throw err;
      }
    });
    run.catch((err: unknown) => this.deps.onError(err, 'engine queue'));
    return run;
  }
}

function split(events: EngineEvent[]) {
  const changes: NewChange[] = [];
  const crossings: { plant: string; line: string; key: string; at: number }[] = [];
  for (const e of events) {
    if (e.type === 'alert') changes.push({ kind: e.kind, at: e.at, by: e.by, reason: e.reason, alert: e.alert });
    else if (e.type === 'crossing') crossings.push({ plant: e.plant, line: e.line, key: e.key, at: e.at });
  }
  return { changes, crossings };
}
