import type { Alert, AlertChangeKind, ConsoleState } from '../../src/protocol/alert.ts';
import type { Role } from '../../src/protocol/common.ts';
import type { RefusalCode } from '../../src/protocol/refusal.ts';

/** Who did something to an alert; `system` for the engine's own transitions. */
export interface Actor {
  user: string;
  role: Role;
}

/**
 * What the engine decided. Every alert event carries a named kind and, when it held something back,
 * a reason; the relay sequences, stores and emits them unchanged.
 */
export type EngineEvent =
  | { type: 'alert'; kind: AlertChangeKind; at: number; by: string | null; reason: string | null; alert: Alert }
  | { type: 'console'; at: number; console: ConsoleState }
  /** A plain, stateless `score ≥ threshold` rule would have notified here: one per result over threshold (the KPI's "naive crossings"). */
  | { type: 'crossing'; at: number; plant: string; line: string; key: string }
  /**
   * An asset's own state changed: taken out of service or returned (with who and why), or it went
   * stale (no data for `policy.staleAfterMs` of relay time) and fresh again.
   */
  | AssetEvent
  /** The policy book was replaced (who, when); the alert changes it caused follow as `alert` events. */
  | { type: 'policy'; at: number; by: string | null; reason: string | null }
  /**
   * A result taken but not applied, and why (the only event its result causes: no crossing, no change).
   * `at` is the line's clock; `newestTs` the event time of the newest result applied to the key.
   */
  | { type: 'ignored'; reason: IgnoredReason; at: number; plant: string; line: string; key: string; resultId: string; ts: number; newestTs: number };

/**
 * Why a result changed nothing. `late`: it is older than the newest result already applied to its key
 * (an edge's buffer emptied out of order, a slow path): it may not undo what that newer result established.
 */
export type IgnoredReason = 'late';

/** What an `asset` event reports. */
export type AssetStatus = 'out_of_service' | 'in_service' | 'stale' | 'fresh';

/** An asset's own state change. `until` is set for `out_of_service`; `lastDataAt` (event time) for `stale`. */
export interface AssetEvent {
  type: 'asset';
  status: AssetStatus;
  at: number;
  plant: string;
  line: string;
  asset: string;
  by: string | null;
  reason: string | null;
  until: number | null;
  lastDataAt: number | null;
}

/** Outcome of an operator command: the events it caused, or a refusal a person can read. */
export type CommandOutcome = { ok: true; events: EngineEvent[] } | { ok: false; code: RefusalCode; reason: string };
