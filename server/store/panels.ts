import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export interface PanelRecord {
  id: string;
  name: string;
  plant: string;
  line: string;
  tokenHash: string;
  revokedAt: number | null;
}

export interface SessionRecord {
  username: string;
  panelId: string | null;
  operator: string | null;
  operatorUntil: number | null;
}

/** Panel devices, badges and panel sessions (queries shared by SQLite and PostgreSQL). */
export function panelQueries(db: Kysely<Database>) {
  return {
    async upsertPanel(p: PanelRecord, at: number): Promise<void> {
      const row = { name: p.name, plant: p.plant, line: p.line, token_hash: p.tokenHash, revoked_at: p.revokedAt };
      await db.insertInto('panels').values({ id: p.id, created_at: at, ...row }).onConflict((oc) => oc.column('id').doUpdateSet(row)).execute();
    },
    async panel(id: string): Promise<PanelRecord | null> {
      const r = await db.selectFrom('panels').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? { id: r.id, name: r.name, plant: r.plant, line: r.line, tokenHash: r.token_hash, revokedAt: r.revoked_at === null ? null : Number(r.revoked_at) } : null;
    },
    async createPanelSession(tokenHash: string, panelId: string, at: number, expiresAt: number): Promise<void> {
      await db.insertInto('sessions').values({ token_hash: tokenHash, username: `panel:${panelId}`, panel_id: panelId, created_at: at, expires_at: expiresAt }).execute();
    },
    async session(tokenHash: string, now: number): Promise<SessionRecord | null> {
      const r = await db.selectFrom('sessions').select(['username', 'panel_id', 'operator', 'operator_until'])
        .where('token_hash', '=', tokenHash).where('expires_at', '>', now).executeTakeFirst();
      return r ? { username: r.username, panelId: r.panel_id, operator: r.operator, operatorUntil: r.operator_until === null ? null : Number(r.operator_until) } : null;
    },
    async setSessionOperator(tokenHash: string, operator: string | null, until: number | null): Promise<void> {
      await db.updateTable('sessions').set({ operator, operator_until: until }).where('token_hash', '=', tokenHash).execute();
    },
    async setBadge(username: string, badge: string | null, pinHash: string | null): Promise<void> {
      await db.updateTable('users').set({ badge, pin_hash: pinHash }).where('username', '=', username).execute();
    },
    async userByBadge(badge: string): Promise<{ username: string; pinHash: string | null } | null> {
      const r = await db.selectFrom('users').select(['username', 'pin_hash']).where('badge', '=', badge).executeTakeFirst();
      return r ? { username: r.username, pinHash: r.pin_hash } : null;
    },
  };
}
export type PanelQueries = ReturnType<typeof panelQueries>;
