import type { FastifyReply } from 'fastify';
import { BusyError } from '../auth/hash-gate.ts';
import type { Admission, Attempt } from '../auth/rate-limit.ts';
import { HttpError } from './guard.ts';

/**
 * The admitted attempt, or a 429 with retry-after naming the full limit, e.g. "too many failed
 * sign-ins: try again in 240 s (from this address)" (clients show what follows the first colon).
 */
export function admittedOr429(reply: FastifyReply, admission: Admission, tooMany: string): Attempt {
  if ('attempt' in admission) return admission.attempt;
  const s = Math.max(1, Math.ceil(admission.refused.waitMs / 1000));
  void reply.header('retry-after', s);
  throw new HttpError('rate_limited', `${tooMany}: try again in ${s} s (${admission.refused.what})`);
}

/**
 * Runs the slow check of an admitted attempt. A full hash queue answers 503 "busy" with
 * retry-after and, like any other error, gives the attempt's places back uncounted.
 */
export async function checked<T>(reply: FastifyReply, attempt: Attempt, check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (err) {
    attempt.released();
    if (!(err instanceof BusyError)) throw err;
    void reply.header('retry-after', 1);
    throw new HttpError('busy', err.message);
  }
}
