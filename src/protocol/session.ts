import { z } from 'zod';
import { Role, Slug } from './common.ts';

/** Body of `POST /api/v1/session`. */
export const LoginBody = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});

/** Where a role applies: a whole plant (`line` omitted) or one line. `*` for plant means every plant. */
export const Scope = z.object({ plant: z.union([Slug, z.literal('*')]), line: Slug.optional() });
export type Scope = z.infer<typeof Scope>;

/** A panel device bound to one line, and until when its identified operator stays signed in. */
export const PanelInfo = z.object({
  id: z.string(),
  name: z.string(),
  plant: Slug,
  line: Slug,
  /** Epoch ms when the operator falls back to viewer unless they act; null when nobody is identified. */
  operatorUntil: z.number().nullable(),
});
export type PanelInfo = z.infer<typeof PanelInfo>;

/** Who is signed in, as `GET /api/v1/session` answers. On a panel, `panel` is set. */
export const Me = z.object({
  username: z.string(),
  displayName: z.string(),
  role: Role,
  scopes: z.array(Scope),
  panel: PanelInfo.optional(),
});

/** Body of `POST /api/v1/panel-session`: the device token an admin issued for one panel. */
export const PanelLoginBody = z.strictObject({ token: z.string().min(10).max(200) });

/** Body of `POST /api/v1/panel-session/operator`: badge number and PIN typed on the panel keypad. */
export const OperatorBadgeBody = z.strictObject({
  badge: z.string().regex(/^[0-9]{3,12}$/, 'must be 3–12 digits'),
  pin: z.string().regex(/^[0-9]{4,8}$/, 'must be 4–8 digits'),
});
export type Me = z.infer<typeof Me>;
