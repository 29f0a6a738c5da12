import { describe, expect, it } from 'vitest';
import { AlarmEngine } from './engine.ts';
import { alertEvents, kinds, MIN, res, SEC, series, T0 } from './testkit.ts';
import type { EngineEvent } from './types.ts';

const ignored = (ev: EngineEvent[]) => ev.filter((x) => x.type === 'ignored');

describe('late results (older than the newest result applied to their key)', () => {
  it('results stamped before an alert was raised, arriving after it, do not return it to normal', () => {
    const e = new AlarmEngine();
    const raised = series([0.9, 0.9, 0.9], T0).flatMap((r) => e.ingest(r));
    expect(kinds(raised)).toEqual(['raised', 'annunciated']);
    // 20 normal results from 10 minutes earlier, one a second: in order they would pass the 10 s off-delay.
    const late = series(Array(20).fill(0.1), T0 - 10 * MIN).flatMap((r) => e.ingest(r));
    expect(alertEvents(late)).toEqual([]);
    expect(late.every((x) => x.type === 'ignored')).toBe(true);
    expect(ignored(late)).toHaveLength(20);
    expect(ignored(late)[0]).toMatchObject({ reason: 'late', plant: 'p', line: 'l', key: 'p/l/a/m/anomaly', ts: T0 - 10 * MIN, newestTs: T0 + 2 * SEC });
    expect(e.alerts()[0]).toMatchObject({ active: true, state: 'unacknowledged', count: 3 });
    // Newer results still decide: normal ones from now on return it after the off-delay.
    const after = series(Array(12).fill(0.1), T0 + 3 * SEC).flatMap((r) => e.ingest(r));
    expect(kinds(after)).toEqual(['returned']);
  });

  it('late abnormal results neither raise an idle key nor count towards its on-delay', () => {
    const e = new AlarmEngine();
    e.ingestMany(series([0.1, 0.1], T0));
    const late = series([0.9, 0.9, 0.9, 0.9], T0 - MIN).flatMap((r) => e.ingest(r));
    expect(late.map((x) => x.type)).toEqual(['ignored', 'ignored', 'ignored', 'ignored']);
    // Two in-order results above threshold: with the late ones counted they would have raised.
    expect(kinds(series([0.9, 0.9], T0 + 2 * SEC).flatMap((r) => e.ingest(r)))).toEqual([]);
    expect(e.alerts()).toEqual([]);
  });

  it('a result with the same time as the newest one is applied, and other keys are judged on their own results', () => {
    const e = new AlarmEngine();
    e.ingestMany(series([0.9, 0.9], T0));
    expect(kinds(e.ingest(res(0.9, T0 + SEC)))).toEqual(['raised', 'annunciated']);
    // Another asset's results are older than this line's clock but not than their own key's newest: applied.
    const other = series([0.9, 0.9, 0.9], T0 - 30 * SEC, SEC, { asset: 'b' }).flatMap((r) => e.ingest(r));
    expect(kinds(other)).toEqual(['raised', 'annunciated']);
    expect(ignored(other)).toEqual([]);
  });

  it('the newest time per key survives a snapshot, idle keys included', () => {
    const e = new AlarmEngine();
    e.ingestMany([...series([0.9, 0.9, 0.9], T0), ...series([0.1], T0 + 5 * SEC, SEC, { asset: 'idle' })]);
    const restored = new AlarmEngine({ snapshot: JSON.parse(JSON.stringify(e.toSnapshot())) });
    const late = [...series(Array(20).fill(0.1), T0 - 10 * MIN), ...series([0.9, 0.9, 0.9], T0 - MIN, SEC, { asset: 'idle' })];
    const ev = late.flatMap((r) => restored.ingest(r));
    expect(ev.map((x) => x.type)).toEqual(Array(23).fill('ignored'));
    expect(restored.alerts().map((a) => [a.asset, a.active])).toEqual([['a', true]]);
  });
});
