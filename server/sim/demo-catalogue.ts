import { Catalogue } from '../../src/protocol/catalogue.ts';
import { DEMO_LINES, DEMO_PLANT } from './demo-config.ts';
import { SKAB_NORMAL } from './signals.ts';
import { SKAB_UNITS } from './skab.ts';

/** Plain names for the SKAB tags, as an operator on the demo plant would say them. */
const DISPLAY_NAMES: Readonly<Record<string, string>> = {
  Accelerometer1RMS: 'Vibration (drive end)',
  Accelerometer2RMS: 'Vibration (non-drive end)',
  Current: 'Motor current',
  Pressure: 'Pressure',
  Temperature: 'Motor temperature',
  Thermocouple: 'Fluid temperature',
  Voltage: 'Motor voltage',
  'Volume Flow RateRMS': 'Flow',
};

/** Rounds to 3 significant digits: a normal range is read by people, not compared to the last digit. */
const round = (x: number): number => Number(x.toPrecision(3));

/**
 * The demo plant's catalogue: display names, units and normal ranges (mean ± 3 σ of SKAB's
 * anomaly-free recording, which the demo signals follow), asset and line names, label titles and
 * suggested actions. Parsed through the wire schema so a mistake here fails at import, not in a browser.
 */
export const demoCatalogue: Catalogue = Catalogue.parse({
  plant: DEMO_PLANT,
  features: Object.entries(DISPLAY_NAMES).map(([feature, displayName]) => {
    const n = SKAB_NORMAL[feature]!;
    return { feature, displayName, unit: SKAB_UNITS[feature] ?? '', normalLow: round(n.mean - 3 * n.sd), normalHigh: round(n.mean + 3 * n.sd), mean: round(n.mean), sigma: round(n.sd) };
  }),
  assets: Object.assign({}, ...DEMO_LINES.map((l) => l.assets)),
  lines: Object.fromEntries(DEMO_LINES.map((l) => [l.line, l.title])),
  labels: {
    anomaly: 'Unusual behaviour',
    bearing_wear: 'Bearing wear suspected',
    valve_closure: 'Valve closure suspected',
    sensor_fault: 'Sensor fault suspected',
    line_stop: 'Line stopped',
  },
  actions: {
    anomaly: 'Look at the top features. If one reading is implausible (a jump no machine makes), answer "False alarm · sensor fault" and call instrumentation.',
    bearing_wear: 'Listen to and feel the bearing housing; check lubrication. Plan a bearing change at the next stop and tell maintenance.',
    valve_closure: 'Check the outlet valve position and the line downstream for a blockage before restarting flow.',
    sensor_fault: 'Check the sensor cable and connector; the machine itself may be fine.',
    line_stop: 'Confirm the stop is planned; if not, find the first station that stopped.',
  },
});
