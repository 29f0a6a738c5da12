import { describe, expect, it } from 'vitest';
import { binOf, psi, quantileEdges, shares, SlidingPsi } from './psi.ts';
import { Prng } from './prng.ts';

const normals = (rng: Prng, n: number, shift = 0): number[] => Array.from({ length: n }, () => shift + rng.normal());

describe('PSI', () => {
  it('cuts bins at the fit quantiles and drops repeated cut points of quantised sensors', () => {
    expect(quantileEdges([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5)).toEqual([3, 5, 7, 9]);
    expect(quantileEdges([32, 32, 32, 32, 32, 32, 32, 31, 33, 32], 10)).toEqual([32, 33]);
    expect([0, 3, 3.5, 9, 11].map((x) => binOf([3, 5, 7, 9], x))).toEqual([0, 0, 1, 3, 4]);
  });

  it('is ~0 for a window like the fit data and large for a shifted one', () => {
    const rng = new Prng(7);
    const fit = normals(rng, 5000);
    const edges = quantileEdges(fit, 10);
    const fitCounts = new Array<number>(edges.length + 1).fill(0);
    for (const x of fit) fitCounts[binOf(edges, x)]!++;
    const fitShares = shares(fitCounts, fit.length);
    const windowPsi = (values: number[]): number => {
      const w = new SlidingPsi(edges, fitShares, values.length);
      values.forEach((x) => w.push(x));
      return w.value();
    };
    expect(windowPsi(normals(rng, 300))).toBeLessThan(0.1);
    expect(windowPsi(normals(rng, 300, 0.5))).toBeGreaterThan(0.1);
    expect(windowPsi(normals(rng, 300, 2))).toBeGreaterThan(1);
    // empty bins stay finite thanks to the pseudo-count
    expect(Number.isFinite(psi([300, 0, 0], 300, [1 / 3, 1 / 3, 1 / 3]))).toBe(true);
  });

  it('forgets rows that leave the sliding window', () => {
    const w = new SlidingPsi([0], shares([50, 50], 100), 20);
    for (let i = 0; i < 20; i++) w.push(5); // all in the upper bin: drifted
    const drifted = w.value();
    for (let i = 0; i < 20; i++) w.push(i % 2 ? 5 : -5); // back to a 50/50 mix
    expect(w.size).toBe(20);
    expect(drifted).toBeGreaterThan(1);
    expect(w.value()).toBeLessThan(0.01);
  });
});
