import type { Server } from 'socket.io';
import type { AlertChange, ConsoleState } from '../../src/protocol/alert.ts';
import type { BrowserToServerEvents, ServerToBrowserEvents } from '../../src/protocol/events.ts';

export type BrowserServer = Server<BrowserToServerEvents, ServerToBrowserEvents>;

/** Room names: a line console and its plant. */
export const lineRoom = (plant: string, line: string) => `line:${plant}/${line}`;
export const plantRoom = (plant: string) => `plant:${plant}`;

/** Sends stored (sequenced) changes to the browsers watching the alert's line or plant. */
export function createPublisher(io: BrowserServer) {
  return {
    changes(changes: AlertChange[]) {
      for (const c of changes) io.to([lineRoom(c.alert.plant, c.alert.line), plantRoom(c.alert.plant)]).emit('alert:change', c);
    },
    console(state: ConsoleState) {
      io.to([lineRoom(state.plant, state.line), plantRoom(state.plant)]).emit('console:state', state);
    },
  };
}
export type Publisher = ReturnType<typeof createPublisher>;
