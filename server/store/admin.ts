import type { Kysely } from 'kysely';
import type { EdgeKeyView, PanelView, UserView } from '../../src/protocol/admin.ts';
import type { Role } from '../../src/protocol/common.ts';
import type { Database } from './schema.ts';
import type { UserRecord } from './store.ts';

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
