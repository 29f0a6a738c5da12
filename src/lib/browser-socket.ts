import type { Socket } from 'socket.io-client';
import type { BrowserToServerEvents, ServerToBrowserEvents } from '../protocol/events.ts';

/** The browser's socket.io connection, typed by the protocol's event maps (see socket.ts). */
export type BrowserSocket = Socket<ServerToBrowserEvents, BrowserToServerEvents>;
