import { z } from 'zod';
import { Role } from './common.ts';
import { ErrorBody } from './refusal.ts';
import { Scope } from './session.ts';
import { visibleName } from './text.ts';

export const Username = z.string().regex(/^[a-z0-9._-]{2,64}$/, 'must be 2–64 characters of a-z 0-9 . _ -');
export const Password = z.string().min(12, 'must be at least 12 characters').max(256);
const Scopes = z.array(Scope).min(1, 'at least one plant or line').max(100);

/** A user as an administrator sees it (never the password hash). */
export const UserView = z.object({
  username: z.string(),
  displayName: z.string(),
  role: Role,
  scopes: z.array(Scope),
  disabled: z.boolean(),
  createdAt: z.number(),
  /** Badge number for identifying on a panel (with a PIN), if the user has one. */
  badge: z.string().nullable(),
});
export type UserView = z.infer<typeof UserView>;

/** `POST /api/v1/admin/users`. */
export const UserCreate = z.strictObject({
  username: Username,
  displayName: visibleName(z.string().trim().min(1).max(64)),
  role: Role,
  scopes: Scopes,
  password: Password,
});
export type UserCreate = z.infer<typeof UserCreate>;

const Badge = z.string().regex(/^[0-9]{3,12}$/, 'must be 3–12 digits');
const Pin = z.string().regex(/^[0-9]{4,8}$/, 'must be 4–8 digits');

/** `PATCH /api/v1/admin/users/:username`: only the fields given change. A badge needs its PIN. */
export const UserPatch = z.strictObject({
  displayName: visibleName(z.string().trim().min(1).max(64)).optional(),
  role: Role.optional(),
  scopes: Scopes.optional(),
  password: Password.optional(),
  disabled: z.boolean().optional(),
  badge: Badge.optional(),
  pin: Pin.optional(),
}).refine((p) => (p.badge === undefined) === (p.pin === undefined), { message: 'badge and pin go together', path: ['pin'] });
export type UserPatch = z.infer<typeof UserPatch>;

/** An edge key as listed: never the key itself (only shown once, when created). */
export const EdgeKeyView = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(Scope),
  createdAt: z.number(),
  revokedAt: z.number().nullable(),
});
export type EdgeKeyView = z.infer<typeof EdgeKeyView>;

/** `POST /api/v1/admin/edge-keys`. */
export const EdgeKeyCreate = z.strictObject({
  name: visibleName(z.string().trim().min(1).max(64)),
  scopes: Scopes,
});
export type EdgeKeyCreate = z.infer<typeof EdgeKeyCreate>;

/** The answer to creating a key: `key` is shown this once and stored only as a slow hash. */
export const EdgeKeyCreated = z.object({ key: z.string(), edgeKey: EdgeKeyView });
export type EdgeKeyCreated = z.infer<typeof EdgeKeyCreated>;

/** `GET /api/v1/policy`: the policy book in force and who changed it last. */
export const PolicyView = z.object({
  book: z.unknown(),
  updatedAt: z.number().nullable(),
  updatedBy: z.string().nullable(),
});

/** A refused policy or catalogue: the message and code (see ErrorBody), and each problem with the field it names. */
export const FieldErrors = ErrorBody.extend({
  fields: z.array(z.object({ path: z.string(), message: z.string() })),
});
export type FieldErrors = z.infer<typeof FieldErrors>;

/** A panel device bound to one line (its token is shown only when created). */
export const PanelView = z.object({
  id: z.string(),
  name: z.string(),
  plant: z.string(),
  line: z.string(),
  createdAt: z.number(),
  revokedAt: z.number().nullable(),
});
export type PanelView = z.infer<typeof PanelView>;

/** `POST /api/v1/admin/panels`. */
export const PanelCreate = z.strictObject({
  name: visibleName(z.string().trim().min(1).max(64)),
  plant: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be a plant slug'),
  line: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be a line slug'),
});

/** The answer to creating a panel: the device token, shown this once (enter it on the panel's /panel-login). */
export const PanelCreated = z.object({ token: z.string(), panel: PanelView });
export type PanelCreated = z.infer<typeof PanelCreated>;
