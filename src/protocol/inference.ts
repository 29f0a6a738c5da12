import { z } from 'zod';
import { KEY_NAME_MAX, KeyName, Priority, Slug, Timestamp } from './common.ts';
import { RefusalCode } from './refusal.ts';
import { refuseHiddenText } from './text.ts';

const Finite = z.number().refine(Number.isFinite, 'must be a finite number');
const FeatureName = z.string().min(1).max(128);

/** One feature's share of a score: the explanation an operator sees as a bar. */
export const Attribution = z.strictObject({
  feature: FeatureName,
  value: Finite,
  contribution: Finite,
  baseline: Finite.optional(),
  unit: z.string().max(32).optional(),
});
export type Attribution = z.infer<typeof Attribution>;

/** Drift of the inputs against the model's fit data (PSI or similar), overall and per feature. */
export const Drift = z.strictObject({
  score: Finite,
  features: z.record(FeatureName, Finite).refine((r) => Object.keys(r).length <= 256, 'at most 256 features').optional(),
});

const MetaValue = z.union([z.string().max(256), Finite, z.boolean()]);

/** The model that produced a result; name + version make a label reproducible. */
export const ModelRef = z.strictObject({
  name: z.string().min(1).max(KEY_NAME_MAX),
  version: z.string().min(1).max(64),
});
export type ModelRef = z.infer<typeof ModelRef>;

/** An inference result as an edge publishes it (wire protocol v1). `ts` is parsed to epoch ms. */
export const InferenceResult = z.strictObject({
  id: z.string().min(1).max(128),
  ts: Timestamp,
  plant: Slug,
  line: Slug,
  asset: Slug,
  /** Its name and `label` are parts of the alert key: no '/' in them (alerts read back take any name). */
  model: ModelRef.extend({ name: KeyName }),
  score: Finite,
  threshold: Finite,
  label: KeyName.optional(),
  priority: Priority.optional(),
  baseValue: Finite.optional(),
  attributions: z.array(Attribution).max(256).optional(),
  drift: Drift.optional(),
  meta: z.record(z.string().max(64), MetaValue).refine((r) => Object.keys(r).length <= 32, 'at most 32 entries').optional(),
  // Every text of a result is a name people read (or an id): no invisible or direction-control
  // characters. Only here, on the way in; alerts and snapshots read back take what was stored.
}).superRefine((r, ctx) => refuseHiddenText(r, ctx));
export type InferenceResult = z.output<typeof InferenceResult>;
export type InferenceResultInput = z.input<typeof InferenceResult>;

/** Most results one publish may carry (socket event, HTTP body or MQTT message). */
export const MAX_BATCH = 1000;

/** Per-item answer to a publish: what was accepted, what was refused, with its code (for programs) and why (for people). */
export const IngestAck = z.object({
  accepted: z.array(z.string()),
  rejected: z.array(z.object({ index: z.number().int(), id: z.string().optional(), code: RefusalCode, reason: z.string() })),
  /** Set when the relay is saturated: publish nothing more for this long, then resend. */
  retryAfterMs: z.number().int().positive().optional(),
});
export type IngestAck = z.infer<typeof IngestAck>;
