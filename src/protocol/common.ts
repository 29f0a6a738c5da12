import { z } from 'zod';

/** Longest plant, line or asset slug. */
export const SLUG_MAX = 64;
/** Plant, line and asset identifiers: short, URL- and room-safe slugs. */
export const Slug = z.string().regex(new RegExp(`^[A-Za-z0-9_.-]{1,${SLUG_MAX}}$`), `must be 1–${SLUG_MAX} characters of A-Z a-z 0-9 _ . -`);

/** Longest model name and label: the other two parts of an alert's key. */
export const KEY_NAME_MAX = 64;
/**
 * A model name or label as a result gives it: part of the alert key `plant/line/asset/model/label`, so
 * it may not hold the '/' between the parts (model `vib/x` label `y` would be model `vib` label `x/y`).
 */
export const KeyName = z.string().min(1).max(KEY_NAME_MAX).refine((s) => !s.includes('/'), "must not contain '/' (it separates the parts of an alert's key)");

/**
 * Longest alert id, `plant/line/asset/model/label#n`: every part at its longest, four '/', and `#n`
 * with n a safe integer (16 digits). Commands, REST paths and the HTTP router all take this much.
 */
export const MAX_ALERT_ID_LENGTH = 3 * SLUG_MAX + 2 * KEY_NAME_MAX + 4 + 1 + String(Number.MAX_SAFE_INTEGER).length;
/** An alert id as commands and routes take it (ids made before '/' was refused in names included). */
export const AlertId = z.string().min(1).max(MAX_ALERT_ID_LENGTH);

/** Alarm priority, lowest to highest. Edges may suggest one; plant policy decides. */
export const Priority = z.enum(['low', 'medium', 'high', 'critical']);
export type Priority = z.infer<typeof Priority>;
export const PRIORITY_RANK: Record<Priority, number> = { low: 0, medium: 1, high: 2, critical: 3 };

/** Roles (docs/design.md, "Auth and security model"), each scoped to plants/lines. Ordered by what they may do. */
export const Role = z.enum(['viewer', 'operator', 'supervisor', 'engineer', 'admin']);
export type Role = z.infer<typeof Role>;

/** Each role's rank: a role has every right of the roles below it. */
export const ROLE_RANK: Readonly<Record<Role, number>> = { viewer: 0, operator: 1, supervisor: 2, engineer: 3, admin: 4 };

/** True when `role` has at least the rights of `needed` (roles are cumulative, docs/design.md "Auth and security model"). */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[needed];
}

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
  // Text meets the bound numbers meet: Date.parse takes any year (0001-01-01 is negative epoch ms).
  if (ms < 0) {
    ctx.addIssue({ code: 'custom', message: `${v} is before 1970-01-01T00:00:00Z (epoch 0)` });
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
