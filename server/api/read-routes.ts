import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AlertState } from '../../src/protocol/alert.ts';
import { Slug } from '../../src/protocol/common.ts';
import { touchesPlant } from '../auth/scope.ts';
import type { Store } from '../store/store.ts';
import { HttpError, parseOr400, requireScope, requireUser } from './guard.ts';

const AlertsQuery = z.strictObject({ plant: Slug, line: Slug.optional(), state: AlertState.optional() });

/** Read routes for signed-in people: the plant's feature catalogue and its open alerts. */
export function readRoutes(app: FastifyInstance, deps: { store: Store; clock: () => number }) {
  app.get('/api/v1/catalogue/:plant', async (req) => {
    const me = await requireUser(deps.store, req, 'viewer', deps.clock());
    const { plant } = parseOr400(z.object({ plant: Slug }), req.params, 'path');
    if (!touchesPlant(me.scopes, plant)) throw new HttpError(403, `forbidden: plant ${plant} is outside your scope`);
    const catalogue = await deps.store.catalogue(plant);
    if (!catalogue) throw new HttpError(404, `not found: no catalogue for plant ${plant}`);
    return catalogue;
  });
  app.get('/api/v1/alerts', async (req) => {
    const me = await requireUser(deps.store, req, 'viewer', deps.clock());
    const q = parseOr400(AlertsQuery, req.query, 'query');
    requireScope(me, q.plant, q.line);
    const alerts = await deps.store.openAlerts({ plant: q.plant, line: q.line });
    return q.state ? alerts.filter((a) => a.state === q.state) : alerts;
  });
}
