import type { Alert, ConsoleState } from '../../src/protocol/alert.ts';
import type { OperatorCommand } from '../../src/protocol/commands.ts';
import type { InferenceResult } from '../../src/protocol/inference.ts';
import { defaultPolicyBook, type PolicyBook } from '../../src/protocol/policy.ts';
import { copyAlert } from './alerts.ts';
import { runTick } from './clock.ts';
import { runCommand } from './commands.ts';
import { EngineCore } from './core.ts';
import { onResult } from './lifecycle.ts';
import { reapplyPolicy } from './policy-change.ts';
import { decodeSnapshot, encodeSnapshot, type EngineSnapshot } from './snapshot.ts';
import type { Actor, CommandOutcome, EngineEvent } from './types.ts';

export type { EngineSnapshot } from './snapshot.ts';
export type { Actor, CommandOutcome, EngineEvent } from './types.ts';

/**
 * The alarm engine (docs/design.md "The alarm engine"): inference results in, alert changes out, with
 * ISA-18.2 discipline. Pure in the sense that matters: no I/O, no clock and no randomness of its own.
 * Event time comes from results (`result.ts`), relay time from `tick`/`command`/`setPolicy`; the same
 * calls in the same order always give the same events, and alert ids are `${key}#${n}`.
 *
 * State lives in maps inside the instance and is mutated in place (the steady path allocates only the
 * event and the result snapshot); `toSnapshot()` gives a JSON copy to persist and restore.
 */
export class AlarmEngine {
  private core: EngineCore;

  constructor(opts: { policy?: PolicyBook; snapshot?: EngineSnapshot } = {}) {
    this.core = opts.snapshot ? decodeSnapshot(opts.snapshot, opts.policy) : new EngineCore(opts.policy ?? defaultPolicyBook());
  }

  /** One inference result (already validated by zod); event time is `result.ts`. */
  ingest(result: InferenceResult): EngineEvent[] {
    const out: EngineEvent[] = (this.core.out = []);
    onResult(this.core, result);
    return out;
  }

  /** Several results in order; the same events as ingesting them one by one. */
  ingestMany(results: Iterable<InferenceResult>): EngineEvent[] {
    const out: EngineEvent[] = (this.core.out = []);
    for (const r of results) onResult(this.core, r);
    return out;
  }

  /** An operator command at relay time `at`; refused with a readable reason when not allowed. */
  command(cmd: OperatorCommand, actor: Actor, at: number): CommandOutcome {
    const out: EngineEvent[] = (this.core.out = []);
    if (at > this.core.wall) this.core.wall = at;
    const refused = runCommand(this.core, cmd, actor, at);
    return refused === null ? { ok: true, events: out } : { ok: false, ...refused };
  }

  /** Relay clock (~1/s): shelf and out-of-service expiry, stale assets, deadlines of quiet lines. */
  tick(now: number): EngineEvent[] {
    const out: EngineEvent[] = (this.core.out = []);
    runTick(this.core, now);
    return out;
  }

  /** Current alerts (not ended), optionally of one plant or line. Copies: safe to keep. */
  alerts(filter: { plant?: string; line?: string } = {}): Alert[] {
    const out: Alert[] = [];
    for (const k of this.core.allKeys()) {
      const a = k.alert;
      if (!a || (filter.plant !== undefined && a.plant !== filter.plant) || (filter.line !== undefined && a.line !== filter.line)) continue;
      out.push(copyAlert(a));
    }
    return out;
  }

  /** Current (not ended) alerts of one line; a counter kept in step, not a scan (the relay bounds it per line). */
  openAlerts(plant: string, line: string): number {
    return this.core.plants.get(plant)?.get(line)?.open ?? 0;
  }

  /** Whether the alert key of a result already exists in the engine (its results make no new key). Creates nothing. */
  knows(r: InferenceResult): boolean {
    const asset = this.core.plants.get(r.plant)?.get(r.line)?.assets.get(r.asset);
    return asset?.keys.get(r.model.name)?.has(r.label ?? 'anomaly') ?? false;
  }

  /** One alert by id: current, or the last ended alert of its key. */
  alert(id: string): Alert | undefined {
    const k = this.core.keyOfAlert(id);
    const a = k?.alert?.id === id ? k.alert : k?.ended?.id === id ? k.ended : undefined;
    return a ? copyAlert(a) : undefined;
  }

  /** Every console (line) the engine has seen, with flood state and digest. */
  consoles(): ConsoleState[] {
    const out: ConsoleState[] = [];
    for (const l of this.core.allLines()) out.push(this.core.consoleState(l, l.clock));
    return out;
  }

  /** The policy book in force. */
  policy(): PolicyBook {
    return this.core.book;
  }

  /** Replaces the policy book at relay time `at`; the change and what it does to current alerts are events. */
  setPolicy(book: PolicyBook, at: number, by: string | null = null): EngineEvent[] {
    const out: EngineEvent[] = (this.core.out = []);
    if (at > this.core.wall) this.core.wall = at;
    out.push({ type: 'policy', at, by, reason: null });
    this.core.setBook(book);
    reapplyPolicy(this.core, at);
    return out;
  }

  /** JSON-serialisable state, for persisting and restoring after a restart. */
  /**
   * Replaces the whole state with a snapshot's (its policy book too, unless one is given), or with a
   * fresh state under the book in force. The relay uses it to undo input whose events were not stored.
   */
  restore(snapshot: EngineSnapshot | null, policy?: PolicyBook): void {
    this.core = snapshot ? decodeSnapshot(snapshot, policy) : new EngineCore(policy ?? this.core.book);
  }

  toSnapshot(): EngineSnapshot {
    return encodeSnapshot(this.core);
  }
}
