import { basename, dirname } from 'node:path';
import type { InferenceResultInput, ModelRef } from '../../src/protocol/inference.ts';
import type { SkabTable } from './csv.ts';
import { Detector, fitDetector, severityPriority, type DetectorModel, type DetectorOutput } from './detector.ts';
import { SKAB_UNITS } from './skab.ts';

/** Where replayed results go: the edge client, or anything with the same two calls (tests). */
export interface ResultSink {
  publish(result: InferenceResultInput): boolean;
  room(): Promise<void>;
}

/** What to replay and how. */
export interface ReplayPlan {
  tables: SkabTable[];
  plant: string;
  line: string;
  asset: string;
  model: ModelRef;
  /** Fit data for one shared model; ignored when `fitRows` is set. */
  fit?: SkabTable;
  /** Fit each file on its own first N rows instead (SKAB's usual protocol). */
  fitRows?: number;
  /** 0 = as fast as the sink takes them; 1 = real time; X = X times faster. */
  speed: number;
}

/** Per-file outcome, for the summary line. */
export interface ReplayFileSummary {
  source: string;
  rows: number;
  threshold: number;
  aboveThreshold: number;
}

/**
 * Shifts each file's row times so the files play back to back (1 s apart) and the LAST row of the
 * last file is `now`. Called once at start; rows keep their real spacing.
 */
export function shiftTimes(tables: readonly Pick<SkabTable, 'times'>[], now: number): number[][] {
  const out: number[][] = new Array<number[]>(tables.length);
  let end = now;
  for (let k = tables.length - 1; k >= 0; k--) {
    const times = tables[k]!.times;
    const offset = end - times[times.length - 1]!;
    out[k] = times.map((t) => t + offset);
    end = out[k]![0]! - 1000;
  }
  return out;
}

/** A stable result id for row `row` of `source`: a rerun publishes the same ids, so it is idempotent. */
export function resultId(asset: string, source: string, row: number): string {
  const run = `${basename(dirname(source))}_${basename(source).replace(/\.csv$/i, '')}`.replace(/[^A-Za-z0-9_.-]/g, '_');
  return `${asset}-${run}-${row}`.slice(-128);
}

/** Parses `NAME@VERSION`. */
export function parseModelRef(text: string): ModelRef {
  const at = text.lastIndexOf('@');
  if (at <= 0 || at === text.length - 1) throw new Error(`--model must be NAME@VERSION, got "${text}"`);
  return { name: text.slice(0, at), version: text.slice(at + 1) };
}

/** Fits the model a file is scored with: its own first `fitRows` rows, or the shared fit table. */
export function modelFor(table: SkabTable, plan: Pick<ReplayPlan, 'fit' | 'fitRows'>): DetectorModel {
  if (plan.fitRows !== undefined) {
    if (plan.fitRows > table.rows.length) throw new Error(`${table.source}: --fit-rows ${plan.fitRows} exceeds its ${table.rows.length} rows`);
    return fitDetector(table.features, table.rows.slice(0, plan.fitRows), { units: SKAB_UNITS });
  }
  if (!plan.fit) throw new Error('either a fit file or fitRows is needed');
  if (plan.fit.features.join('\n') !== table.features.join('\n')) {
    throw new Error(`${table.source}: its columns differ from the fit file's (${plan.fit.source})`);
  }
  return fitDetector(plan.fit.features, plan.fit.rows, { units: SKAB_UNITS });
}

/** Turns one scored row into a wire result (generic detector: label `anomaly`, no priority). */
export function toResult(out: DetectorOutput, base: { id: string; ts: number; plant: string; line: string; asset: string; model: ModelRef }, meta?: Record<string, string | number | boolean>): InferenceResultInput {
  const r: InferenceResultInput = {
    ...base,
    score: out.score,
    threshold: out.threshold,
    // The detector does not know the cause; the plant's catalogue titles `anomaly` plainly.
    label: 'anomaly',
    priority: severityPriority(out.score, out.threshold),
    baseValue: out.baseValue,
    attributions: out.attributions,
  };
  if (out.drift) r.drift = out.drift;
  if (meta) r.meta = meta;
  return r;
}

/**
 * Scores every row of every file and publishes the results to `sink`, paced by the rows' own
 * spacing divided by `speed` (no pacing at speed 0: only the sink's back-pressure).
 */
export async function replay(plan: ReplayPlan, sink: ResultSink, clock: { now(): number; sleep(ms: number): Promise<void> }): Promise<ReplayFileSummary[]> {
  const startedAt = clock.now();
  const shifted = shiftTimes(plan.tables, startedAt);
  const firstRowTime = shifted[0]?.[0] ?? startedAt;
  const summaries: ReplayFileSummary[] = [];
  for (const [k, table] of plan.tables.entries()) {
    const model = modelFor(table, plan);
    const detector = new Detector(model);
    const summary = { source: table.source, rows: table.rows.length, threshold: model.threshold, aboveThreshold: 0 };
    for (const [i, row] of table.rows.entries()) {
      const ts = shifted[k]![i]!;
      if (plan.speed > 0) {
        const wait = startedAt + (ts - firstRowTime) / plan.speed - clock.now();
        if (wait > 0) await clock.sleep(wait);
      }
      const out = detector.score(row);
      if (out.score >= out.threshold) summary.aboveThreshold++;
      const meta: Record<string, string | number> = { source: `${basename(dirname(table.source))}/${basename(table.source)}`, row: i };
      // Ground truth rides along in meta so an evaluation can compare what operators were shown.
      if (table.anomaly) meta.truth_anomaly = table.anomaly[i]!;
      await sink.room();
      sink.publish(toResult(out, { id: resultId(plan.asset, table.source, i), ts, plant: plan.plant, line: plan.line, asset: plan.asset, model: plan.model }, meta));
    }
    summaries.push(summary);
  }
  return summaries;
}
