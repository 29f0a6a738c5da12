import { describe, expect, it } from 'vitest';
import type { AlarmLoadReport } from '../../protocol/kpi.ts';
import { formatMtta, loadFigures } from './load-figures.ts';

const HOUR = 3_600_000;
function report(over: Partial<AlarmLoadReport>): AlarmLoadReport {
  return {
    plant: 'p', line: null, range: { from: 0, to: HOUR }, consoleCount: 1, annunciations: 0, per10Min: [], perHour: [], max10Min: 0, floodPct: 0,
    consoles: [], top: [], top10Share: 0, chattering: 0, stale: 0, priorities: {}, meanTimeToAckMs: null, acknowledged: 0, naiveCrossings: 0,
    heldBack: { naiveCrossings: 0, annunciations: 0, raised: 0, reasons: [], keys: [] }, ...over,
  } as AlarmLoadReport;
}
const judge = (r: AlarmLoadReport) => Object.fromEntries(loadFigures(r).map((f) => [f.id, f.judgement]));

describe('alarm load against the ISA-18.2 targets', () => {
  it('judges a calm hour within target', () => {
    expect(Object.values(judge(report({ annunciations: 5, max10Min: 2 })))).toEqual(Array(8).fill('ok'));
  });

  it('marks above "acceptable" and over "maximum" separately, per console', () => {
    expect(judge(report({ annunciations: 9 }))).toMatchObject({ per10: 'watch', perHour: 'watch' });
    expect(judge(report({ annunciations: 11 }))).toMatchObject({ per10: 'watch', perHour: 'watch' });
    expect(judge(report({ annunciations: 13 }))).toMatchObject({ per10: 'over', perHour: 'over' });
    expect(judge(report({ annunciations: 13, consoleCount: 2 }))).toMatchObject({ perHour: 'watch' });
    expect(judge(report({ max10Min: 11, floodPct: 1.5, chattering: 1, stale: 2 }))).toMatchObject({ max10: 'over', flood: 'over', chattering: 'over', stale: 'over' });
  });

  it('judges the top-10 share only once there is enough load', () => {
    expect(judge(report({ annunciations: 5, top10Share: 1 })).top10).toBe('ok');
    expect(judge(report({ annunciations: 150, top10Share: 0.3 })).top10).toBe('ok');
    expect(judge(report({ annunciations: 400, top10Share: 0.3 })).top10).toBe('over');
  });

  it('writes the mean time to acknowledge for people', () => {
    expect(formatMtta(null)).toBe('—');
    expect(formatMtta(42_000)).toBe('42 s');
    expect(formatMtta(133_000)).toBe('2 min 13 s');
    expect(formatMtta(2 * HOUR + 5 * 60_000)).toBe('2 h 5 min');
  });
});
