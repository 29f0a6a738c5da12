import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Catalogue } from '../../src/protocol/catalogue.ts';
import { describeIssues } from '../../src/protocol/common.ts';
import { FieldErrors, PolicyView } from '../../src/protocol/admin.ts';
import { PlantPolicy, PolicyBook } from '../../src/protocol/policy.ts';
import type { Me, Scope } from '../../src/protocol/session.ts';
import { inScope, touchesPlant } from '../auth/scope.ts';
import type { AlarmEngine } from '../engine/engine.ts';
import type { EngineHost } from '../relay/engine-host.ts';
import { lineRoom, plantRoom, type BrowserServer } from '../relay/publisher.ts';
import type { ConfigSync } from '../relay/config-sync.ts';
import type { Store } from '../store/store.ts';
import { catalogueDiff, policyDiff } from './config-diff.ts';
import { bodyCheckedByHandler, personOf } from './authorise.ts';
import { HttpError } from './guard.ts';
import { PlantParams } from './plant-params.ts';
import { policy } from './route-policy.ts';
import { global } from './query.ts';

export { PlantParams };

export interface ConfigDeps {
  store: Store;
  engine: AlarmEngine;
  host: EngineHost;
  io: BrowserServer;
  clock: () => number;
  /** Tells the other relay instances (scale-out) that a new policy book is in the store. */
  sync: Pick<ConfigSync, 'policyChanged'>;
}

/** 400 with each problem and the field it names, so an editor can show it beside the field. */
function refuse(what: string, error: z.ZodError) {
  const fields = error.issues.slice(0, 50).map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
  return { error: `invalid ${what}: ${describeIssues(error)}`, code: 'invalid' as const, fields };
}

/**
 * Plant configuration: the feature catalogue (engineer and up, plant-wide scope) and the alarm policy
 * book (engineer and up; the whole book needs a scope over every plant). Both audited; a catalogue
 * change tells the plant's panels to reload it (`catalogue:changed`).
 */
