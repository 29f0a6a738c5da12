import type { Alert, ConsoleState } from '../protocol/alert.ts';

/** What a browser knows about one room (a line, or a whole plant when `line` is null). */
export interface RoomState {
  plant: string;
  line: string | null;
  /** Highest change sequence applied. */
  seq: number;
  /** Active alerts by id; ended ones are removed. */
  alerts: Record<string, Alert>;
  consoles: ConsoleState[];
}

/** The TanStack Query key of a room; the socket bridge writes pushed changes under it. */
export function roomKey(plant: string, line: string | null) {
  return ['room', plant, line ?? '*'] as const;
}

/** Whether an alert belongs to a room. */
export function inRoom(room: { plant: string; line: string | null }, alert: { plant: string; line: string }): boolean {
  return alert.plant === room.plant && (room.line === null || alert.line === room.line);
}
