import type { Namespace } from 'socket.io';
import { inScope } from '../auth/scope.ts';
import { sessionMe } from '../auth/sessions.ts';
import type { Store } from '../store/store.ts';

/** Plant and line a room belongs to (line, plant and trend rooms); null for socket.io's own rooms. */
export function roomScope(room: string): { plant: string; line?: string } | null {
  const m = /^(?:line|trend):([^/]+)\/([^/]+)/.exec(room) ?? /^plant:([^/]+)$/.exec(room);
  if (!m) return null;
  return m[2] === undefined ? { plant: m[1]! } : { plant: m[1]!, line: m[2] };
}

/**
 * Authorises this instance's open browser sockets again against their sessions now. Pushes to a
 * room do not ask who is listening, so without this a socket would keep receiving what its person
 * may no longer see: an ended session (sign-out elsewhere, expiry, a revoked panel device, a disabled
 * user) is disconnected, and rooms outside a narrowed scope are left.
 */
export function createSessionSweep(nsp: Namespace, store: Store, clock: () => number) {
  return async function sweep(): Promise<{ ended: number; left: number }> {
    let ended = 0, left = 0;
    // One session often has several sockets (tabs): each session is read once per sweep.
    const sessions = new Map<string | undefined, ReturnType<typeof sessionMe>>();
    const now = clock();
    for (const socket of nsp.sockets.values()) {
      const token = (socket.data as { token?: string }).token;
      if (!sessions.has(token)) sessions.set(token, sessionMe(store, token, now));
      const me = await sessions.get(token);
      if (!me) {
        // Close the transport rather than a server disconnect, which browsers do not recover from: the
        // app reconnects, its handshake is refused ("sign in first") and it asks for a sign-in.
        socket.conn.close();
        ended++;
        continue;
      }
      for (const room of socket.rooms) {
        const scope = roomScope(room);
        if (scope && !inScope(me.scopes, scope.plant, scope.line)) {
          await socket.leave(room);
          left++;
        }
      }
    }
    return { ended, left };
  };
}
