import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PanelCreate, type PanelCreated, type PanelView } from '../../src/protocol/admin.ts';
import { createPanelDevice } from '../auth/panels.ts';
import type { ConfigSync } from '../relay/config-sync.ts';
import type { Store } from '../store/store.ts';
import { HttpError, parseOr400, requireUser } from './guard.ts';

export const PanelIdParams = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a panel id') });

/** Panel devices (admin): each bound to one line; the device token is shown once; revoking ends its sessions. */
export function panelAdminRoutes(app: FastifyInstance, deps: { store: Store; clock: () => number; sync: Pick<ConfigSync, 'sessionsChanged'> }) {
  const { store } = deps;

  app.get('/api/v1/admin/panels', async (req): Promise<PanelView[]> => {
    await requireUser(store, req, 'admin', deps.clock());
    return store.listPanels();
  });

  app.post('/api/v1/admin/panels', async (req, reply) => {
    const now = deps.clock();
    const me = await requireUser(store, req, 'admin', now);
    const body = parseOr400(PanelCreate, req.body, 'panel');
    const { id, token } = await createPanelDevice(store, body.name, body.plant, body.line, now);
    await store.audit([{ at: now, actor: me.username, action: 'panel.create', target: id, detail: { ...body } }]);
    const answer: PanelCreated = { token, panel: (await store.listPanels()).find((p) => p.id === id)! };
    return reply.code(201).header('cache-control', 'no-store').send(answer);
  });

  app.post('/api/v1/admin/panels/:id/revoke', async (req): Promise<PanelView> => {
    const now = deps.clock();
    const me = await requireUser(store, req, 'admin', now);
    const { id } = parseOr400(PanelIdParams, req.params, 'path');
    const panel = await store.panels.panel(id);
    if (!panel) throw new HttpError('not_found', `not found: no panel ${id}`);
    if (panel.revokedAt === null) {
      await store.panels.upsertPanel({ ...panel, revokedAt: now }, now);
      await store.audit([{ at: now, actor: me.username, action: 'panel.revoke', target: id, detail: { name: panel.name, plant: panel.plant, line: panel.line } }]);
    }
    await store.endPanelSessions(id);
    await deps.sync.sessionsChanged(); // its open panels are signed out at once, not at their next request
    return (await store.listPanels()).find((p) => p.id === id)!;
  });
}
