import type { Priority } from '../../src/protocol/common.ts';
import type { Prng } from './prng.ts';
import { SKAB_FEATURES } from './skab.ts';

/** What really happened, as the demo logs it; tests compare it with what operators were shown. */
export type Truth = 'sensor_fault' | 'degradation' | 'chattering' | 'line_stop' | 'seasonal_drift';

/** One scripted event of the demo cycle. Times are scenario seconds from the start of a cycle. */
export interface Scenario {
  truth: Truth;
  assets: readonly string[];
  start: number;
  end: number;
  /** What the model predicts while this runs (a model that knows the pattern names it). */
  label: string;
  priority: Priority;
  /** Alters one second of an asset's healthy readings, in place; `t` = seconds since `start`. */
  apply(row: number[], t: number, rng: Prng, assetIndex: number): void;
}

/** Length of one demo cycle in scenario seconds; the script repeats after it. */
export const CYCLE_SECONDS = 360;

const at = (name: string): number => {
  const i = SKAB_FEATURES.indexOf(name);
  if (i < 0) throw new Error(`unknown feature ${name}`);
  return i;
};
const ACC1 = at('Accelerometer1RMS');
const ACC2 = at('Accelerometer2RMS');
const CURRENT = at('Current');
const PRESSURE = at('Pressure');
const TEMP = at('Temperature');
const THERMO = at('Thermocouple');
const FLOW = at('Volume Flow RateRMS');

const add = (row: number[], j: number, v: number): void => {
  row[j] = row[j]! + v;
};

/** A stopped press: no flow, no pressure, idle vibration, motor cooling down. */
function stopped(row: number[], t: number, rng: Prng, assetIndex: number): void {
  // Presses stop half a second apart, as a line does when the first station halts the rest.
  if (t < assetIndex * 0.5) return;
  row[FLOW] = Math.max(0, 0.3 * rng.normal());
  row[PRESSURE] = 0.02 * rng.normal();
  row[CURRENT] = 0.05 + 0.02 * rng.normal();
  row[ACC1] = 0.02 + 0.001 * rng.normal();
  row[ACC2] = 0.025 + 0.001 * rng.normal();
  add(row, TEMP, -30 * (1 - Math.exp(-t / 120)));
}

const PRESSES = ['pr201', 'pr202', 'pr203', 'pr204', 'pr205', 'pr206'];

/**
 * The demo script. The sensor fault comes first so a fresh demo shows an alert within ~10 s; the
 * line stop happens twice so line 2 passes 10 annunciations in 10 minutes (flood).
 */
export const SCENARIOS: readonly Scenario[] = [
  {
    // A loose accelerometer connector: wild readings for 10 s. The model cannot tell a sensor fault
    // from a machine fault, so it says `anomaly`; operators should answer "false alarm: sensor fault".
    truth: 'sensor_fault', assets: ['p102'], start: 6, end: 16, label: 'anomaly', priority: 'medium',
    apply(row, t, rng) {
      if (t < 3 || rng.next() < 0.6) add(row, ACC1, 0.5 + rng.next());
    },
  },
  {
    // Bearing wear: vibration, motor temperature and current creep up over three minutes, then the
    // bearing is replaced. Crosses the threshold about a third of the way in.
    truth: 'degradation', assets: ['p103'], start: 20, end: 200, label: 'bearing_wear', priority: 'high',
    apply(row, t) {
      const p = t / 180;
      add(row, ACC1, 0.06 * p);
      add(row, ACC2, 0.05 * p);
      add(row, TEMP, 3 * p);
      add(row, CURRENT, 0.5 * p);
    },
  },
  {
    // A fluid-temperature sensor with a bad contact, toggling between two readings every 13 s: the
    // score hovers around the threshold (above it about a third of the time) and a plain rule would
    // raise and clear it three times a minute.
    truth: 'chattering', assets: ['p105'], start: 60, end: 300, label: 'anomaly', priority: 'low',
    apply(row, t) {
      add(row, THERMO, Math.floor(t / 13) % 2 === 0 ? 8.5 : -2.5);
    },
  },
  {
    truth: 'line_stop', assets: PRESSES, start: 150, end: 190, label: 'anomaly', priority: 'medium', apply: stopped,
  },
  {
    truth: 'line_stop', assets: PRESSES, start: 270, end: 300, label: 'anomaly', priority: 'medium', apply: stopped,
  },
  {
    // Warm season: motor and fluid temperatures rise and fall over the cycle. Stays under the
    // threshold; only the drift figures show it.
    truth: 'seasonal_drift', assets: ['p104', 'p106'], start: 0, end: CYCLE_SECONDS, label: 'anomaly', priority: 'low',
    apply(row, t) {
      const s = Math.sin((Math.PI * t) / CYCLE_SECONDS);
      add(row, TEMP, 1.5 * s);
      add(row, THERMO, 1.2 * s);
    },
  },
];
