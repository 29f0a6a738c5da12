import { z } from 'zod';
import { Priority, Slug } from './common.ts';

/**
 * ISA-18.2 / EEMUA 191 targets per operator console (docs/design.md): the dashboard holds the load
 * against these. Shares are fractions (0..1), flood in % of time.
 */
export const ISA_TARGETS = {
  per10MinAcceptable: 1,
  per10MinMax: 2,
  perHourAcceptable: 6,
  perHourMax: 12,
  max10Min: 10,
  floodPct: 1,
  top10Share: 0.05,
  chattering: 0,
  stale: 0,
  priorities: { low: 0.8, medium: 0.15, high: 0.05 },
} as const;

const Count = z.number().int().nonnegative();
const Share = z.number().min(0).max(1);
const Range = z.object({ from: z.number(), to: z.number() });

export const Bucket = z.object({ start: z.number(), count: Count });
export type Bucket = z.infer<typeof Bucket>;

/** Why something was not annunciated, and how often, next to what a plain `score ≥ threshold` rule would have sent. */
export const HeldBack = z.object({
  naiveCrossings: Count,
  annunciations: Count,
  /** Alerts raised in the range (one per key episode). */
  raised: Count,
  reasons: z.array(z.object({ reason: z.string(), alerts: Count, changes: Count })),
  keys: z.array(z.object({ key: z.string(), crossings: Count, annunciations: Count })),
});
export type HeldBack = z.infer<typeof HeldBack>;

/** `GET /api/v1/kpi/alarm-load`: alarm load of a plant or line over a range, computed from stored events. */
export const AlarmLoadReport = z.object({
  plant: Slug,
  line: Slug.nullable(),
  range: Range,
  /** Consoles (lines) the figures cover: targets apply per console. */
  consoleCount: Count,
  annunciations: Count,
  per10Min: z.array(Bucket),
  perHour: z.array(Bucket),
  max10Min: Count,
  floodPct: z.number().min(0).max(100),
  consoles: z.array(z.object({ plant: Slug, line: Slug, annunciations: Count, max10Min: Count, floodMs: z.number(), floodPct: z.number() })),
  top: z.array(z.object({ key: z.string(), count: Count, share: Share })),
  top10Share: Share,
  chattering: Count,
  stale: Count,
  priorities: z.record(Priority, z.object({ count: Count, share: Share })),
  meanTimeToAckMs: z.number().nullable(),
  acknowledged: Count,
  naiveCrossings: Count,
  heldBack: HeldBack,
});
export type AlarmLoadReport = z.infer<typeof AlarmLoadReport>;

/** Operators' answers for one alarm key and model version, from the stored labels (latest answer per alert). */
export const KeyTrust = z.object({
  key: z.string(),
  plant: Slug,
  line: Slug,
  asset: Slug,
  label: z.string(),
  model: z.string(),
  version: z.string(),
  confirmed: Count,
  falseAlarm: Count,
  unsure: Count,
  /** confirmed + false alarm: the answers precision is computed from. */
  n: Count,
  /** Null until n reaches the policy's minimum. */
  precision: z.number().nullable(),
  /** Precision below the policy's demotion level: the engine suggests a threshold review. */
  reviewSuggested: z.boolean(),
  /** Shown one priority lower on the panels right now (critical never is). */
  demoted: z.boolean(),
  minAnswers: Count,
  demoteBelow: Share,
  lastAnswerAt: z.number(),
});
export type KeyTrust = z.infer<typeof KeyTrust>;

export const ModelTrust = z.object({
  model: z.string(),
  version: z.string(),
  keys: Count,
  confirmed: Count,
  falseAlarm: Count,
  unsure: Count,
  n: Count,
  precision: z.number().nullable(),
});
export type ModelTrust = z.infer<typeof ModelTrust>;

/** `GET /api/v1/kpi/trust`. */
export const TrustReport = z.object({ keys: z.array(KeyTrust), models: z.array(ModelTrust), labels: Count });
export type TrustReport = z.infer<typeof TrustReport>;

const Stat = z.object({ mean: z.number(), max: z.number(), last: z.number() });

/** `GET /api/v1/kpi/drift`: the results' drift figures per model version and feature. */
export const DriftReport = z.object({
  range: Range,
  bucketMs: z.number().int().positive(),
  /** True when more results carried drift than were read: figures come from an even sample. */
  sampled: z.boolean(),
  models: z.array(z.object({
    model: z.string(),
    version: z.string(),
    results: Count,
    score: Stat,
    series: z.array(z.object({ start: z.number(), mean: z.number(), max: z.number() })),
    features: z.array(Stat.extend({ feature: z.string() })),
  })),
});
export type DriftReport = z.infer<typeof DriftReport>;

/** One entry of the suppression log: something held back or taken off a console, who and why. */
export const SuppressionEntry = z.object({
  seq: z.number().int(),
  at: z.number(),
  kind: z.string(),
  alertId: z.string(),
  key: z.string(),
  plant: Slug,
  line: Slug,
  asset: Slug,
  priority: Priority,
  state: z.string(),
  reason: z.string().nullable(),
  by: z.string().nullable(),
  /** Shelf or out-of-service end; null for one-shot shelves and engine decisions. */
  until: z.number().nullable(),
});
export type SuppressionEntry = z.infer<typeof SuppressionEntry>;

export const OutOfServiceAsset = z.object({
  plant: Slug, line: Slug, asset: Slug, by: z.string(), reason: z.string(), at: z.number(), until: z.number(),
});
export type OutOfServiceAsset = z.infer<typeof OutOfServiceAsset>;

/** An alarm key on a shelf now: timed shelves stay on the key after its alert ends, until they expire. */
export const ShelvedKey = z.object({
  alertId: z.string(), key: z.string(), plant: Slug, line: Slug, asset: Slug, priority: Priority,
  by: z.string(), reason: z.string(), at: z.number(), until: z.number().nullable(),
  /** The shelved alert has ended (the shelf waits on its key for the next one). */
  ended: z.boolean(),
});
export type ShelvedKey = z.infer<typeof ShelvedKey>;

/** `GET /api/v1/suppression-log`. */
export const SuppressionLog = z.object({
  entries: z.array(SuppressionEntry),
  truncated: z.boolean(),
  /** Shelves in force now (from the stored shelve and unshelve changes). */
  shelved: z.array(ShelvedKey),
  /** Assets out of service now (from the audit trail of out-of-service commands). */
  outOfService: z.array(OutOfServiceAsset),
});
export type SuppressionLog = z.infer<typeof SuppressionLog>;
