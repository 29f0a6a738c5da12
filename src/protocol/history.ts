import { z } from 'zod';
import { Alert, AlertChangeKind, AlertState, SuppressionReason } from './alert.ts';
import { Priority } from './common.ts';
import { LabelRecord } from './label.ts';

/** One state change of an alert on its timeline: what, when, who and why. */
export const TimelineChange = z.object({
  seq: z.number().int(),
  kind: AlertChangeKind,
  at: z.number(),
  by: z.string().nullable(),
  reason: z.string().nullable(),
  state: AlertState,
  priority: Priority,
  suppression: SuppressionReason.nullable(),
  count: z.number().int().nonnegative(),
});
export type TimelineChange = z.infer<typeof TimelineChange>;

/** A stored inference result in brief. `inAlert` is false for the context before and after. */
export const ResultSummary = z.object({
  id: z.string(),
  ts: z.number(),
  score: z.number(),
  threshold: z.number(),
  inAlert: z.boolean(),
});
export type ResultSummary = z.infer<typeof ResultSummary>;

/** `GET /api/v1/alerts/:id`: one alert's full timeline and its labels (every version). */
export const AlertTimeline = z.object({
  alert: Alert,
  /** Every change except count-only updates, oldest first. */
  changes: z.array(TimelineChange),
  /** How many count-only (`updated`) changes were left out. */
  updates: z.number().int().nonnegative(),
  results: z.array(ResultSummary),
  resultsTotal: z.number().int().nonnegative(),
  /** True when `results` is an even sample of `resultsTotal`. */
  resultsSampled: z.boolean(),
  labels: z.array(LabelRecord),
});
export type AlertTimeline = z.infer<typeof AlertTimeline>;
