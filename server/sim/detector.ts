import type { Attribution } from '../../src/protocol/inference.ts';
import { binOf, quantileEdges, shares, SlidingPsi } from './psi.ts';

/*
 * Reference detector: a diagonal MEWMA (multivariate EWMA control chart), the kind of statistic a
 * small edge box can run on every row with no model file beyond a few numbers per feature.
 *
 *   s_t   = α · x_t + (1 − α) · s_{t−1}          per feature, s_0 = fit mean (smooths sensor noise)
 *   z_i   = (s_i − c_i) / σ_i                    c, σ: mean and std of the SMOOTHED fit series, so σ
 *                                                already accounts for smoothing and slow wander
 *   score = Σ_i z_i²                             baseValue = 0
 *   contribution_i = z_i²                        exact: Σ contribution_i = score − baseValue
 *   threshold = margin · quantile_q(fit scores)  the fit data's own score distribution
 *
 * Contributions are squares, so never negative; the direction is in `value` vs `baseline`
 * (value below baseline = the feature is low), and `z` in the output keeps the sign.
 * `value` is the smoothed value the model scored, not the raw row, so the bars and values agree.
 *
 * Drift: per feature, PSI of the last `driftWindow` RAW rows against the fit rows (see psi.ts);
 * the overall drift score is the largest feature PSI ("some input has moved").
 */

/** Tuning of the reference detector; the defaults are what the SKAB valve1 check was tuned with. */
export interface DetectorOptions {
  /** EWMA weight of the newest row; 1 turns smoothing off. */
  alpha?: number;
  /** Quantile of the fit scores the threshold is taken from. */
  quantile?: number;
  /** Factor on that quantile: fit scores are in-sample, new data from the same process scores higher. */
  margin?: number;
  /** Rows in the sliding drift window. */
  driftWindow?: number;
  /** Bins (fit-data quantiles) of the PSI histogram. */
  driftBins?: number;
  /** Rows the drift window needs before drift is reported: a few rows give a meaningless PSI. */
  driftMinRows?: number;
  /** Unit per feature, copied into attributions. */
  units?: Readonly<Record<string, string>>;
}

/** Everything a fitted detector needs: plain numbers, JSON-serialisable. */
export interface DetectorModel {
  features: string[];
  centre: number[];
  scale: number[];
  threshold: number;
  alpha: number;
  /** Where the smoother starts: the fit rows' raw mean (scoring the fit rows reproduces the fit scores). */
  start: number[];
  units: Record<string, string>;
  driftWindow: number;
  driftMinRows: number;
  /** PSI cut points per feature. */
  edges: number[][];
  /** Fit data's smoothed share of rows per bin, per feature. */
  fitShares: number[][];
  /** Rows the model was fitted on. */
  fitRows: number;
}

/** One scored row. */
export interface DetectorOutput {
  score: number;
  threshold: number;
  baseValue: number;
  /** One per feature, in feature order; contributions sum to score − baseValue. */
  attributions: Attribution[];
  /** Signed standardised deviation per feature (negative = below the fit centre). */
  z: number[];
  /** Absent until the drift window holds `driftMinRows` rows. */
  drift?: { score: number; features: Record<string, number> };
}

/**
 * Defaults, tuned on SKAB valve1 with each run fitted on its first 400 rows (detector.test.ts):
 * all 16 episodes get a sustained stretch above threshold. Smaller α or margin raises more rows
 * inside the episodes but also more outside them (the test bed's temperatures wander slowly).
 */
export const DEFAULTS = {
  alpha: 0.05,
  quantile: 0.995,
  margin: 3,
  driftWindow: 300,
  driftBins: 10,
  driftMinRows: 60,
} as const;

/** Smallest usable σ: a constant fit feature would otherwise make any change infinite. */
function floorScale(std: number, centre: number): number {
  return Math.max(std, 1e-6 * Math.max(1, Math.abs(centre)));
}

function ewmaSeries(rows: readonly (readonly number[])[], alpha: number, start: readonly number[]): number[][] {
  const out: number[][] = [];
  let s = start;
  for (const r of rows) {
    const prev = s;
    s = r.map((x, i) => alpha * x + (1 - alpha) * prev[i]!);
    out.push(s as number[]);
  }
  return out;
}

/** The q-quantile of values (nearest rank). */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

