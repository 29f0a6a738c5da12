/**
 * Population Stability Index of a sliding window against fit data, one feature at a time.
 *
 *   PSI = Σ_b (w_b − f_b) · ln(w_b / f_b)
 *
 * over bins b cut at the fit data's quantiles (deciles by default), with w_b / f_b the window's and
 * the fit data's share of rows in bin b. Shares use a +0.5 pseudo-count so an empty bin gives a
 * large but finite figure instead of ∞. Usual reading: < 0.1 stable, 0.1–0.25 moderate shift,
 * > 0.25 significant shift. With n window rows and k bins, pure noise gives about (k − 1) / n.
 */

/** Cut points between bins: the fit data's quantiles, duplicates removed (quantised sensors repeat values). */
export function quantileEdges(values: readonly number[], bins: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const edges: number[] = [];
  for (let q = 1; q < bins; q++) {
    const v = sorted[Math.min(sorted.length - 1, Math.floor((q / bins) * sorted.length))] as number;
    if (edges.length === 0 || v > (edges[edges.length - 1] as number)) edges.push(v);
  }
  return edges;
}

/** Bin index of x: the number of cut points strictly below it (so a value equal to a cut goes left). */
export function binOf(edges: readonly number[], x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((edges[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Smoothed shares of rows per bin. */
export function shares(counts: readonly number[], total: number): number[] {
  const k = counts.length;
  return counts.map((c) => (c + 0.5) / (total + 0.5 * k));
}

/** PSI between a window's bin counts and the fit data's shares. */
export function psi(windowCounts: readonly number[], windowTotal: number, fitShares: readonly number[]): number {
  const w = shares(windowCounts, windowTotal);
  let sum = 0;
  for (let b = 0; b < w.length; b++) {
    const wb = w[b] as number;
    const fb = fitShares[b] as number;
    sum += (wb - fb) * Math.log(wb / fb);
  }
  return sum;
}

/** Sliding-window PSI of one feature: push a value, read the PSI of the last `size` values. */
export class SlidingPsi {
  private readonly ring: number[];
  private readonly counts: number[];
  private next = 0;
  private filled = 0;
  private readonly edges: readonly number[];
  private readonly fitShares: readonly number[];

  constructor(edges: readonly number[], fitShares: readonly number[], size: number) {
    this.edges = edges;
    this.fitShares = fitShares;
    this.ring = new Array<number>(size).fill(0);
    this.counts = new Array<number>(edges.length + 1).fill(0);
  }

  /** Adds a value, evicting the oldest once the window is full. */
  push(x: number): void {
    const b = binOf(this.edges, x);
    if (this.filled === this.ring.length) {
      const old = this.ring[this.next] as number;
      this.counts[old] = (this.counts[old] as number) - 1;
    } else {
      this.filled++;
    }
    this.counts[b] = (this.counts[b] as number) + 1;
    this.ring[this.next] = b;
    this.next = (this.next + 1) % this.ring.length;
  }

  /** Rows currently in the window. */
  get size(): number {
    return this.filled;
  }

  /** PSI of the window against the fit data (0 for an empty window). */
  value(): number {
    return this.filled === 0 ? 0 : psi(this.counts, this.filled, this.fitShares);
  }
}
