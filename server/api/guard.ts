import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../../src/protocol/common.ts';
import { HTTP_STATUS_OF, type ErrorBody, type RefusalCode } from '../../src/protocol/refusal.ts';
import type { Me } from '../../src/protocol/session.ts';
import { atLeast, inScope } from '../auth/scope.ts';
import { SESSION_COOKIE, sessionMe } from '../auth/sessions.ts';
import type { Store } from '../store/store.ts';

/** Thrown by guards; the app's error handler turns it into `{ error, code }` with the code's status. */
export class HttpError extends Error {
  readonly code: RefusalCode;
  readonly status: number;
  constructor(code: RefusalCode, message: string) {
    super(message);
    this.code = code;
    this.status = HTTP_STATUS_OF[code];
  }
}

/** The signed-in person with at least `role`, or a 401/403 that says which (called by the authorisation hook, authorise.ts). */
export async function requireUser(store: Store, req: FastifyRequest, role: Role, now: number): Promise<Me> {
  const me = await sessionMe(store, req.cookies[SESSION_COOKIE], now);
  if (!me) throw new HttpError('unauthorized', 'unauthorized: sign in first');
  if (!atLeast(me.role, role)) throw new HttpError('forbidden', `forbidden: needs the ${role} role`);
  return me;
}

export function requireScope(me: Me, plant: string, line?: string): void {
  if (!inScope(me.scopes, plant, line)) throw new HttpError('forbidden', `forbidden: ${plant}${line ? '/' + line : ''} is outside your scope`);
}

/** Answers a refusal: its code's status and the body `{ error: message, code }`. */
export function sendRefusal(reply: FastifyReply, code: RefusalCode, message: string): void {
  const body: ErrorBody = { error: message, code };
  void reply.code(HTTP_STATUS_OF[code]).send(body);
}

export function sendError(reply: FastifyReply, err: unknown): void {
  if (err instanceof HttpError) sendRefusal(reply, err.code, err.message);
  else throw err;
}

/** The code of a refusal Fastify makes itself (its `statusCode`); anything without a 4xx status is internal. */
export function fastifyRefusalCode(status: number | undefined): RefusalCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 413) return 'payload_too_large';
  if (status === 429) return 'rate_limited';
  return status !== undefined && status >= 400 && status < 500 ? 'invalid' : 'internal';
}
