import { z } from 'zod';
import { Slug } from './common.ts';

/**
 * An asset's own state, apart from its alerts: out of service (maintenance, with who, why and until
 * when) or stale (no data for the policy's time: a silent edge must not look like a healthy machine).
 * `in_service` and `fresh` report the return to normal.
 */
export const AssetState = z.object({
  plant: Slug,
  line: Slug,
  asset: Slug,
  status: z.enum(['out_of_service', 'in_service', 'stale', 'fresh']),
  at: z.number(),
  by: z.string().nullable(),
  reason: z.string().nullable(),
  until: z.number().nullable(),
  lastDataAt: z.number().nullable(),
});
export type AssetState = z.infer<typeof AssetState>;
