import { z } from 'zod';
import { Priority, Slug } from './common.ts';
import { Attribution, Drift, ModelRef } from './inference.ts';

/**
 * ISA-18.2 alarm states (as OPC UA Part 9 models them). `returned_unacknowledged` is
 * "returned to normal, unacknowledged"; `normal` means the alert has ended.
 */
export const AlertState = z.enum([
  'unacknowledged',
  'acknowledged',
  'returned_unacknowledged',
  'normal',
  'shelved',
  'out_of_service',
  'suppressed_by_design',
]);
export type AlertState = z.infer<typeof AlertState>;

/** Why an alert is not annunciated: every held-back alert names one. */
export const SuppressionReason = z.enum(['chattering', 'flood', 'shelved', 'out_of_service', 'demoted', 'suppressed_by_design']);
export type SuppressionReason = z.infer<typeof SuppressionReason>;

/** The inputs of one result, kept with an alert (peak and last) so a label can carry them. */
export const ResultSnapshot = z.object({
  resultId: z.string(),
  ts: z.number(),
  score: z.number(),
  threshold: z.number(),
  baseValue: z.number().optional(),
  attributions: z.array(Attribution).optional(),
  drift: Drift.optional(),
});
export type ResultSnapshot = z.infer<typeof ResultSnapshot>;

/** A shelf put on an alert by a person: timed (`until`) or one-shot (until it next returns to normal). */
export const Shelf = z.object({
  by: z.string(),
  reason: z.string(),
  at: z.number(),
  until: z.number().nullable(),
});

/** Operators' answers so far for this alert's key, and whether the engine demoted it. */
export const Trust = z.object({
  confirmed: z.number().int().nonnegative(),
  falseAlarm: z.number().int().nonnegative(),
  unsure: z.number().int().nonnegative(),
  precision: z.number().nullable(),
  demoted: z.boolean(),
  reviewSuggested: z.boolean(),
});
export type Trust = z.infer<typeof Trust>;

/** One alert: the single record per alarm key (plant/line/asset/model/label). Times are event time. */
export const Alert = z.object({
  id: z.string(),
  key: z.string(),
  plant: Slug,
  line: Slug,
  asset: Slug,
  model: ModelRef,
  label: z.string(),
  priority: Priority,
  suggestedPriority: Priority,
  state: AlertState,
  active: z.boolean(),
  acknowledged: z.boolean(),
  raisedAt: z.number(),
  annunciatedAt: z.number().nullable(),
  clearedAt: z.number().nullable(),
  lastAt: z.number(),
  count: z.number().int().nonnegative(),
  annunciations: z.number().int().nonnegative(),
  suppression: SuppressionReason.nullable(),
  chattering: z.boolean(),
  groupId: z.string().nullable(),
  lineEventId: z.string().nullable(),
  shelf: Shelf.nullable(),
  trust: Trust.nullable(),
  peak: ResultSnapshot,
  last: ResultSnapshot,
});
export type Alert = z.infer<typeof Alert>;

/** What happened to an alert; every change a browser sees is one of these. */
export const AlertChangeKind = z.enum([
  'raised', 'updated', 'annunciated', 'acknowledged', 'returned', 'cleared', 'reopened',
  'shelved', 'unshelved', 'out_of_service', 'returned_to_service', 'suppressed', 'released', 'feedback',
]);
export type AlertChangeKind = z.infer<typeof AlertChangeKind>;

/** One stored, sequenced alert change. `seq` orders all changes of a relay's store. */
export const AlertChange = z.object({
  seq: z.number().int().positive(),
  kind: AlertChangeKind,
  at: z.number(),
  by: z.string().nullable(),
  reason: z.string().nullable(),
  alert: Alert,
});
export type AlertChange = z.infer<typeof AlertChange>;

/** A console (one line) and its flood state with the digest of held-back low/medium alerts. */
export const ConsoleState = z.object({
  plant: Slug,
  line: Slug,
  inFlood: z.boolean(),
  annunciatedLast10Min: z.number().int().nonnegative(),
  digest: z.array(z.string()),
});
export type ConsoleState = z.infer<typeof ConsoleState>;
