import { z } from 'zod';

/** Plant, line and asset identifiers: short, URL- and room-safe slugs. */
export const Slug = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1–64 characters of A-Z a-z 0-9 _ . -');

/** Alarm priority, lowest to highest. Edges may suggest one; plant policy decides. */
export const Priority = z.enum(['low', 'medium', 'high', 'critical']);
export type Priority = z.infer<typeof Priority>;
export const PRIORITY_RANK: Record<Priority, number> = { low: 0, medium: 1, high: 2, critical: 3 };

/** Roles from DESIGN.md, each scoped to plants/lines. Ordered by what they may do. */
export const Role = z.enum(['viewer', 'operator', 'supervisor', 'engineer', 'admin']);
export type Role = z.infer<typeof Role>;

/** A time on the wire: ISO-8601 text or epoch milliseconds; always parsed to epoch ms. */
export const Timestamp = z.union([
  z.number().int().nonnegative().max(8.64e15),
  z.iso.datetime({ offset: true, local: true }),
]).transform((v, ctx) => {
  const ms = typeof v === 'number' ? v : Date.parse(v);
  if (!Number.isFinite(ms)) {
    ctx.addIssue({ code: 'custom', message: 'not a valid time' });
    return z.NEVER;
  }
  return ms;
});

/** A client-made UUID that makes an operator command idempotent. */
export const CommandId = z.uuid();

/** Turns a zod error into one line that names each failing field, e.g. `score: expected number`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}
