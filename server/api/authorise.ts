import type { FastifyInstance, FastifyRequest, FastifySchemaCompiler, RouteOptions } from 'fastify';
import type { z } from 'zod';
import { describeIssues } from '../../src/protocol/common.ts';
import type { EdgeKeyVerifier } from '../auth/edge-keys.ts';
import { touchesPlant } from '../auth/scope.ts';
import { SESSION_COOKIE, sessionMe } from '../auth/sessions.ts';
import type { Store } from '../store/store.ts';
import { HttpError, requireUser } from './guard.ts';
import type { RoutePolicy } from './route-policy.ts';

export interface AuthoriseDeps {
  store: Store;
  clock: () => number;
  verifier: Pick<EdgeKeyVerifier, 'authenticate'>;
}

/** A route with no declared policy: the relay refuses to start rather than serve it unguarded. */
export class MissingPolicyError extends Error {}

/** True for the app's own static files: @fastify/static marks each file's route with `config.rootPath`; they are public. */
const isStaticFile = (config: unknown) => typeof config === 'object' && config !== null && 'rootPath' in config;

/** The route's declared policy, or the reason it cannot be served. */
export function declaredPolicy(route: Pick<RouteOptions, 'method' | 'url' | 'config'>): RoutePolicy | 'static file' {
  if (isStaticFile(route.config)) return 'static file';
  const declared = (route.config as { policy?: RoutePolicy } | undefined)?.policy;
  if (!declared) throw new MissingPolicyError(`${[route.method].flat().join(',')} ${route.url} declares no policy: add config: policy(…) (server/api/route-policy.ts)`);
  return declared;
}

const PART: Record<string, string> = { body: 'body', querystring: 'query', params: 'path', headers: 'headers' };

/** Validates with the route's zod schemas; a refusal is `invalid` and names each wrong field. */
const zodValidator: FastifySchemaCompiler<z.ZodType> = ({ schema, httpPart }) => (data) => {
  const r = schema.safeParse(data);
  if (r.success) return { value: r.data };
  return { error: new HttpError('invalid', `invalid ${PART[httpPart ?? 'body'] ?? httpPart}: ${describeIssues(r.error)}`) };
};

type RouteSchemaDef<T> = Parameters<FastifySchemaCompiler<T>>[0];

/**
 * For routes whose handler parses the body itself (its refusal has a shape of its own: a command answer,
 * field errors for an editor): the body schema only documents it; the path and query are validated as usual.
 */
export function bodyCheckedByHandler<T>(route: RouteSchemaDef<T>): ReturnType<FastifySchemaCompiler<T>> {
  return route.httpPart === 'body' ? (data) => ({ value: data }) : zodValidator(route as unknown as RouteSchemaDef<z.ZodType>);
}

async function authorise(deps: AuthoriseDeps, req: FastifyRequest, reply: { header(k: string, v: number): unknown }): Promise<void> {
  const declared = req.routeOptions.config.policy;
  if (!declared) return; // static files (every other route has one: checked at registration)
  switch (declared.who) {
    case 'public':
    case 'set-up token': // the route compares the token itself
      return;
    case 'edge key': {
      const key = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const auth = await deps.verifier.authenticate(key, req.ip);
      if (!('edge' in auth)) {
        if (auth.retryAfterS) reply.header('retry-after', auth.retryAfterS);
        throw new HttpError(auth.code, auth.reason);
      }
      req.edge = auth.edge;
      return;
    }
    case 'panel device': {
      const me = await sessionMe(deps.store, req.cookies[SESSION_COOKIE], deps.clock());
      if (!me?.panel) throw new HttpError('unauthorized', 'unauthorized: sign this panel in first');
      req.me = me;
      return;
    }
    default:
      req.me = await requireUser(deps.store, req, declared.roleRefusedBy === 'handler' ? 'viewer' : declared.who, deps.clock());
  }
}

/**
 * The one authorisation hook of the REST API. Each route declares `config.policy` (route-policy.ts);
 * a route without one stops the relay at registration. Before validation (so a caller who may not
 * call the route learns nothing about its input) the caller is checked and put on the request
 * (`req.me`, `req.edge`); after validation the `plant in path` scope rule is checked on the parsed path.
 * Request schemas are zod (the type provider's), validated here with refusals that carry codes.
 */
export function registerAuthorisation(app: FastifyInstance, deps: AuthoriseDeps): void {
  app.decorateRequest('me', null);
  app.decorateRequest('edge', null);
  app.setValidatorCompiler(zodValidator);
  // Answers are not re-checked on the way out (as before the declarations): the schemas document them.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.addHook('onRoute', (route) => void declaredPolicy(route));
  app.addHook('preValidation', async (req, reply) => authorise(deps, req, reply));
  app.addHook('preHandler', async (req) => {
    if (req.routeOptions.config.policy?.scope !== 'plant in path' || !req.me) return;
    const { plant } = req.params as { plant: string };
    if (!touchesPlant(req.me.scopes, plant)) throw new HttpError('forbidden', `forbidden: plant ${plant} is outside your scope`);
  });
}

/** The person the hook put on the request (routes whose policy names a role or a panel device). */
export function personOf(req: FastifyRequest) {
  if (!req.me) throw new Error(`${req.method} ${req.url}: no person on the request; its policy does not sign anyone in`);
  return req.me;
}
