import type { Socket } from 'socket.io';
import type { BrowserServer } from './publisher.ts';

/** Most bytes queued for one browser before it counts as not reading. */
export const MAX_QUEUED_BYTES = 16 * 1024 * 1024;

function queuedBytes(socket: Socket, cap: number): number {
  const queued = (socket.conn as unknown as { writeBuffer?: { data?: unknown }[] }).writeBuffer ?? [];
  let bytes = 0;
  for (const packet of queued) {
    bytes += typeof packet.data === 'string' ? packet.data.length : 1024;
    if (bytes > cap) break;
  }
  return bytes;
}

/**
 * Bounds what the relay holds for a browser that stops reading (a stuck tab, a dead Wi-Fi link):
 * engine.io would keep every packet until its heartbeat gives up. A browser over the bound on two
 * sweeps in a row without draining has its connection closed; it reconnects by itself and is replayed
 * every change after the last one it saw, so nothing is lost. A burst that a healthy browser drains
 * between sweeps does not count.
 */
export function createSlowBrowserSweep(io: BrowserServer, maxBytes = MAX_QUEUED_BYTES) {
  const over = new WeakMap<Socket, number>();
  return function sweep(): number {
    let dropped = 0;
    for (const socket of io.of('/').sockets.values()) {
      const bytes = queuedBytes(socket, maxBytes * 4);
      const before = over.get(socket);
      if (bytes <= maxBytes) {
        over.delete(socket);
      } else if (before === undefined || bytes < before) {
        over.set(socket, bytes);
      } else {
        // Discard what is queued and close the transport (not a server disconnect): the client reconnects.
        socket.conn.close(true);
        over.delete(socket);
        dropped++;
      }
    }
    return dropped;
  };
}
