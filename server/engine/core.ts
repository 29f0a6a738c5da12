import type { Alert, AlertChangeKind, ConsoleState, SuppressionReason } from '../../src/protocol/alert.ts';
import { type AlarmPolicy, type PolicyBook, policyFor } from '../../src/protocol/policy.ts';
import { newChatter } from './chattering.ts';
import { newCondition } from './condition.ts';
import { FloodCounter } from './flood.ts';
import { newLineEvents } from './grouping.ts';
import { TimerHeap, type TimerKind } from './heap.ts';
import { copyAlert } from './alerts.ts';
import { type AssetState, type KeyState, keyOfAlertId, type LineState } from './state.ts';
import { newTrust } from './trust.ts';
import type { AssetEvent, AssetStatus, EngineEvent } from './types.ts';

/**
 * The engine's state and the small operations every mechanism shares: lookups, policy resolution,
 * event emission, timers and digest membership. The mechanisms live in lifecycle.ts, commands.ts and
 * clock.ts as functions over this object; AlarmEngine is the public face.
 */
export class EngineCore {
  book: PolicyBook;
  /** Bumped by setPolicy; keys re-resolve their policy lazily when it differs. */
  bookVersion = 0;
  private readonly policyCache = new Map<string, AlarmPolicy>();
  readonly plants = new Map<string, Map<string, LineState>>();
  readonly keys = new Map<string, KeyState>();
  /** Latest relay time seen (tick or command); -Infinity before any. */
  wall = -Infinity;
  /** Scheduling counter: breaks ties between timers due at the same time. */
  timerSeq = 0;
  /** Keys with a timed shelf, and assets out of service: the relay-time deadlines tick checks. */
  readonly shelved = new Set<KeyState>();
  readonly outOfService = new Set<AssetState>();
  /** Events of the call in progress. */
  out: EngineEvent[] = [];

  constructor(book: PolicyBook) {
    this.book = book;
  }

  resolve(plant: string, line: string, model?: string): AlarmPolicy {
    const id = model === undefined ? `${plant}\u0000${line}` : `${plant}\u0000${line}\u0000${model}`;
    let p = this.policyCache.get(id);
    if (!p) {
      p = policyFor(this.book, plant, line, model);
      this.policyCache.set(id, p);
    }
    return p;
  }

  setBook(book: PolicyBook): void {
    this.book = book;
    this.bookVersion++;
    this.policyCache.clear();
    for (const lines of this.plants.values()) for (const l of lines.values()) l.policy = this.resolve(l.plant, l.line);
  }

  /** The key's policy, re-resolved when the book changed since it was cached. */
  policyOf(k: KeyState): AlarmPolicy {
    if (k.policyVersion !== this.bookVersion) {
      const l = k.asset.line;
      k.policy = this.resolve(l.plant, l.line, k.modelName);
      k.policyVersion = this.bookVersion;
    }
    return k.policy;
  }

  lineOf(plant: string, line: string): LineState {
    let lines = this.plants.get(plant);
    if (!lines) this.plants.set(plant, (lines = new Map()));
    let l = lines.get(line);
    if (!l) {
      l = {
        plant, line, policy: this.resolve(plant, line), clock: -Infinity, eventTime: -Infinity, anchor: -Infinity,
        timers: new TimerHeap(), floodToken: 0, flood: new FloodCounter(), digest: new Set(), lineEvents: newLineEvents(), assets: new Map(), open: 0,
      };
      lines.set(line, l);
    }
    return l;
  }

  assetOf(l: LineState, asset: string): AssetState {
    let a = l.assets.get(asset);
    if (!a) {
      a = { line: l, asset, oos: null, group: { groupId: null, leadAt: -Infinity }, lastDataAt: -Infinity, anchor: -Infinity, stale: false, keys: new Map() };
      l.assets.set(asset, a);
    }
    return a;
  }

  keyOf(a: AssetState, modelName: string, label: string): KeyState {
    let byLabel = a.keys.get(modelName);
    if (!byLabel) a.keys.set(modelName, (byLabel = new Map()));
    let k = byLabel.get(label);
    if (!k) {
      const l = a.line;
      const key = `${l.plant}/${l.line}/${a.asset}/${modelName}/${label}`;
      k = {
        key, asset: a, modelName, label, policy: this.resolve(l.plant, l.line, modelName), policyVersion: this.bookVersion,
        cond: newCondition(), above: false, newestTs: -Infinity, pendingCount: 0, pendingPeak: null, seq: 0, raises: 0, alert: null, ended: null,
        chatter: newChatter(), shelf: null, trust: newTrust(), offToken: 0, chatterToken: 0,
      };
      byLabel.set(label, k);
      this.keys.set(key, k);
    }
    return k;
  }

  /** The key of an alert id (current or ended alerts alike), if the engine knows it. */
  keyOfAlert(id: string): KeyState | undefined {
    const key = keyOfAlertId(id);
    return key === null ? undefined : this.keys.get(key);
  }

  /** Every key, line by line, in creation order (deterministic iteration for ticks and policy changes). */
  *allKeys(): Generator<KeyState> {
    for (const lines of this.plants.values()) {
      for (const l of lines.values()) for (const a of l.assets.values()) for (const m of a.keys.values()) yield* m.values();
    }
  }

  *allLines(): Generator<LineState> {
    for (const lines of this.plants.values()) yield* lines.values();
  }

  emit(kind: AlertChangeKind, at: number, a: Alert, by: string | null, reason: string | null): void {
    this.out.push({ type: 'alert', kind, at, by, reason, alert: copyAlert(a) });
  }

  emitAsset(a: AssetState, status: AssetStatus, at: number, extra: Partial<Pick<AssetEvent, 'by' | 'reason' | 'until' | 'lastDataAt'>> = {}): void {
    const l = a.line;
    this.out.push({
      type: 'asset', status, at, plant: l.plant, line: l.line, asset: a.asset,
      by: extra.by ?? null, reason: extra.reason ?? null, until: extra.until ?? null, lastDataAt: extra.lastDataAt ?? null,
    });
  }

  consoleState(l: LineState, at: number): ConsoleState {
    return { plant: l.plant, line: l.line, inFlood: l.flood.inFlood, annunciatedLast10Min: l.flood.countAt(at, l.policy), digest: [...l.digest] };
  }

  emitConsole(l: LineState, at: number): void {
    this.out.push({ type: 'console', at, console: this.consoleState(l, at) });
  }

  schedule(l: LineState, at: number, kind: TimerKind, owner: KeyState | LineState, token: number): void {
    l.timers.push({ at, seq: this.timerSeq++, kind, owner, token });
  }

  /**
   * Sets why an alert is held back, keeping the console's flood digest in step: the digest lists
   * exactly the current alerts held back by flood.
   */
  setSuppression(l: LineState, a: Alert, s: SuppressionReason | null, at: number): void {
    a.suppression = s;
    const inDigest = s === 'flood' && a.clearedAt === null;
    if (l.digest.has(a.id) === inDigest) return;
    if (inDigest) l.digest.add(a.id);
    else l.digest.delete(a.id);
    this.emitConsole(l, at);
  }

  /**
   * The line's event time that corresponds to relay time `now`: the latest result time plus the
   * silence since, less the late allowance. Used when something in relay time (a tick, a command,
   * a shelf expiring) must be placed on a line's event clock.
   */
  lineTime(l: LineState, now: number): number {
    if (l.eventTime === -Infinity) return Math.max(l.clock, now);
    return Math.max(l.clock, l.eventTime + Math.max(0, now - l.anchor - l.policy.lateAllowanceMs));
  }
}
