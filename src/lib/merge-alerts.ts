import type { Alert, AlertChange, ConsoleState } from '../protocol/alert.ts';
import type { RoomSnapshot } from '../protocol/events.ts';
import type { RoomState } from './room.ts';

/** An alert whose state is `normal` has ended and leaves the screen. */
export function hasEnded(alert: Alert): boolean {
  return alert.state === 'normal';
}

/** A room's state from a fresh snapshot. */
export function fromSnapshot(snapshot: RoomSnapshot): RoomState {
  const alerts: Record<string, Alert> = {};
  for (const alert of snapshot.alerts) if (!hasEnded(alert)) alerts[alert.id] = alert;
  return { plant: snapshot.plant, line: snapshot.line, seq: snapshot.seq, alerts, consoles: snapshot.consoles };
}

/**
 * Applies changes to a room, in sequence order. A change at or below the room's sequence (a
 * duplicate or an older one) is ignored; an ended alert is removed. Returns `state` itself when
 * nothing applied, so callers can skip a render.
 */
export function applyChanges(state: RoomState, changes: readonly AlertChange[]): RoomState {
  const fresh = changes.filter((c) => c.seq > state.seq);
  if (fresh.length === 0) return state;
  fresh.sort((a, b) => a.seq - b.seq);
  const alerts = { ...state.alerts };
  let seq = state.seq;
  for (const change of fresh) {
    if (change.seq <= seq) continue; // duplicate within the batch
    seq = change.seq;
    if (hasEnded(change.alert)) delete alerts[change.alert.id];
    else alerts[change.alert.id] = change.alert;
  }
  return { ...state, seq, alerts };
}

/** Applies a replay answer: the missed changes, the relay's sequence and the current consoles. */
export function applyReplay(state: RoomState, changes: readonly AlertChange[], seq: number, consoles: ConsoleState[]): RoomState {
  const next = applyChanges(state, changes);
  return { ...next, seq: Math.max(next.seq, seq), consoles };
}

/** Replaces (or adds) one console's state. */
export function applyConsole(state: RoomState, console: ConsoleState): RoomState {
  const others = state.consoles.filter((c) => !(c.plant === console.plant && c.line === console.line));
  return { ...state, consoles: [...others, console] };
}

/** Replaces one alert locally (optimistic command state); a later change from the relay wins. */
export function replaceAlert(state: RoomState, alert: Alert): RoomState {
  const alerts = { ...state.alerts };
  if (hasEnded(alert)) delete alerts[alert.id];
  else alerts[alert.id] = alert;
  return { ...state, alerts };
}
