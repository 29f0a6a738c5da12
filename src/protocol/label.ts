import { z } from 'zod';
import { AlertState, ResultSnapshot } from './alert.ts';
import { Role, Slug } from './common.ts';
import { FeedbackAnswer, FeedbackReason } from './commands.ts';
import { ModelRef } from './inference.ts';

/**
 * One operator answer as a training label (docs/design.md "Store", labels). A changed answer is
 * a new version of the same alert's label; nothing is overwritten.
 */
export const LabelRecord = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  alertId: z.string(),
  key: z.string(),
  plant: Slug,
  line: Slug,
  asset: Slug,
  model: ModelRef,
  label: z.string(),
  answer: FeedbackAnswer,
  reasons: z.array(FeedbackReason),
  note: z.string().nullable(),
  by: z.object({ user: z.string(), role: Role }),
  at: z.number(),
  alertState: AlertState,
  /** Every inference result id the alert covered when the answer was given. */
  resultIds: z.array(z.string()),
  /** The full input snapshot at the alert's peak: features, values, attributions, score, threshold. */
  snapshot: ResultSnapshot,
});
export type LabelRecord = z.infer<typeof LabelRecord>;
