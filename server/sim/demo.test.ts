import { describe, expect, it } from 'vitest';
import { Catalogue } from '../../src/protocol/catalogue.ts';
import { InferenceResult } from '../../src/protocol/inference.ts';
import { demoCatalogue } from './demo-catalogue.ts';
import { DEMO_LINES } from './demo-config.ts';
import { DemoPlant, type DemoTick } from './demo.ts';
import { CYCLE_SECONDS } from './scenarios.ts';
import { SKAB_FEATURES } from './skab.ts';

const run = (seed: number, seconds: number, speed = 1): DemoTick[] => {
  const p = new DemoPlant({ seed, startMs: 1_700_000_000_000, speed });
  return Array.from({ length: seconds }, () => p.step());
};

/** First second at which an asset has scored ≥ threshold three times in a row (the engine's on-delay). */
function firstSustained(ticks: DemoTick[], asset: string, from = 0): number | undefined {
  let n = 0;
  for (const t of ticks.slice(from)) {
    const r = t.results.find((x) => x.asset === asset)!;
    n = r.score >= r.threshold ? n + 1 : 0;
    if (n === 3) return t.second;
  }
  return undefined;
}

describe('demo plant', () => {
  const ticks = run(1, CYCLE_SECONDS + 30);

  it('is deterministic for a seed and differs between seeds', () => {
    const again = run(1, 120);
    expect(again).toEqual(ticks.slice(0, 120));
    const other = run(2, 120);
    expect(other.map((t) => t.results.map((r) => r.score))).not.toEqual(ticks.slice(0, 120).map((t) => t.results.map((r) => r.score)));
  });

  it('publishes one valid result per asset per second, with attributions and drift', () => {
    for (const t of ticks.slice(0, 5)) {
      expect(t.results).toHaveLength(12);
      for (const r of t.results) {
        const parsed = InferenceResult.parse(r);
        expect(parsed.ts).toBe(t.ts);
        expect(parsed.attributions).toHaveLength(SKAB_FEATURES.length);
        expect(parsed.drift?.score).toBeGreaterThanOrEqual(0);
      }
    }
    const models = new Set(ticks[0]!.results.map((r) => `${r.line}:${r.model.name}@${r.model.version}`));
    expect(models).toEqual(new Set(['line1:pump-watch@1.4.2', 'line2:press-watch@2.0.1']));
  });

  it('raises its first alert within ~10 s of start, on the sensor-fault pump', () => {
    const first = Math.min(...ticks[0]!.results.map((r) => firstSustained(ticks, r.asset) ?? Infinity));
    expect(first).toBeLessThanOrEqual(12);
    expect(firstSustained(ticks, 'p102')).toBe(first);
  });

  it('logs the truth of every scenario it plays, in wall time', () => {
    const truths = ticks.flatMap((t) => t.truths).filter((t) => t.cycle === 0);
    const kinds = new Set(truths.map((t) => `${t.truth}:${t.asset}`));
    expect(kinds).toContain('sensor_fault:p102');
    expect(kinds).toContain('degradation:p103');
    expect(kinds).toContain('chattering:p105');
    expect(kinds).toContain('seasonal_drift:p104');
    expect(truths.filter((t) => t.truth === 'line_stop')).toHaveLength(12); // six presses, twice
    const degradation = truths.find((t) => t.truth === 'degradation')!;
    expect(degradation).toMatchObject({ plant: 'demo', line: 'line1', label: 'bearing_wear', priority: 'high' });
    expect(degradation.start).toBe(1_700_000_000_000 + 20_000);
    expect(degradation.end).toBe(1_700_000_000_000 + 200_000);
    // the script repeats
    expect(ticks.flatMap((t) => t.truths).some((t) => t.cycle === 1 && t.truth === 'seasonal_drift')).toBe(true);
  });

  it('plays each scenario as scripted: degradation labelled, line stop floods line 2, chattering hovers, drift rises quietly', () => {
    const at = (second: number, asset: string) => ticks[second]!.results.find((r) => r.asset === asset)!;
    // degradation crosses the threshold partway through, labelled by the model
    const wear = firstSustained(ticks, 'p103', 20)!;
    expect(wear).toBeGreaterThan(40);
    expect(wear).toBeLessThan(140);
    expect(at(wear, 'p103')).toMatchObject({ label: 'bearing_wear', priority: 'high' });
    // all six presses cross within a few seconds of the stop
    for (const press of Object.keys(DEMO_LINES[1]!.assets)) expect(firstSustained(ticks, press, 150)).toBeLessThan(160);
    // the borderline sensor crosses the threshold again and again
    let crossings = 0;
    for (let s = 61; s < 300; s++) if (at(s, 'p105').score >= at(s, 'p105').threshold && at(s - 1, 'p105').score < at(s - 1, 'p105').threshold) crossings++;
    expect(crossings).toBeGreaterThanOrEqual(6);
    // seasonal drift: never above threshold, drift well above the healthy pump's
    expect(ticks.every((t) => t.results.filter((r) => r.asset === 'p104' || r.asset === 'p101').every((r) => r.score < r.threshold))).toBe(true);
    expect(at(240, 'p104').drift!.score).toBeGreaterThan(3 * at(240, 'p101').drift!.score);
  });

  it('compresses time with --speed: scenario seconds map to wall time / speed', () => {
    const fast = run(1, 20, 10);
    expect(fast[10]!.ts - fast[0]!.ts).toBe(1000);
    expect(fast.map((t) => t.results.map((r) => r.score))).toEqual(ticks.slice(0, 20).map((t) => t.results.map((r) => r.score)));
  });
});

describe('demo catalogue', () => {
  it('is a valid catalogue covering every feature, asset, line and label the demo publishes', () => {
    expect(Catalogue.parse(demoCatalogue)).toEqual(demoCatalogue);
    expect(demoCatalogue.features.map((f) => f.feature)).toEqual(SKAB_FEATURES);
    expect(demoCatalogue.features.find((f) => f.feature === 'Volume Flow RateRMS')).toMatchObject({ displayName: 'Flow', unit: 'l/min' });
    expect(demoCatalogue.assets.p101).toBe('Pump P-101');
    expect(demoCatalogue.assets.pr206).toBe('Press PR-206');
    expect(demoCatalogue.lines).toEqual({ line1: 'Line 1 · Pumps', line2: 'Line 2 · Presses' });
    expect(demoCatalogue.labels.valve_closure).toBe('Valve closure suspected');
    for (const label of ['anomaly', 'bearing_wear']) {
      expect(demoCatalogue.labels[label]).toBeTruthy();
      expect(demoCatalogue.actions[label]).toBeTruthy();
    }
    for (const f of demoCatalogue.features) expect(f.normalLow!).toBeLessThan(f.normalHigh!);
  });
});
