import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Catalogue } from '../../src/protocol/catalogue.ts';
import type { Store } from '../store/store.ts';
import { HttpError } from './guard.ts';
import { PlantParams } from './plant-params.ts';
import { policy } from './route-policy.ts';

/** Read routes for signed-in people: the plant's feature catalogue (alerts: alerts-routes.ts). */
export function readRoutes(app: FastifyInstance, deps: { store: Store; clock: () => number }) {
  app.withTypeProvider<ZodTypeProvider>().get('/api/v1/catalogue/:plant', {
    config: policy('viewer', 'plant in path'),
    schema: { summary: "A plant's feature catalogue", params: PlantParams, response: { 200: Catalogue } },
  }, async (req) => {
    const { plant } = req.params;
    const catalogue = await deps.store.catalogue(plant);
    if (!catalogue) throw new HttpError('not_found', `not found: no catalogue for plant ${plant}`);
    return catalogue;
  });
}
