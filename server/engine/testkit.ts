// Helpers shared by the engine's tests and bench: crafted result streams and event filters.
import type { Alert, AlertChangeKind } from '../../src/protocol/alert.ts';
import type { Role } from '../../src/protocol/common.ts';
import type { OperatorCommand } from '../../src/protocol/commands.ts';
import type { InferenceResult } from '../../src/protocol/inference.ts';
import { defaultPolicyBook, type PolicyBook, type PolicyPatch } from '../../src/protocol/policy.ts';
import type { Actor, EngineEvent } from './types.ts';

export const T0 = 1_700_000_000_000;
export const SEC = 1_000;
export const MIN = 60_000;

let n = 0;

/** A result for plant p / line l / asset a / model m unless overridden; `ts` defaults to T0. */
export function res(score: number, ts: number, over: Partial<InferenceResult> = {}): InferenceResult {
  return { id: `r${++n}`, ts, plant: 'p', line: 'l', asset: 'a', model: { name: 'm', version: '1' }, score, threshold: 0.8, ...over };
}

/** Results with the given scores one `step` ms apart from `start`. */
export function series(scores: number[], start = T0, step = SEC, over: Partial<InferenceResult> = {}): InferenceResult[] {
  return scores.map((s, i) => res(s, start + i * step, over));
}

export type AlertEvent = Extract<EngineEvent, { type: 'alert' }>;

export const alertEvents = (ev: EngineEvent[]): AlertEvent[] => ev.filter((e): e is AlertEvent => e.type === 'alert');
export const kinds = (ev: EngineEvent[]): AlertChangeKind[] => alertEvents(ev).map((e) => e.kind);
export const lastAlert = (ev: EngineEvent[]): Alert | undefined => alertEvents(ev).at(-1)?.alert;

export const actor = (role: Role, user = `${role}-1`): Actor => ({ user, role });

let c = 0;
/** A command with a fresh command id. */
export function cmd<T extends OperatorCommand['type']>(type: T, body: Omit<Extract<OperatorCommand, { type: T }>, 'type' | 'commandId'>): OperatorCommand {
  const id = `00000000-0000-4000-8000-${String(++c).padStart(12, '0')}`;
  return { type, commandId: id, ...body } as unknown as OperatorCommand;
}

/** A book whose defaults are patched. */
export function book(patch: PolicyPatch = {}, plants: PolicyBook['plants'] = {}): PolicyBook {
  const b = defaultPolicyBook();
  return { defaults: { ...b.defaults, ...patch }, plants };
}
