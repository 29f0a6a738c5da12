import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Namespace } from 'socket.io';
import { z } from 'zod';
import { EdgeKeyCreate, EdgeKeyCreated, EdgeKeyView, UserCreate, UserPatch, Username, UserView } from '../../src/protocol/admin.ts';
import { createEdgeKey, type EdgeKeyVerifier } from '../auth/edge-keys.ts';
import { slowHash } from '../auth/hash.ts';
import type { ConfigSync } from '../relay/config-sync.ts';
import type { Store } from '../store/store.ts';
import { personOf } from './authorise.ts';
import { HttpError } from './guard.ts';
import { policy } from './route-policy.ts';
import { panelAdminRoutes } from './panel-admin-routes.ts';

export const UsernameParams = z.strictObject({ username: Username });
export const KeyIdParams = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a key id') });

export interface AdminDeps {
  store: Store;
  clock: () => number;
  verifier: EdgeKeyVerifier;
  /** The `/edge` namespace: a revoked key's open connections are closed at once. */
  edges: Namespace;
  /** Tells the other relay instances (scale-out) to drop their cached verifications. */
  sync: Pick<ConfigSync, 'edgeKeyRevoked' | 'sessionsChanged'>;
}

/** Administration (admin role): users with roles, scopes and badges, edge keys and panel devices. Every change is audited. */
export function adminRoutes(app: FastifyInstance, deps: AdminDeps) {
  const { store } = deps;
  const zapp = app.withTypeProvider<ZodTypeProvider>();
  const admin = policy('admin');
  const viewOf = async (username: string): Promise<UserView> => (await store.listUsers()).find((u) => u.username === username)!;

  zapp.get('/api/v1/admin/users', { config: admin, schema: { summary: 'Users with roles and scopes', response: { 200: z.array(UserView) } } }, async (): Promise<UserView[]> => {
    return store.listUsers();
  });

  zapp.post('/api/v1/admin/users', {
    config: admin,
    schema: { summary: 'Create a user (password stored as a slow hash)', body: UserCreate, response: { 201: UserView } },
  }, async (req, reply) => {
    const me = personOf(req);
    const body = req.body;
    if (await store.anyUser(body.username)) throw new HttpError('conflict', `conflict: user ${body.username} exists`);
    const now = deps.clock();
    await store.upsertUser({ username: body.username, displayName: body.displayName, role: body.role, scopes: body.scopes, passwordHash: await slowHash(body.password) }, now);
    await store.audit([{ at: now, actor: me.username, action: 'user.create', target: body.username, detail: { displayName: body.displayName, role: body.role, scopes: body.scopes } }]);
    return reply.code(201).send(await viewOf(body.username));
  });

  zapp.patch('/api/v1/admin/users/:username', {
    config: admin,
    schema: { summary: 'Change name, role, scopes, password, or badge + PIN; disable or enable', params: UsernameParams, body: UserPatch, response: { 200: UserView } },
  }, async (req): Promise<UserView> => {
    const me = personOf(req);
    const { username } = req.params;
    const patch = req.body;
    const user = await store.anyUser(username);
    if (!user) throw new HttpError('not_found', `not found: no user ${username}`);
    // Every check comes before anything is written: a refused change changes nothing.
    const losesAdmin = (patch.role !== undefined && patch.role !== 'admin') || patch.disabled === true;
    if (user.role === 'admin' && losesAdmin) {
      if (username === me.username) throw new HttpError('conflict', 'conflict: you cannot disable yourself or take away your own admin role');
      const admins = (await store.listUsers()).filter((u) => u.role === 'admin' && !u.disabled);
      if (admins.length <= 1) throw new HttpError('conflict', 'conflict: this is the last active admin');
    }
    const badgeTaken = (holder: string) => new HttpError('conflict', `conflict: badge ${patch.badge} belongs to ${holder}`);
    const holder = patch.badge ? await store.panels.userByBadge(patch.badge) : null;
    if (holder && holder.username !== username) throw badgeTaken(holder.username);
    const now = deps.clock();
    const { password: _p, pin: _pin, ...changed } = patch;
    // One transaction: the user row, sessions, badge and the audit entry (server/store/admin.ts).
    const outcome = await store.changeUser({
      username, displayName: patch.displayName ?? user.displayName, role: patch.role ?? user.role, scopes: patch.scopes ?? user.scopes,
      passwordHash: patch.password ? await slowHash(patch.password) : user.passwordHash,
      disabledAt: patch.disabled === undefined || patch.disabled === user.disabled ? undefined : patch.disabled ? now : null,
      badge: patch.badge && patch.pin ? { badge: patch.badge, pinHash: await slowHash(patch.pin) } : undefined,
      endSessions: patch.password !== undefined,
    }, { at: now, actor: me.username, action: 'user.update', target: username, detail: { ...changed, ...(patch.password ? { passwordChanged: true } : {}), ...(patch.pin ? { pinChanged: true } : {}) } });
    if (!outcome.ok) throw badgeTaken(outcome.badgeHolder);
    await deps.sync.sessionsChanged(); // a narrowed scope, a new role or a disabled user holds on open sockets too
    return viewOf(username);
  });

  panelAdminRoutes(app, { store, clock: deps.clock, sync: deps.sync });

  zapp.get('/api/v1/admin/edge-keys', { config: admin, schema: { summary: 'Edge keys (never the key itself)', response: { 200: z.array(EdgeKeyView) } } }, async (): Promise<EdgeKeyView[]> => {
    return store.listEdgeKeys();
  });

  zapp.post('/api/v1/admin/edge-keys', {
    config: admin,
    schema: { summary: 'Create an edge key; the key is in this answer only', body: EdgeKeyCreate, response: { 201: EdgeKeyCreated } },
  }, async (req, reply) => {
    const me = personOf(req);
    const body = req.body;
    const now = deps.clock();
    const { key, record } = await createEdgeKey(store, body.name, body.scopes, now);
    await store.audit([{ at: now, actor: me.username, action: 'edge_key.create', target: record.id, detail: { name: body.name, scopes: body.scopes } }]);
    const answer: EdgeKeyCreated = { key, edgeKey: { id: record.id, name: record.name, scopes: record.scopes, createdAt: now, revokedAt: null } };
    return reply.code(201).header('cache-control', 'no-store').send(answer);
  });

  zapp.post('/api/v1/admin/edge-keys/:id/revoke', {
    config: admin,
    schema: { summary: 'Revoke an edge key, effective at once', params: KeyIdParams, response: { 200: EdgeKeyView } },
  }, async (req): Promise<EdgeKeyView> => {
    const me = personOf(req);
    const { id } = req.params;
    const record = await store.edgeKeyById(id);
    if (!record) throw new HttpError('not_found', `not found: no edge key ${id}`);
    const now = deps.clock();
    if (record.revokedAt === null) {
      await store.upsertEdgeKey({ ...record, revokedAt: now }, now);
      await store.audit([{ at: now, actor: me.username, action: 'edge_key.revoke', target: id, detail: { name: record.name } }]);
    }
    // Effective at once: no cached verification survives, and open connections of the key are closed.
    deps.verifier.forget();
    deps.sync.edgeKeyRevoked();
    for (const socket of await deps.edges.fetchSockets()) {
      if ((socket.data as { edge?: { keyId?: string } }).edge?.keyId === id) socket.disconnect(true);
    }
    return (await store.listEdgeKeys()).find((k) => k.id === id)!;
  });
}
