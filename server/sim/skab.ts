import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';

/** The project root (two levels above server/sim), so data paths do not depend on the cwd. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Where the shared SKAB recordings live: `../shared/data/skab` next to the project (never copied in). */
export const SKAB_DIR = resolve(REPO_ROOT, '../shared/data/skab');

/** The normal-operation recording a detector is fitted on by default. */
export const SKAB_ANOMALY_FREE = join(SKAB_DIR, 'anomaly-free.csv');

/** The 16 valve1 runs, each with one labelled valve-closure episode. */
export const SKAB_VALVE1_RUNS = Array.from({ length: 16 }, (_, i) => join(SKAB_DIR, 'valve1', `${i}.csv`));

/** The eight SKAB sensors in file order, with their units as recorded (README of the data set). */
export const SKAB_UNITS: Readonly<Record<string, string>> = {
  Accelerometer1RMS: 'g',
  Accelerometer2RMS: 'g',
  Current: 'A',
  Pressure: 'bar',
  Temperature: '°C',
  Thermocouple: '°C',
  Voltage: 'V',
  'Volume Flow RateRMS': 'l/min',
};

/** SKAB feature names in file order. */
export const SKAB_FEATURES: readonly string[] = Object.keys(SKAB_UNITS);
