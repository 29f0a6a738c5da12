import type { Me } from '../../src/protocol/session.ts';
import type { Store } from '../store/store.ts';
import { randomToken, slowHash, tokenDigest, verifySlowHash } from './hash.ts';
import { panelMe } from './panels.ts';

export const SESSION_COOKIE = 'cl_session';
const SESSION_MS = 12 * 60 * 60 * 1000; // one shift and a half
let dummyHash: Promise<string> | undefined;

/** Checks a username and password; on success opens a session and returns its token. */
export async function login(store: Store, username: string, password: string, now: number): Promise<{ token: string; me: Me } | null> {
  const user = await store.user(username);
  // Hash even for unknown users so the answer time does not reveal which usernames exist.
  const ok = await verifySlowHash(password, user?.passwordHash ?? (await (dummyHash ??= slowHash('x'))));
  if (!user || !ok) return null;
  const token = randomToken(32);
  await store.createSession(tokenDigest(token), user.username, now, now + SESSION_MS);
  return { token, me: { username: user.username, displayName: user.displayName, role: user.role, scopes: user.scopes } };
}

/** Who holds this session token, or null when it is unknown or expired. */
export async function sessionMe(store: Store, token: string | undefined, now: number): Promise<Me | null> {
  if (!token || token.length > 100) return null;
  const session = await store.panels.session(tokenDigest(token), now);
  if (session?.panelId) return panelMe(store, session.panelId, session.operator, session.operatorUntil, now);
  const user = session ? await store.user(session.username) : null;
  return user ? { username: user.username, displayName: user.displayName, role: user.role, scopes: user.scopes } : null;
}

/** Ends a session; answers who held it (for the audit), or null when it had already ended. */
export async function logout(store: Store, token: string | undefined, now: number): Promise<Me | null> {
  if (!token) return null;
  const me = await sessionMe(store, token, now);
  await store.deleteSession(tokenDigest(token));
  return me;
}

/** Reads one cookie from a raw Cookie header (socket.io handshakes have no parsed cookies). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}
