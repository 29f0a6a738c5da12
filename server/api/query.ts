import { z } from 'zod';
import { Slug } from '../../src/protocol/common.ts';
import type { Me } from '../../src/protocol/session.ts';
import { HttpError, requireScope } from './guard.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A time in a query string: epoch milliseconds or ISO-8601. */
export const QueryTime = z.string().max(40).transform((v, ctx) => {
  const ms = /^\d{1,16}$/.test(v) ? Number(v) : Date.parse(v);
  if (!Number.isFinite(ms)) {
    ctx.addIssue({ code: 'custom', message: 'must be epoch milliseconds or an ISO-8601 time' });
    return z.NEVER;
  }
  return ms;
});

/** A non-negative integer in a query string (cursors, limits). */
export const QueryInt = (max: number) => z.string().regex(/^\d{1,16}$/, 'must be a whole number').transform(Number)
  .refine((n) => n <= max, `must be at most ${max}`);

/** `plant` (required) and `line` (optional) of a query: the room a view covers. */
export const RoomQuery = { plant: Slug, line: Slug.optional() };
export const RangeQuery = { from: QueryTime.optional(), to: QueryTime.optional() };

/** A checked range: `to` defaults to now, `from` to `to − defaultMs`; at most `maxMs` long. */
export function resolveRange(q: { from?: number; to?: number }, now: number, defaultMs = DAY, maxMs = 31 * DAY): { from: number; to: number } {
  const to = q.to ?? now;
  const from = q.from ?? to - defaultMs;
  if (from >= to) throw new HttpError('invalid', 'invalid query: from: must be before to');
  if (to - from > maxMs) throw new HttpError('invalid', `invalid query: from: the range may span at most ${Math.round(maxMs / DAY)} days`);
  return { from, to };
}

/** The room of a query, after checking it lies in the person's scope. */
export function scopedRoom(me: Me, q: { plant: string; line?: string }): { plant: string; line?: string } {
  requireScope(me, q.plant, q.line);
  return q.line ? { plant: q.plant, line: q.line } : { plant: q.plant };
}

/** True when the person's scope covers every plant. */
export const global = (me: Me) => me.scopes.some((s) => s.plant === '*' && s.line === undefined);
