import { z } from 'zod';
import { describeIssues, Priority, Slug } from './common.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const ms = (min: number, max: number) => z.number().int().min(min).max(max);
const Label = z.string().min(1).max(64);

/**
 * Every number of the alarm engine (docs/design.md "The alarm engine"), one field each. Times are epoch-ms
 * durations. Bounds keep a typo from disabling alarm discipline (e.g. an off-delay of a week).
 */
const fields = {
  /** Consecutive results with score ≥ threshold before the condition is abnormal. */
  onDelayResults: z.number().int().min(1).max(100),
  /** Event time the score must stay below threshold − deadband before the condition is normal. */
  offDelayMs: ms(0, HOUR),
  /** Deadband as a fraction of |threshold|. */
  deadband: z.number().min(0).max(0.5),
  /** An alert raised again within this time after it ended reopens instead of being new. */
  reAlarmWindowMs: ms(0, DAY),
  /** This many raises of one key within `chatterWindowMs` mark it chattering. */
  chatterRaises: z.number().int().min(2).max(100),
  chatterWindowMs: ms(1_000, HOUR),
  /** A chattering key is released after this long without a raise. */
  chatterReleaseMs: ms(0, DAY),
  /** A console is in flood when MORE than this many annunciations fall in `floodWindowMs`… */
  floodEnter: z.number().int().min(1).max(1_000),
  /** …and leaves it when FEWER than this many remain. */
  floodLeave: z.number().int().min(1).max(1_000),
  floodWindowMs: ms(MINUTE, DAY),
  /** Alerts on one asset raised within this time of the group's first alert share its group. */
  groupWindowMs: ms(0, HOUR),
  /** Raises on at least this many assets of a line within `lineEventWindowMs` form a line event. */
  lineEventAssets: z.number().int().min(2).max(1_000),
  lineEventWindowMs: ms(0, HOUR),
  /** Answers (confirmed + false alarm) needed before precision is computed. */
  trustMinAnswers: z.number().int().min(1).max(10_000),
  /** Precision below this demotes the key one priority and suggests a threshold review. */
  trustDemoteBelow: z.number().min(0).max(1),
  /** Priority when neither the edge nor `labelPriorities` names one. */
  defaultPriority: Priority,
  /** Priority per predicted label (`anomaly` when the result has none). */
  labelPriorities: z.record(Label, Priority).refine((r) => Object.keys(r).length <= 500, 'at most 500 labels'),
  /** Whether an edge's `priority` suggestion is taken; false means plant policy alone decides. */
  edgePriority: z.boolean(),
  /** Lowest priority that annunciates; a demotion that takes an alert below it holds it back. */
  annunciateFrom: Priority,
  /** Suppressed by design: every alert in this scope exists but never annunciates. */
  suppressedByDesign: z.boolean(),
  /** Labels suppressed by design in this scope. */
  suppressedLabels: z.array(Label).max(500),
  /** Longest shelf an operator may set; security caps it at 2 h (policy may only tighten it). */
  operatorShelveMaxMinutes: z.number().int().min(1).max(120),
  /** Longest shelf a supervisor, engineer or admin may set; capped at 8 h. */
  supervisorShelveMaxMinutes: z.number().int().min(1).max(480),
  /** Longest out-of-service period one command may set. */
  outOfServiceMaxMs: ms(MINUTE, 30 * DAY),
  /** An asset that sent nothing for this long (relay time) is reported stale. */
  staleAfterMs: ms(1_000, DAY),
  /**
   * How late a result may arrive (relay time) and still be judged in event-time order. Deadlines that
   * only the passing of time can complete (off-delay when results stop, chattering release, flood
   * leave) wait this long past the silence, so tick timing never changes what results decide.
   */
  lateAllowanceMs: ms(0, MINUTE),
};

/** A fully resolved alarm policy. */
export type AlarmPolicy = { [K in keyof typeof fields]: z.output<(typeof fields)[K]> };

/** The engine defaults (docs/design.md, "The alarm engine"). */
export const DEFAULT_POLICY: Readonly<AlarmPolicy> = Object.freeze({
  onDelayResults: 3,
  offDelayMs: 10_000,
  deadband: 0.05,
  reAlarmWindowMs: 10 * MINUTE,
  chatterRaises: 3,
  chatterWindowMs: MINUTE,
  chatterReleaseMs: 10 * MINUTE,
  floodEnter: 10,
  floodLeave: 5,
  floodWindowMs: 10 * MINUTE,
  groupWindowMs: MINUTE,
  lineEventAssets: 3,
  lineEventWindowMs: 30_000,
  trustMinAnswers: 5,
  trustDemoteBelow: 0.2,
  defaultPriority: 'medium',
  labelPriorities: {},
  edgePriority: true,
  annunciateFrom: 'low',
  suppressedByDesign: false,
  suppressedLabels: [],
  operatorShelveMaxMinutes: 120,
  supervisorShelveMaxMinutes: 480,
  outOfServiceMaxMs: 7 * DAY,
  staleAfterMs: MINUTE,
  lateAllowanceMs: 2_000,
});

/** Part of a policy, as a plant, line or model overrides it. Each field given replaces the inherited one whole. */
export const PolicyPatch = z.strictObject(fields).partial();
export type PolicyPatch = z.output<typeof PolicyPatch>;

