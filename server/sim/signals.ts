import { Prng } from './prng.ts';
import { SKAB_FEATURES } from './skab.ts';

/**
 * Normal behaviour of each SKAB sensor, from anomaly-free.csv (signals.test.ts re-measures it):
 * mean, overall spread, and the part of the spread that is row-to-row noise. The rest is a slow
 * wander, modelled as AR(1).
 */
export const SKAB_NORMAL: Readonly<Record<string, { mean: number; sd: number; noise: number }>> = {
  Accelerometer1RMS: { mean: 0.2126, sd: 0.00474, noise: 0.00128 },
  Accelerometer2RMS: { mean: 0.2684, sd: 0.00399, noise: 0.00134 },
  Current: { mean: 2.403, sd: 0.486, noise: 0.468 },
  Pressure: { mean: 0.1113, sd: 0.253, noise: 0.239 },
  Temperature: { mean: 89.47, sd: 0.667, noise: 0.167 },
  Thermocouple: { mean: 28.47, sd: 0.731, noise: 0.00464 },
  Voltage: { mean: 228.65, sd: 11.0, noise: 10.9 },
  'Volume Flow RateRMS': { mean: 125.24, sd: 1.61, noise: 0.362 },
};

/**
 * Time constant (s) of the demo's wander. The recordings wander over tens of minutes; the demo
 * wanders over seconds so that a 5-minute drift window sees the whole normal range and drift stays
 * low (PSI ≈ 0.1 per feature) until the seasonal-drift scenario moves it.
 */
export const DEMO_WANDER_TAU = 10;

/** One asset's healthy sensors: every call to `next()` is one second of SKAB-shaped readings. */
export class SignalGenerator {
  readonly features: readonly string[] = SKAB_FEATURES;
  private readonly rng: Prng;
  private readonly slow: number[];
  private readonly params: { mean: number; noise: number; slowSd: number; phi: number; innovation: number }[];

  constructor(rng: Prng, tau = DEMO_WANDER_TAU) {
    this.rng = rng;
    const phi = Math.exp(-1 / tau);
    this.params = SKAB_FEATURES.map((f) => {
      const p = SKAB_NORMAL[f]!;
      const slowSd = Math.sqrt(Math.max(0, p.sd ** 2 - p.noise ** 2));
      return { mean: p.mean, noise: p.noise, slowSd, phi, innovation: slowSd * Math.sqrt(1 - phi ** 2) };
    });
    // Start the wander from its stationary distribution, so there is no warm-up transient.
    this.slow = this.params.map((p) => p.slowSd * rng.normal());
  }

  /** The next row, in SKAB_FEATURES order. */
  next(): number[] {
    return this.params.map((p, j) => {
      this.slow[j] = p.phi * this.slow[j]! + p.innovation * this.rng.normal();
      return p.mean + this.slow[j]! + p.noise * this.rng.normal();
    });
  }
}

/** `n` rows of healthy data from `segments` independent assets, to fit a demo model on. */
export function normalSample(rng: Prng, segments: number, rowsEach: number): number[][] {
  const rows: number[][] = [];
  for (let s = 0; s < segments; s++) {
    const g = new SignalGenerator(rng.fork(`fit-${s}`));
    for (let i = 0; i < rowsEach; i++) rows.push(g.next());
  }
  return rows;
}