/** Fits the detector on normal rows (rows[i][j] = feature j). Needs at least 10 rows. */
export function fitDetector(features: readonly string[], rows: readonly (readonly number[])[], options: DetectorOptions = {}): DetectorModel {
  const o = { ...DEFAULTS, ...options };
  if (rows.length < 10) throw new Error(`need at least 10 fit rows, got ${rows.length}`);
  if (!(o.alpha > 0 && o.alpha <= 1)) throw new Error('alpha must be in (0, 1]');
  for (const [i, r] of rows.entries()) {
    if (r.length !== features.length) throw new Error(`fit row ${i} has ${r.length} values, expected ${features.length}`);
  }
  const n = rows.length;
  // The smoother starts at the raw mean (the usual EWMA-chart start): starting at the first row would
  // give the first rows an unsmoothed, noisy value and inflate the threshold taken from fit scores.
  const rawMean = features.map((_, j) => rows.reduce((a, r) => a + r[j]!, 0) / n);
  const smooth = ewmaSeries(rows, o.alpha, rawMean);
  const centre = features.map((_, j) => smooth.reduce((a, r) => a + r[j]!, 0) / n);
  const scale = features.map((_, j) => {
    const c = centre[j]!;
    return floorScale(Math.sqrt(smooth.reduce((a, r) => a + (r[j]! - c) ** 2, 0) / n), c);
  });
  const fitScores = smooth.map((r) => r.reduce((a, x, j) => a + ((x - centre[j]!) / scale[j]!) ** 2, 0));
  const edges = features.map((_, j) => quantileEdges(rows.map((r) => r[j]!), o.driftBins));
  const fitShares = edges.map((e, j) => {
    const counts = new Array<number>(e.length + 1).fill(0);
    for (const r of rows) {
      const b = binOf(e, r[j]!);
      counts[b] = (counts[b] as number) + 1;
    }
    return shares(counts, n);
  });
  const units: Record<string, string> = {};
  for (const f of features) if (o.units?.[f] !== undefined) units[f] = o.units[f];
  return {
    features: [...features],
    centre,
    scale,
    threshold: o.margin * quantile(fitScores, o.quantile),
    alpha: o.alpha,
    start: rawMean,
    units,
    driftWindow: o.driftWindow,
    driftMinRows: Math.min(o.driftMinRows, o.driftWindow),
    edges,
    fitShares,
    fitRows: n,
  };
}

/** A streaming scorer over one fitted model: feed rows in time order, one per call. */
export class Detector {
  readonly model: DetectorModel;
  private smooth: number[] | undefined;
  private readonly psi: SlidingPsi[];

  constructor(model: DetectorModel) {
    this.model = model;
    this.psi = model.edges.map((e, j) => new SlidingPsi(e, model.fitShares[j]!, model.driftWindow));
  }

  /** Scores the next row (values in the model's feature order). */
  score(row: readonly number[]): DetectorOutput {
    const m = this.model;
    if (row.length !== m.features.length) throw new Error(`row has ${row.length} values, expected ${m.features.length}`);
    // Start where the fit started: the first rows are pulled towards normal for ~1/α rows.
    const prev = this.smooth ?? m.start;
    const s = row.map((x, i) => m.alpha * x + (1 - m.alpha) * prev[i]!);
    this.smooth = s;
    const z = s.map((x, j) => (x - m.centre[j]!) / m.scale[j]!);
    const attributions: Attribution[] = m.features.map((feature, j) => {
      const a: Attribution = { feature, value: s[j]!, contribution: z[j]! ** 2, baseline: m.centre[j]! };
      const unit = m.units[feature];
      if (unit !== undefined) a.unit = unit;
      return a;
    });
    // Summing the very numbers we publish keeps Σ contribution = score exact in floating point.
    const score = attributions.reduce((acc, a) => acc + a.contribution, 0);
    row.forEach((x, j) => this.psi[j]!.push(x));
    const out: DetectorOutput = { score, threshold: m.threshold, baseValue: 0, attributions, z };
    if ((this.psi[0]?.size ?? 0) >= m.driftMinRows) {
      const features: Record<string, number> = {};
      let max = 0;
      m.features.forEach((f, j) => {
        const v = this.psi[j]!.value();
        features[f] = v;
        max = Math.max(max, v);
      });
      out.drift = { score: max, features };
    }
    return out;
  }
}

/** Which rows of a scored run are at or above threshold, as [start, end] index stretches (inclusive). */
export function stretchesAbove(scores: readonly number[], threshold: number, minLength = 1): [number, number][] {
  const out: [number, number][] = [];
  let start = -1;
  scores.forEach((s, i) => {
    if (s >= threshold) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (i - start >= minLength) out.push([start, i - 1]);
      start = -1;
    }
  });
  if (start >= 0 && scores.length - start >= minLength) out.push([start, scores.length - 1]);
  return out;
}

/**
 * A priority suggestion from how far a score is past its threshold: below 3× low, from 3× medium,
 * from 10× high (half-decades of the threshold). The plant's policy decides; the engine re-annunciates
 * an alert whose suggestion rises (a valve closing after a slow temperature drift is news).
 */
export function severityPriority(score: number, threshold: number): 'low' | 'medium' | 'high' {
  const ratio = threshold > 0 ? score / threshold : score >= threshold ? 1 : 0;
  return ratio >= 10 ? 'high' : ratio >= 3 ? 'medium' : 'low';
}