/** Checks between fields that single-field bounds cannot express; each names the field at fault. */
export function policyProblems(p: AlarmPolicy): { field: keyof AlarmPolicy; message: string }[] {
  const out: { field: keyof AlarmPolicy; message: string }[] = [];
  if (p.floodLeave >= p.floodEnter) out.push({ field: 'floodLeave', message: `must be below floodEnter (${p.floodEnter})` });
  if (p.operatorShelveMaxMinutes > p.supervisorShelveMaxMinutes) {
    out.push({ field: 'operatorShelveMaxMinutes', message: `must not exceed supervisorShelveMaxMinutes (${p.supervisorShelveMaxMinutes})` });
  }
  if (p.chatterReleaseMs > 0 && p.chatterReleaseMs < p.chatterWindowMs) {
    out.push({ field: 'chatterReleaseMs', message: `must be 0 or at least chatterWindowMs (${p.chatterWindowMs})` });
  }
  return out;
}

/** Applies patches in order over a base; `undefined` fields inherit. */
export function mergePolicy(base: AlarmPolicy, ...patches: (PolicyPatch | undefined)[]): AlarmPolicy {
  const out: Record<string, unknown> = { ...base };
  for (const patch of patches) {
    if (!patch) continue;
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) out[k] = v;
  }
  return out as AlarmPolicy;
}

/** A complete policy: defaults filled in, cross-field checks applied. Input may be partial. */
export const AlarmPolicy = PolicyPatch.transform((p) => mergePolicy(DEFAULT_POLICY, p)).superRefine((p, ctx) => {
  for (const pr of policyProblems(p)) ctx.addIssue({ code: 'custom', path: [pr.field], message: pr.message });
});

const bounded = <T extends z.ZodType>(value: T, max: number, what: string) =>
  z.record(z.string(), value).refine((r) => Object.keys(r).length <= max, `at most ${max} ${what}`);

/** One plant's policy patch and its per-line and per-model overrides. */
export const PlantPolicy = z.strictObject({
  policy: PolicyPatch.default({}),
  lines: bounded(PolicyPatch, 500, 'lines').default({}),
  models: bounded(PolicyPatch, 500, 'models').default({}),
});
export type PlantPolicy = z.output<typeof PlantPolicy>;

/** Most merged combinations the book check walks (plant × line × model); beyond it pairs are checked. */
const MAX_COMBINATIONS = 20_000;

/** Every plant's policy: defaults, then plant, then line, then model (the most specific wins). */
export const PolicyBook = z
  .strictObject({
    defaults: AlarmPolicy.default(DEFAULT_POLICY),
    plants: bounded(PlantPolicy, 500, 'plants').default({}),
  })
  .superRefine((book, ctx) => {
    for (const [plant, pp] of Object.entries(book.plants)) {
      if (!Slug.safeParse(plant).success) ctx.addIssue({ code: 'custom', path: ['plants', plant], message: 'plant must be a slug' });
      for (const line of Object.keys(pp.lines)) {
        if (!Slug.safeParse(line).success) ctx.addIssue({ code: 'custom', path: ['plants', plant, 'lines', line], message: 'line must be a slug' });
      }
      // Check each scope that can be resolved, naming the most specific patch that produced the problem.
      const check = (path: (string | number)[], ...patches: (PolicyPatch | undefined)[]) => {
        for (const pr of policyProblems(mergePolicy(book.defaults, ...patches))) {
          ctx.addIssue({ code: 'custom', path: [...path, pr.field], message: pr.message });
        }
      };
      check(['plants', plant, 'policy'], pp.policy);
      const lines = Object.entries(pp.lines);
      const models = Object.entries(pp.models);
      for (const [l, lp] of lines) check(['plants', plant, 'lines', l], pp.policy, lp);
      for (const [m, mp] of models) check(['plants', plant, 'models', m], pp.policy, mp);
      if (lines.length * models.length <= MAX_COMBINATIONS) {
        for (const [, lp] of lines) for (const [m, mp] of models) check(['plants', plant, 'models', m], pp.policy, lp, mp);
      }
    }
  });
export type PolicyBook = z.output<typeof PolicyBook>;
export type PolicyBookInput = z.input<typeof PolicyBook>;

/** A book with nothing but the defaults. */
export function defaultPolicyBook(): PolicyBook {
  return { defaults: { ...DEFAULT_POLICY, labelPriorities: {}, suppressedLabels: [] }, plants: {} };
}

/** Validates a policy book; a nonsense policy is refused with the fields named (`plants.p1.lines.l2.floodLeave: …`). */
export function parsePolicyBook(input: unknown): { ok: true; book: PolicyBook } | { ok: false; error: string } {
  const r = PolicyBook.safeParse(input);
  return r.success ? { ok: true, book: r.data } : { ok: false, error: describeIssues(r.error) };
}

/** The policy in force for one plant/line/model: defaults ← plant ← line ← model. */
export function policyFor(book: PolicyBook, plant: string, line?: string, model?: string): AlarmPolicy {
  // Own properties only: slugs such as `constructor` must not reach Object.prototype.
  const pp = Object.hasOwn(book.plants, plant) ? book.plants[plant] : undefined;
  if (!pp) return book.defaults;
  const lp = line !== undefined && Object.hasOwn(pp.lines, line) ? pp.lines[line] : undefined;
  const mp = model !== undefined && Object.hasOwn(pp.models, model) ? pp.models[model] : undefined;
  return mergePolicy(book.defaults, pp.policy, lp, mp);
}
