import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import { createJsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FieldErrors } from '../../src/protocol/admin.ts';
import { ErrorBody } from '../../src/protocol/refusal.ts';
import { describePolicy, type RoutePolicy } from './route-policy.ts';

const json = (s: z.ZodType) => z.toJSONSchema(s, { io: 'output', unrepresentable: 'any', target: 'openapi-3.0' }) as Record<string, unknown>;

/** The refusals every guarded route may answer, beside what its declaration says it answers. */
const REFUSALS = {
  400: { description: 'Invalid input; the message names each field', ...json(FieldErrors.partial({ fields: true })) },
  401: { description: 'Not signed in (or unknown edge key)', ...json(ErrorBody) },
  403: { description: 'Role or scope does not allow it', ...json(ErrorBody) },
};

const zodTransform = createJsonSchemaTransform({ skipList: [], zodToJsonConfig: { unrepresentable: 'any' } });

/**
 * @fastify/swagger's options: the OpenAPI 3.0 document is generated from the routes' own declarations
 * (their zod schemas through the type provider, and who may call them from `config.policy`).
 */
export const swaggerOptions: FastifyDynamicSwaggerOptions = {
  openapi: {
    openapi: '3.0.3',
    info: { title: 'Clearline relay', version: '1', description: 'REST API of the Clearline relay. Browsers sign in with POST /api/v1/session (cookie); edges use Bearer edge keys.' },
  },
  transform: (document) => {
    const declared = (document.route.config as { policy?: RoutePolicy } | undefined)?.policy;
    if (!declared) return { schema: { hide: true }, url: document.url }; // static files
    const { schema = {}, url } = zodTransform(document);
    const response = { ...((schema.response as object | undefined) ?? { 200: { description: 'OK' } }), ...(declared.who === 'public' ? {} : REFUSALS) };
    return { schema: { ...schema, description: describePolicy(declared), response }, url };
  },
};
