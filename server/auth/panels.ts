import type { Me } from '../../src/protocol/session.ts';
import type { Store } from '../store/store.ts';
import { randomToken, slowHash, tokenDigest, verifySlowHash } from './hash.ts';
import { atLeast, inScope } from './scope.ts';

/** An identified operator falls back to viewer after this long without acting (policy could vary it). */
export const OPERATOR_IDLE_MS = 5 * 60_000;
const PANEL_SESSION_MS = 30 * 24 * 3600_000; // a panel stays signed in as a device; people identify per shift
/** The most a panel session may do, whoever identifies on it. */
const PANEL_ROLE = 'operator';

/** Issues a device token `clp_<id>_<secret>` for a panel on one line; only its slow hash is stored. Shown once. */
export async function createPanelDevice(store: Store, name: string, plant: string, line: string, at: number) {
  const id = randomToken(6).replace(/[-_]/g, 'x');
  const secret = randomToken();
  await store.panels.upsertPanel({ id, name, plant, line, tokenHash: await slowHash(secret), revokedAt: null }, at);
  return { id, token: `clp_${id}_${secret}` };
}

/** Opens a device session for a panel token; returns the session token or null. */
export async function openPanelSession(store: Store, token: string, now: number): Promise<string | null> {
  const m = /^clp_([A-Za-z0-9]+)_([A-Za-z0-9_-]+)$/.exec(token);
  const panel = m ? await store.panels.panel(m[1]!) : null;
  if (!panel || panel.revokedAt !== null || !(await verifySlowHash(m![2]!, panel.tokenHash))) return null;
  const session = randomToken(32);
  await store.panels.createPanelSession(tokenDigest(session), panel.id, now, now + PANEL_SESSION_MS);
  return session;
}

/** Sets or changes a user's badge and PIN (the PIN is stored as a slow hash). */
export async function setBadge(store: Store, username: string, badge: string, pin: string): Promise<void> {
  await store.panels.setBadge(username, badge, await slowHash(pin));
}

/**
 * Identifies an operator on a panel by badge + PIN. Refused unless the person may act on this line.
 * The answer does not say whether the badge or the PIN was wrong.
 */
export async function identifyOperator(store: Store, sessionToken: string, badge: string, pin: string, now: number): Promise<{ ok: true } | { ok: false; code: 'forbidden' | 'wrong_credentials'; reason: string }> {
  const digest = tokenDigest(sessionToken);
  const session = await store.panels.session(digest, now);
  const panel = session?.panelId ? await store.panels.panel(session.panelId) : null;
  if (!panel) return { ok: false, code: 'forbidden', reason: 'forbidden: this is not a panel session' };
  const holder = await store.panels.userByBadge(badge);
  const ok = await verifySlowHash(pin, holder?.pinHash ?? (await slowHash('0000')));
  const user = holder && ok ? await store.user(holder.username) : null;
  if (!user) return { ok: false, code: 'wrong_credentials', reason: 'unauthorized: badge or PIN not recognised' };
  if (!atLeast(user.role, 'operator') || !inScope(user.scopes, panel.plant, panel.line)) return { ok: false, code: 'forbidden', reason: `forbidden: ${user.displayName} may not act on ${panel.plant}/${panel.line}` };
  await store.panels.setSessionOperator(digest, user.username, now + OPERATOR_IDLE_MS);
  return { ok: true };
}

/** Keeps an identified operator signed in while they act. */
export async function touchOperator(store: Store, sessionToken: string, now: number): Promise<void> {
  const digest = tokenDigest(sessionToken);
  const s = await store.panels.session(digest, now);
  if (s?.operator && (s.operatorUntil ?? 0) > now) await store.panels.setSessionOperator(digest, s.operator, now + OPERATOR_IDLE_MS);
}

export async function signOutOperator(store: Store, sessionToken: string): Promise<void> {
  await store.panels.setSessionOperator(tokenDigest(sessionToken), null, null);
}

/**
 * Who a panel session is right now: its identified operator or a viewer, scoped to the panel's line.
 * A panel stays a line's operator station whoever identifies on it: an admin, engineer or supervisor
 * acts there as an operator (for every REST route and socket event, all of which read this).
 */
export async function panelMe(store: Store, panelId: string, operator: string | null, until: number | null, now: number): Promise<Me | null> {
  const panel = await store.panels.panel(panelId);
  if (!panel || panel.revokedAt !== null) return null;
  const scopes = [{ plant: panel.plant, line: panel.line }];
  const user = operator && until && until > now ? await store.user(operator) : null;
  const info = { id: panel.id, name: panel.name, plant: panel.plant, line: panel.line, operatorUntil: user ? until : null };
  if (user) return { username: user.username, displayName: user.displayName, role: atLeast(user.role, PANEL_ROLE) ? PANEL_ROLE : user.role, scopes, panel: info };
  return { username: `panel:${panel.id}`, displayName: panel.name, role: 'viewer', scopes, panel: info };
}
