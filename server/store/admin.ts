import type { Kysely, Transaction } from 'kysely';
import type { EdgeKeyView, PanelView, UserView } from '../../src/protocol/admin.ts';
import type { Role } from '../../src/protocol/common.ts';
import { appendAudit, type AuditInput } from './audit.ts';
import type { Flavour } from './migrations.ts';
import type { Database } from './schema.ts';
import type { UserRecord } from './store.ts';

/** A user change as administration applies it: every field checked and every secret hashed beforehand. */
export interface UserChange extends UserRecord {
  /** Disable at this time, or enable (null); undefined leaves it as it is. Disabling ends the user's sessions. */
  disabledAt?: number | null;
  /** A new badge and the slow hash of its PIN. */
  badge?: { badge: string; pinHash: string };
  /** End the user's sessions (a new password). */
  endSessions: boolean;
}

/** Why a user change was refused inside its transaction (another user took the badge meanwhile). */
export type UserChangeOutcome = { ok: true } | { ok: false; badgeHolder: string };

/**
 * Applies a user change and its audit entry in one transaction: all of it, or nothing when the badge
 * belongs to someone else (checked again here: another change may have taken it since the route looked).
 */
export async function changeUser(db: Kysely<Database>, flavour: Flavour, change: UserChange, entry: AuditInput): Promise<UserChangeOutcome> {
  const holderOf = async (q: Kysely<Database>, badge: string) => (await q.selectFrom('users').select('username')
    .where('badge', '=', badge).where('username', '!=', change.username).executeTakeFirst())?.username;
  try {
    return await db.transaction().execute(async (trx): Promise<UserChangeOutcome> => {
      const holder = change.badge && (await holderOf(trx, change.badge.badge));
      if (holder) return { ok: false, badgeHolder: holder };
      await trx.updateTable('users').set({
        display_name: change.displayName, role: change.role, scopes: JSON.stringify(change.scopes), password_hash: change.passwordHash,
        ...(change.disabledAt !== undefined ? { disabled_at: change.disabledAt } : {}),
        ...(change.badge ? { badge: change.badge.badge, pin_hash: change.badge.pinHash } : {}),
      }).where('username', '=', change.username).execute();
      if (change.endSessions || (change.disabledAt !== undefined && change.disabledAt !== null)) {
        await trx.deleteFrom('sessions').where('username', '=', change.username).execute();
      }
      await appendAudit(inTransaction(trx), flavour, [entry]);
      return { ok: true };
    });
  } catch (err) {
    // PostgreSQL: two changes giving one badge at once both pass the check; the unique index stops the second.
    const holder = change.badge && /unique|duplicate/i.test((err as Error).message) ? await holderOf(db, change.badge.badge) : undefined;
    if (holder) return { ok: false, badgeHolder: holder };
    throw err;
  }
}

/**
 * The transaction as the database handle `appendAudit` expects: its own `transaction()` runs on this
 * one, so the audit entry commits or rolls back with the change it records.
 */
function inTransaction(trx: Transaction<Database>): Kysely<Database> {
  const joined = { execute: <T>(work: (t: Transaction<Database>) => Promise<T>) => work(trx) };
  return new Proxy(trx, {
    get(target, prop) {
      if (prop === 'transaction') return () => joined;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value; // Kysely's private fields need the real `this`
    },
  });
}

/** Every user, disabled ones included (administration only; sign-in never sees disabled users). */
export async function listUsers(db: Kysely<Database>): Promise<UserView[]> {
  const rows = await db.selectFrom('users').select(['username', 'display_name', 'role', 'scopes', 'created_at', 'disabled_at', 'badge'])
    .orderBy('username').limit(10_000).execute();
  return rows.map((r) => ({
    username: r.username, displayName: r.display_name, role: r.role as Role, scopes: JSON.parse(r.scopes),
    disabled: r.disabled_at !== null, createdAt: Number(r.created_at), badge: r.badge,
  }));
}

/** Disables (at `at`) or enables (null) a user; a disabled user's sessions end at once. */
export async function setUserDisabled(db: Kysely<Database>, username: string, at: number | null): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const r = await trx.updateTable('users').set({ disabled_at: at }).where('username', '=', username).executeTakeFirst();
    if (at !== null) await trx.deleteFrom('sessions').where('username', '=', username).execute();
    return Number(r.numUpdatedRows) > 0;
  });
}

/** Ends every session of a user (after a password, role or scope change). */
export async function endSessionsOf(db: Kysely<Database>, username: string): Promise<void> {
  await db.deleteFrom('sessions').where('username', '=', username).execute();
}

export async function listEdgeKeys(db: Kysely<Database>): Promise<EdgeKeyView[]> {
  const rows = await db.selectFrom('edge_keys').select(['id', 'name', 'scopes', 'created_at', 'revoked_at']).orderBy('created_at').limit(10_000).execute();
  return rows.map((r) => ({
    id: r.id, name: r.name, scopes: JSON.parse(r.scopes), createdAt: Number(r.created_at), revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
  }));
}

export async function cataloguePlants(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('catalogues').select('plant').orderBy('plant').execute();
  return rows.map((r) => r.plant);
}

/** Keeps every policy book ever put in force, with who and when. */
export async function savePolicy(db: Kysely<Database>, body: string, at: number, by: string): Promise<void> {
  await db.insertInto('policy_versions').values({ at, by_user: by, body }).execute();
}

export async function latestPolicy(db: Kysely<Database>): Promise<{ body: string; at: number; by: string } | null> {
  const r = await db.selectFrom('policy_versions').select(['body', 'at', 'by_user']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return r ? { body: r.body, at: Number(r.at), by: r.by_user } : null;
}

/** A user with its hash, disabled or not (administration edits). */
export async function anyUser(db: Kysely<Database>, username: string): Promise<(UserRecord & { disabled: boolean }) | null> {
  const r = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  return r ? { username: r.username, displayName: r.display_name, role: r.role as Role, scopes: JSON.parse(r.scopes), passwordHash: r.password_hash, disabled: r.disabled_at !== null } : null;
}

export async function listPanels(db: Kysely<Database>): Promise<PanelView[]> {
  const rows = await db.selectFrom('panels').select(['id', 'name', 'plant', 'line', 'created_at', 'revoked_at']).orderBy('created_at').limit(10_000).execute();
  return rows.map((r) => ({ id: r.id, name: r.name, plant: r.plant, line: r.line, createdAt: Number(r.created_at), revokedAt: r.revoked_at === null ? null : Number(r.revoked_at) }));
}

/** Ends every session a panel device opened (after it is revoked). */
export async function endPanelSessions(db: Kysely<Database>, panelId: string): Promise<void> {
  await db.deleteFrom('sessions').where('panel_id', '=', panelId).execute();
}
