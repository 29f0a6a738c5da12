import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { describeIssues, type Role } from '../../src/protocol/common.ts';
import type { Me } from '../../src/protocol/session.ts';
import { atLeast, inScope } from '../auth/scope.ts';
import { SESSION_COOKIE, sessionMe } from '../auth/sessions.ts';
import type { Store } from '../store/store.ts';

/** Thrown by guards; the app's error handler turns it into `{ error }` with the status. */
export class HttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/** The signed-in person with at least `role`, or a 401/403 that says which. */
export async function requireUser(store: Store, req: FastifyRequest, role: Role, now: number): Promise<Me> {
  const me = await sessionMe(store, req.cookies[SESSION_COOKIE], now);
  if (!me) throw new HttpError(401, 'unauthorized: sign in first');
  if (!atLeast(me.role, role)) throw new HttpError(403, `forbidden: needs the ${role} role`);
  return me;
}

export function requireScope(me: Me, plant: string, line?: string): void {
  if (!inScope(me.scopes, plant, line)) throw new HttpError(403, `forbidden: ${plant}${line ? '/' + line : ''} is outside your scope`);
}

/** Parses with a zod schema and answers 400 naming the fields that are wrong. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new HttpError(400, `invalid ${what}: ${describeIssues(r.error)}`);
  return r.data;
}

export function sendError(reply: FastifyReply, err: unknown): void {
  if (err instanceof HttpError) void reply.code(err.status).send({ error: err.message });
  else throw err;
}
