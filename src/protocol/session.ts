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

/** Who is signed in, as `GET /api/v1/session` answers. */
export const Me = z.object({
  username: z.string(),
  displayName: z.string(),
  role: Role,
  scopes: z.array(Scope),
});
export type Me = z.infer<typeof Me>;
