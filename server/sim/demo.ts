import type { Priority } from '../../src/protocol/common.ts';
import type { InferenceResultInput, ModelRef } from '../../src/protocol/inference.ts';
import { DEMO_LINES, DEMO_PLANT } from './demo-config.ts';
import { Detector, fitDetector, type DetectorModel } from './detector.ts';
import { Prng } from './prng.ts';
import { CYCLE_SECONDS, SCENARIOS, type Scenario, type Truth } from './scenarios.ts';
import { normalSample, SignalGenerator } from './signals.ts';
import { SKAB_FEATURES, SKAB_UNITS } from './skab.ts';

/** One scenario occurrence as logged: what really happened, where, and when (epoch ms). */
export interface TruthRecord {
  truth: Truth;
  plant: string;
  line: string;
  asset: string;
  label: string;
  priority: Priority;
  start: number;
  end: number;
  cycle: number;
}

/** One second of the demo plant: a result per asset, and the scenarios that start now. */
export interface DemoTick {
  second: number;
  ts: number;
  results: InferenceResultInput[];
  truths: TruthRecord[];
}

export interface DemoOptions {
  /** Seed of all randomness in the signals and scenarios. */
  seed: number;
  /** Wall time of scenario second 0. */
  startMs: number;
  /** Scenario seconds per wall second (2 = twice as fast). */
  speed: number;
  /** Makes ids unique per run (a restarted demo must not collide with ids the relay already took). */
  runId?: string;
}

/** After a scenario ends, its label stays until the asset has scored normal this many times in a row. */
const STICKY_RESULTS = 30;

/** Healthy seconds each edge has scored before the demo starts. */
const WARM_UP_SECONDS = 300;

interface AssetState {
  line: string;
  asset: string;
  index: number;
  model: ModelRef;
  detector: Detector;
  signals: SignalGenerator;
  rng: Prng;
  /** Label and priority of the last scenario, kept so its alert can return to normal under its own key. */
  sticky: { label: string; priority: Priority } | undefined;
  normalRun: number;
}

const fitted = new Map<number, DetectorModel>();

/** The model a demo line's edge runs: fitted once on healthy synthetic data from a fixed seed. */
export function demoModel(fitSeed: number): DetectorModel {
  let m = fitted.get(fitSeed);
  if (!m) {
    m = fitDetector(SKAB_FEATURES, normalSample(new Prng(fitSeed), 12, 1200), { units: SKAB_UNITS, driftMinRows: 60 });
    fitted.set(fitSeed, m);
  }
  return m;
}

/**
 * The demo plant as a pure, seeded state machine: `step()` advances one scenario second and
 * returns what the edges publish and which scenarios start. No clock, no I/O (demo-plant.ts adds them).
 */
export class DemoPlant {
  private second = 0;
  private readonly o: Required<DemoOptions>;
  private readonly assets: AssetState[] = [];

  constructor(options: DemoOptions) {
    if (!(options.speed > 0)) throw new Error('speed must be > 0');
    this.o = { runId: options.startMs.toString(36), ...options };
    const root = new Prng(options.seed);
    for (const l of DEMO_LINES) {
      const model = demoModel(l.fitSeed);
      Object.keys(l.assets).forEach((asset, index) => {
        const rng = root.fork(asset);
        const detector = new Detector(model);
        const signals = new SignalGenerator(rng.fork('signals'));
        // A real edge has been running before anyone looks: five healthy minutes fill the smoother and
        // the drift window, so the first results shown are neither cold-started nor missing drift.
        for (let i = 0; i < WARM_UP_SECONDS; i++) detector.score(signals.next());
        this.assets.push({ line: l.line, asset, index, model: l.model, detector, signals, rng: rng.fork('scenario'), sticky: undefined, normalRun: 0 });
      });
    }
  }

  /** Wall time of a scenario second. */
  wallTime(second: number): number {
    return Math.round(this.o.startMs + (second * 1000) / this.o.speed);
  }

  /** Advances one scenario second. */
  step(): DemoTick {
    const second = this.second++;
    const cycle = Math.floor(second / CYCLE_SECONDS);
    const inCycle = second % CYCLE_SECONDS;
    const cycleStart = cycle * CYCLE_SECONDS;
    const ts = this.wallTime(second);
    const truths: TruthRecord[] = [];
    const results: InferenceResultInput[] = [];
    for (const a of this.assets) {
      const row = a.signals.next();
      let active: Scenario | undefined;
      for (const s of SCENARIOS) {
        if (!s.assets.includes(a.asset) || inCycle < s.start || inCycle >= s.end) continue;
        s.apply(row, inCycle - s.start, a.rng, a.index);
        active = s;
        if (inCycle === s.start) {
          truths.push({
            truth: s.truth, plant: DEMO_PLANT, line: a.line, asset: a.asset, label: s.label, priority: s.priority,
            start: this.wallTime(cycleStart + s.start), end: this.wallTime(cycleStart + s.end), cycle,
          });
        }
      }
      const out = a.detector.score(row);
      if (active) {
        a.sticky = { label: active.label, priority: active.priority };
        a.normalRun = 0;
      } else if (a.sticky) {
        a.normalRun = out.score < out.threshold ? a.normalRun + 1 : 0;
        if (a.normalRun >= STICKY_RESULTS) a.sticky = undefined;
      }
      const r: InferenceResultInput = {
        id: `${a.asset}-${this.o.runId}-${second}`,
        ts,
        plant: DEMO_PLANT,
        line: a.line,
        asset: a.asset,
        model: a.model,
        score: out.score,
        threshold: out.threshold,
        label: a.sticky?.label ?? 'anomaly',
        priority: a.sticky?.priority ?? 'medium',
        baseValue: out.baseValue,
        attributions: out.attributions,
      };
      if (out.drift) r.drift = out.drift;
      results.push(r);
    }
    return { second, ts, results, truths };
  }
}
