import { z } from 'zod';
import { AlertId, CommandId, Slug } from './common.ts';
import { RefusalCode } from './refusal.ts';
import { strippedText } from './text.ts';

/** Typed by a person: hidden characters are dropped (see strippedText), then it is checked. */
const Reason = strippedText(z.string().trim().min(1, 'a reason is required').max(500));

/** Reason chips offered after a feedback answer. */
export const FeedbackReason = z.enum(['sensor_fault', 'planned_work', 'process_change', 'already_fixed', 'other']);
export type FeedbackReason = z.infer<typeof FeedbackReason>;

/** The operator's one-touch answer, which becomes a label for retraining. */
export const FeedbackAnswer = z.enum(['real', 'false_alarm', 'not_sure']);
export type FeedbackAnswer = z.infer<typeof FeedbackAnswer>;

/**
 * An operator command. Each carries a client-made UUID so a resend (e.g. after an offline period)
 * is done once and answered with the same outcome.
 */
export const OperatorCommand = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('acknowledge'), commandId: CommandId, alertId: AlertId }),
  z.strictObject({
    type: z.literal('shelve'), commandId: CommandId, alertId: AlertId, reason: Reason,
    /** Minutes on the shelf; omitted means one-shot (until the alert next returns to normal). */
    minutes: z.number().int().positive().max(24 * 60).optional(),
  }),
  z.strictObject({ type: z.literal('unshelve'), commandId: CommandId, alertId: AlertId }),
  z.strictObject({
    type: z.literal('out_of_service'), commandId: CommandId, plant: Slug, line: Slug, asset: Slug,
    reason: Reason, until: z.number().int().positive(),
  }),
  z.strictObject({ type: z.literal('return_to_service'), commandId: CommandId, plant: Slug, line: Slug, asset: Slug }),
  z.strictObject({
    type: z.literal('feedback'), commandId: CommandId, alertId: AlertId, answer: FeedbackAnswer,
    reasons: z.array(FeedbackReason).max(5).default([]),
    note: strippedText(z.string().max(1000)).optional(),
  }),
]);
export type OperatorCommand = z.output<typeof OperatorCommand>;
export type OperatorCommandInput = z.input<typeof OperatorCommand>;

/** The relay's answer to a command: done, or refused with a code (for programs) and a reason a person can read. */
export const CommandAck = z.discriminatedUnion('status', [
  z.object({ status: z.literal('done'), commandId: z.string() }),
  z.object({ status: z.literal('refused'), commandId: z.string().optional(), code: RefusalCode, reason: z.string() }),
]);
export type CommandAck = z.infer<typeof CommandAck>;