export function configRoutes(app: FastifyInstance, deps: ConfigDeps) {
  const { store } = deps;
  const zapp = app.withTypeProvider<ZodTypeProvider>();

  zapp.get('/api/v1/catalogues', {
    config: policy('viewer', 'answer filtered'),
    schema: { summary: 'Plants with a feature catalogue, within your scope', response: { 200: z.array(z.string()) } },
  }, async (req) => {
    const me = personOf(req);
    return (await store.cataloguePlants()).filter((p) => touchesPlant(me.scopes, p));
  });

  // Bodies are parsed here: a refusal names each field for the editor (refuse()).
  zapp.put('/api/v1/catalogue/:plant', {
    config: policy('engineer', 'whole plant in path'), validatorCompiler: bodyCheckedByHandler,
    schema: { summary: "Replace a plant's feature catalogue (import); panels reload it", params: PlantParams, body: Catalogue, response: { 200: Catalogue, 400: FieldErrors } },
  }, async (req, reply) => {
    const now = deps.clock();
    const me = personOf(req);
    const { plant } = req.params;
    if (!inScope(me.scopes, plant)) throw new HttpError('forbidden', `forbidden: the catalogue of plant ${plant} needs a scope over the whole plant`);
    const parsed = Catalogue.safeParse(req.body);
    if (!parsed.success) return reply.code(400).send(refuse('catalogue', parsed.error));
    if (parsed.data.plant !== plant) return reply.code(400).send({ error: `invalid catalogue: plant: must be ${plant} (the plant in the path)`, code: 'invalid', fields: [{ path: 'plant', message: `must be ${plant}` }] });
    const before = await store.catalogue(plant);
    await store.saveCatalogue(parsed.data, now);
    await store.audit([{ at: now, actor: me.username, action: 'catalogue.update', target: plant, detail: catalogueDiff(before, parsed.data) }]);
    // Every line room of the plant: named in the catalogue, seen by the engine, or joined here.
    const lines = new Set([...Object.keys(parsed.data.lines), ...deps.engine.consoles().filter((c) => c.plant === plant).map((c) => c.line)]);
    const rooms = new Set([plantRoom(plant), ...[...lines].map((l) => lineRoom(plant, l))]);
    for (const room of deps.io.of('/').adapter.rooms.keys()) if (room.startsWith(lineRoom(plant, ''))) rooms.add(room);
    deps.io.to([...rooms]).emit('catalogue:changed', { plant, at: now });
    return parsed.data;
  });

  zapp.get('/api/v1/policy', {
    config: policy('engineer', 'answer filtered'),
    schema: { summary: 'The alarm policy book in force', response: { 200: PolicyView } },
  }, async (req) => {
    const me = personOf(req);
    const last = await store.latestPolicy();
    return { book: policyInScope(deps.engine.policy(), me.scopes), updatedAt: last?.at ?? null, updatedBy: last?.by ?? null };
  });

  zapp.put('/api/v1/policy', {
    config: policy('engineer', 'every plant'), validatorCompiler: bodyCheckedByHandler,
    schema: { summary: 'Replace the policy book (scope over every plant); refusals name each field', body: PolicyBook, response: { 200: PolicyView, 400: FieldErrors } },
  }, async (req, reply) => {
    const me = personOf(req);
    if (!global(me)) throw new HttpError('forbidden', 'forbidden: the whole policy book needs a scope over every plant; use /api/v1/policy/plants/{plant}');
    const parsed = PolicyBook.safeParse(req.body);
    if (!parsed.success) return reply.code(400).send(refuse('policy', parsed.error));
    return put(me, parsed.data);
  });

  zapp.put('/api/v1/policy/plants/:plant', {
    config: policy('engineer', 'whole plant in path'), validatorCompiler: bodyCheckedByHandler,
    schema: { summary: "Replace one plant's policy and its line and model overrides", params: PlantParams, body: PlantPolicy, response: { 200: PolicyView, 400: FieldErrors } },
  }, async (req, reply) => {
    const me = personOf(req);
    const { plant } = req.params;
    if (!inScope(me.scopes, plant)) throw new HttpError('forbidden', `forbidden: the policy of plant ${plant} needs a scope over the whole plant`);
    const part = PlantPolicy.safeParse(req.body);
    if (!part.success) return reply.code(400).send(refuse('policy', part.error));
    const current = deps.engine.policy();
    const parsed = PolicyBook.safeParse({ defaults: current.defaults, plants: { ...current.plants, [plant]: part.data } });
    if (!parsed.success) return reply.code(400).send(refuse('policy', parsed.error));
    return put(me, parsed.data);
  });

  async function put(me: Me, book: PolicyBook) {
    const by = me.username;
    const before = deps.engine.policy();
    await deps.host.setPolicy(book, by);
    const now = deps.clock();
    await store.savePolicy(JSON.stringify(book), now, by);
    await store.audit([{ at: now, actor: by, action: 'policy.update', target: 'policy', detail: { changed: policyDiff(before, book) } }]);
    deps.sync.policyChanged();
    return { book: policyInScope(deps.engine.policy(), me.scopes), updatedAt: now, updatedBy: by };
  }
}

/**
 * The policy book as a person may read it: the defaults (they reach the person's plants too) and only
 * the overrides of plants and lines in their scope (a line-scoped engineer sees their plant's plant-wide
 * and model overrides, which apply to their line, but not the other lines').
 */
export function policyInScope(book: PolicyBook, scopes: readonly Scope[]): PolicyBook {
  const plants: PolicyBook['plants'] = {};
  for (const [plant, pp] of Object.entries(book.plants)) {
    if (!touchesPlant(scopes, plant)) continue;
    plants[plant] = inScope(scopes, plant) ? pp : { ...pp, lines: Object.fromEntries(Object.entries(pp.lines).filter(([line]) => inScope(scopes, plant, line))) };
  }
  return { ...book, plants };
}
