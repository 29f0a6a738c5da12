import { describe, expect, it } from 'vitest';
import { InferenceResult, type InferenceResultInput } from '../../src/protocol/inference.ts';
import { parseSkabCsv, readSkabCsv } from './csv.ts';
import { parseModelRef, replay, resultId, shiftTimes, type ReplayPlan } from './replay.ts';
import { SKAB_VALVE1_RUNS } from './skab.ts';

const csv = (rows: string[]): string => ['datetime;Current;Pressure;anomaly', ...rows].join('\n');
const small = parseSkabCsv(csv(Array.from({ length: 20 }, (_, i) => `2020-03-09 10:00:${String(i * 2).padStart(2, '0')};${1 + (i % 3) * 0.1};${i % 2};${i >= 15 ? 1 : 0}`)), 'data/valve1/7.csv');

class FakeClock {
  t = 1_700_000_000_000;
  slept: number[] = [];
  now = (): number => this.t;
  sleep = async (ms: number): Promise<void> => {
    this.slept.push(ms);
    this.t += ms;
  };
}

class Sink {
  results: InferenceResultInput[] = [];
  publish(r: InferenceResultInput): boolean {
    this.results.push(r);
    return true;
  }
  async room(): Promise<void> {}
}

const plan = (over: Partial<ReplayPlan> = {}): ReplayPlan => ({
  tables: [small], plant: 'lab', line: 'bed', asset: 'pump1', model: { name: 'ref', version: '1' }, fitRows: 10, speed: 0, ...over,
});

describe('replay', () => {
  it('shifts row times so the last row is now, keeping their spacing, files back to back', () => {
    const a = { times: [0, 1000, 3000] };
    const b = { times: [50_000, 51_000] };
    const [sa, sb] = shiftTimes([a, b], 1_000_000);
    expect(sb).toEqual([999_000, 1_000_000]);
    expect(sa).toEqual([995_000, 996_000, 998_000]); // ends 1 s before b starts
  });

  it('makes deterministic ids from asset, run folder, file and row', () => {
    expect(resultId('pump1', '../shared/data/skab/valve1/12.csv', 7)).toBe('pump1-valve1_12-7');
    expect(resultId('pump1', '/x/valve1/12.csv', 7)).toBe(resultId('pump1', '/y/valve1/12.csv', 7));
    expect(parseModelRef('valve-watch@1.4.2')).toEqual({ name: 'valve-watch', version: '1.4.2' });
    expect(() => parseModelRef('nover')).toThrow(/NAME@VERSION/);
  });

  it('publishes one valid result per row, timestamps shifted so the last row is now, as fast as possible at speed 0', async () => {
    const clock = new FakeClock();
    const sink = new Sink();
    const [summary] = await replay(plan(), sink, clock);
    expect(clock.slept).toEqual([]);
    expect(sink.results).toHaveLength(20);
    expect(summary).toMatchObject({ rows: 20 });
    const parsed = sink.results.map((r) => InferenceResult.parse(r));
    expect(parsed.at(-1)!.ts).toBe(clock.t);
    expect(parsed[1]!.ts - parsed[0]!.ts).toBe(2000);
    expect(parsed[0]).toMatchObject({ id: 'pump1-valve1_7-0', plant: 'lab', line: 'bed', asset: 'pump1', label: 'anomaly', baseValue: 0 });
    expect(parsed[0]!.meta).toEqual({ source: 'valve1/7.csv', row: 0, truth_anomaly: 0 });
    expect(parsed[19]!.meta!.truth_anomaly).toBe(1);
    // a rerun publishes the same ids: the relay takes them once
    const again = new Sink();
    await replay(plan(), again, new FakeClock());
    expect(again.results.map((r) => r.id)).toEqual(sink.results.map((r) => r.id));
  });

  it('paces rows by their spacing divided by speed', async () => {
    const clock = new FakeClock();
    await replay(plan({ speed: 4 }), new Sink(), clock);
    // 19 gaps of 2 s at 4× speed: 500 ms each, 9.5 s in all
    expect(clock.slept).toHaveLength(19);
    expect(clock.slept.every((ms) => ms === 500)).toBe(true);
  });

  it('needs fit data that matches the columns', async () => {
    const other = parseSkabCsv('datetime;Voltage\n2020-03-09 10:00:00;230\n', 'other.csv');
    await expect(replay(plan({ fitRows: undefined, fit: other }), new Sink(), new FakeClock())).rejects.toThrow(/columns differ/);
    await expect(replay(plan({ fitRows: 50 }), new Sink(), new FakeClock())).rejects.toThrow(/exceeds/);
  });

  it('scores a real valve1 run: results above threshold cluster inside the labelled episode', async () => {
    const sink = new Sink();
    const [summary] = await replay(plan({ tables: [readSkabCsv(SKAB_VALVE1_RUNS[3]!)], fitRows: 400 }), sink, new FakeClock());
    const above = sink.results.filter((r) => r.score >= r.threshold);
    expect(summary!.aboveThreshold).toBe(above.length);
    expect(above.length).toBeGreaterThan(300);
    expect(above.every((r) => r.meta!.truth_anomaly === 1)).toBe(true);
    expect(sink.results[0]!.attributions).toHaveLength(8);
  });
});
