import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Slug } from '../../src/protocol/common.ts';
import { touchesPlant } from '../auth/scope.ts';
import type { Store } from '../store/store.ts';
import { HttpError, parseOr400, requireUser } from './guard.ts';

/** Read routes for signed-in people: the plant's feature catalogue (alerts: alerts-routes.ts). */
export function readRoutes(app: FastifyInstance, deps: { store: Store; clock: () => number }) {
  app.get('/api/v1/catalogue/:plant', async (req) => {
    const me = await requireUser(deps.store, req, 'viewer', deps.clock());
    const { plant } = parseOr400(z.object({ plant: Slug }), req.params, 'path');
    if (!touchesPlant(me.scopes, plant)) throw new HttpError('forbidden', `forbidden: plant ${plant} is outside your scope`);
    const catalogue = await deps.store.catalogue(plant);
    if (!catalogue) throw new HttpError('not_found', `not found: no catalogue for plant ${plant}`);
    return catalogue;
  });
}
