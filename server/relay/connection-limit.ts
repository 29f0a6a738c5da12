import type { Socket } from 'socket.io';

/**
 * Counts the sockets of each owner (a session, an edge key) on this relay instance and refuses one
 * past the bound at its handshake. The place is taken in the handshake's middleware, synchronously,
 * so parallel handshakes cannot all pass; it is freed when the socket disconnects, or when its
 * connection closes before the socket got connected.
 */
export class ConnectionLimit {
  private readonly max: number;
  private readonly byOwner = new Map<string, Set<string>>();

  constructor(max: number) {
    this.max = max;
  }

  /** Takes a place for the socket; false when its owner holds `max` already. */
  admit(owner: string, socket: Socket): boolean {
    // Closed while its handshake was checked: socket.io drops it without a disconnect, so hold no place.
    if (socket.conn.readyState !== 'open') return true;
    let held = this.byOwner.get(owner);
    if (held && held.size >= this.max) return false;
    if (!held) this.byOwner.set(owner, (held = new Set()));
    const mine = held;
    mine.add(socket.id);
    const free = () => {
      socket.conn.off('close', free); // a connection may carry many sockets over its life
      mine.delete(socket.id);
      if (mine.size === 0 && this.byOwner.get(owner) === mine) this.byOwner.delete(owner);
    };
    socket.once('disconnect', free);
    socket.conn.once('close', free);
    return true;
  }
}
