import { z } from 'zod';

/**
 * The kind of every refusal the relay gives (REST error bodies, socket acknowledgements, command
 * answers, per-item ingest answers). Code decides on this, never on the message, which is for people
 * and may be reworded freely.
 */
export const RefusalCode = z.enum([
  /** The request is malformed: a field is missing or wrong, a range is backwards, a clock is off. */
  'invalid',
  /** No valid session (never signed in, expired, signed out) or edge key: sign in again. */
  'unauthorized',
  /** A sign-in with wrong credentials: username and password, panel token, or badge and PIN. */
  'wrong_credentials',
  /** Signed in, but the role or scope does not allow it (or the request came from a foreign origin). */
  'forbidden',
  /** Nothing by that id (or outside the caller's scope, which is answered the same way). */
  'not_found',
  /** The state does not allow it: already acknowledged or shelved, name taken, last admin, command id reused. */
  'conflict',
  /** A bound of the policy or the relay: shelve or out-of-service length, rooms or trends per connection, batch size. */
  'limit',
  /** Too many attempts (sign-ins, PINs, edge keys): wait for retry-after. */
  'rate_limited',
  /** The relay is saturated, could not store just now, or its password-hash queue is full: retry shortly (retry-after). */
  'busy',
  /** Another relay instance owns the line, or the owner did not answer: retry, or publish there. */
  'not_owner',
  /** Ingest: the asset already has the most open alerts it may have. */
  'too_many_alerts',
  /** Ingest: the relay already tracks the most alert keys it may. */
  'too_many_alert_keys',
  /** The body is larger than the relay takes. */
  'payload_too_large',
  /** Something failed on the relay; the message says what, the operator may retry. */
  'internal',
]);
export type RefusalCode = z.infer<typeof RefusalCode>;

/** A refusal as it travels: the code programs decide on and the message a person reads. */
export const Refusal = z.object({ code: RefusalCode, message: z.string() });
export type Refusal = z.infer<typeof Refusal>;

/** The REST error body: `{ error, code }` (`error` is the message, kept under its old name). */
export const ErrorBody = z.object({ error: z.string(), code: RefusalCode });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** The HTTP status a refusal of each code is answered with. */
export const HTTP_STATUS_OF: Record<RefusalCode, number> = {
  invalid: 400,
  unauthorized: 401,
  wrong_credentials: 401,
  forbidden: 403,
  not_found: 404,
  // A policy bound is a state conflict for the requester: the same request may pass under another role or policy.
  conflict: 409,
  limit: 409,
  too_many_alerts: 409,
  too_many_alert_keys: 409,
  not_owner: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  busy: 503,
};

/**
 * The part of a message after its first colon, for screens that say the kind in their own words
 * ("forbidden: Ada may not act on p1/l1" → "Ada may not act on p1/l1"). Display only: decide on the code.
 */
export function messageDetail(message: string): string {
  const colon = message.indexOf(':');
  return colon < 0 ? message : message.slice(colon + 1).trim();
}

/** Builds a refusal; `message` should make sense on its own to the person who sees it. */
export function refusal(code: RefusalCode, message: string): Refusal {
  return { code, message };
}

/** The code a socket.io handshake refusal carries in its `data` (see server/relay/refused.ts), if any. */
export function refusalCodeOf(err: { data?: unknown }): RefusalCode | null {
  const code = RefusalCode.safeParse((err.data as { code?: unknown } | undefined)?.code);
  return code.success ? code.data : null;
}
