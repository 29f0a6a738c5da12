import type { Server } from 'socket.io';
import type { AlertChange, ConsoleState } from '../../src/protocol/alert.ts';
import type { AssetState } from '../../src/protocol/asset.ts';
import type { BrowserToServerEvents, ServerToBrowserEvents } from '../../src/protocol/events.ts';
import type { PolicyBook } from '../../src/protocol/policy.ts';
import { plantShelveLimits } from '../../src/protocol/shelving.ts';

import type { Actor, CommandOutcome } from '../engine/types.ts';

/** Events between relay instances (through the Redis adapter when scaled out). */
export interface RelayToRelayEvents {
  /** Run a command on the instance owning the alert's line; others answer null. */
  'relay:command': (req: { cmd: unknown; actor: Actor }, answer: (outcome: CommandOutcome | null) => void) => void;
  /** A new policy book is in the store: put it in force (see config-sync.ts). */
  'relay:policy': () => void;
  /** An edge key was revoked in the store: forget cached verifications. */
  'relay:edge-keys': () => void;
  /** People, sessions or panel devices changed: authorise open browser sockets again. */
  'relay:sessions': () => void;
  /** An instance's adapter link came back after a loss: browsers reconnect for a fresh snapshot. */
  'relay:resync': () => void;
}

export type BrowserServer = Server<BrowserToServerEvents, ServerToBrowserEvents, RelayToRelayEvents>;

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
    asset(state: AssetState) {
      io.to([lineRoom(state.plant, state.line), plantRoom(state.plant)]).emit('asset:state', state);
    },
    /**
     * A new policy book is in force: each plant watched by this instance's browsers gets its shelve
     * limits, so open panels stop offering shelves the relay would refuse. Local only: every instance
     * puts the book in force (config-sync.ts) and tells its own browsers.
     */
    shelving(book: PolicyBook) {
      const watched = new Map<string, string[]>();
      for (const room of io.of('/').adapter.rooms.keys()) {
        // Slugs hold no '/': `line:plant/line` splits at the first one.
        const plant = room.startsWith('plant:') ? room.slice(6) : room.startsWith('line:') ? room.slice(5, room.indexOf('/')) : null;
        if (plant) watched.set(plant, [...(watched.get(plant) ?? []), room]);
      }
      for (const [plant, rooms] of watched) io.local.to(rooms).emit('shelving:changed', { plant, shelving: plantShelveLimits(book, plant) });
    },
  };
}
export type Publisher = ReturnType<typeof createPublisher>;
