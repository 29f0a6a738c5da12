import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PanelCreate, PanelCreated, PanelView } from '../../src/protocol/admin.ts';
import { createPanelDevice } from '../auth/panels.ts';
import type { ConfigSync } from '../relay/config-sync.ts';
import type { Store } from '../store/store.ts';
import { personOf } from './authorise.ts';
import { HttpError } from './guard.ts';
import { policy } from './route-policy.ts';

export const PanelIdParams = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a panel id') });

/** Panel devices (admin): each bound to one line; the device token is shown once; revoking ends its sessions. */
export function panelAdminRoutes(app: FastifyInstance, deps: { store: Store; clock: () => number; sync: Pick<ConfigSync, 'sessionsChanged'> }) {
  const { store } = deps;
  const zapp = app.withTypeProvider<ZodTypeProvider>();
  const admin = policy('admin');

  zapp.get('/api/v1/admin/panels', { config: admin, schema: { summary: 'Panel devices, each bound to one line', response: { 200: z.array(PanelView) } } }, async (): Promise<PanelView[]> => {
    return store.listPanels();
  });

  zapp.post('/api/v1/admin/panels', {
    config: admin,
    schema: { summary: 'Create a panel device; its token is in this answer only', body: PanelCreate, response: { 201: PanelCreated } },
  }, async (req, reply) => {
    const now = deps.clock();
    const me = personOf(req);
    const body = req.body;
    const { id, token } = await createPanelDevice(store, body.name, body.plant, body.line, now);
    await store.audit([{ at: now, actor: me.username, action: 'panel.create', target: id, detail: { ...body } }]);
    const answer: PanelCreated = { token, panel: (await store.listPanels()).find((p) => p.id === id)! };
    return reply.code(201).header('cache-control', 'no-store').send(answer);
  });

  zapp.post('/api/v1/admin/panels/:id/revoke', {
    config: admin,
    schema: { summary: 'Revoke a panel device and end its sessions', params: PanelIdParams, response: { 200: PanelView } },
  }, async (req): Promise<PanelView> => {
    const now = deps.clock();
    const me = personOf(req);
    const { id } = req.params;
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
