import type { ModelRef } from '../../src/protocol/inference.ts';

/** The demo plant's slug. */
export const DEMO_PLANT = 'demo';

/** One demo line: its slug, display name, the model its edge runs, and its assets (slug → display name). */
export interface DemoLine {
  line: string;
  title: string;
  model: ModelRef;
  /** Seed of the model's fit data: fixed, because a released model version does not change per run. */
  fitSeed: number;
  assets: Readonly<Record<string, string>>;
}

/** Line 1: six pumps watched by `pump-watch`; line 2: six presses watched by `press-watch`. */
export const DEMO_LINES: readonly DemoLine[] = [
  {
    line: 'line1',
    title: 'Line 1 · Pumps',
    model: { name: 'pump-watch', version: '1.4.2' },
    fitSeed: 142,
    assets: Object.fromEntries([1, 2, 3, 4, 5, 6].map((i) => [`p10${i}`, `Pump P-10${i}`])),
  },
  {
    line: 'line2',
    title: 'Line 2 · Presses',
    model: { name: 'press-watch', version: '2.0.1' },
    fitSeed: 201,
    assets: Object.fromEntries([1, 2, 3, 4, 5, 6].map((i) => [`pr20${i}`, `Press PR-20${i}`])),
  },
];
