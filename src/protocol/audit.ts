import { z } from 'zod';

/** One entry of the hash-chained audit trail. */
export const AuditEntry = z.object({
  seq: z.number().int().positive(),
  at: z.number(),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  detail: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** `GET /api/v1/audit`: a page of entries and the cursor of the next page (null at the end). */
export const AuditPage = z.object({
  entries: z.array(AuditEntry),
  nextCursor: z.number().int().nullable(),
});
export type AuditPage = z.infer<typeof AuditPage>;
