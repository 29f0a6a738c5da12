import type { Alert, AlertChangeKind, ConsoleState } from '../../src/protocol/alert.ts';
import type { Role } from '../../src/protocol/common.ts';

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
  /** A plain `score ≥ threshold` rule would have notified here (counted for the alarm-load KPI). */
  | { type: 'crossing'; at: number; plant: string; line: string; key: string };

/** Outcome of an operator command: the events it caused, or a refusal a person can read. */
export type CommandOutcome = { ok: true; events: EngineEvent[] } | { ok: false; reason: string };
