import { describe, expect, it } from 'vitest';
import type { AlertChangeKind } from '../../src/protocol/alert.ts';
import type { Priority } from '../../src/protocol/common.ts';
import { DEFAULT_POLICY } from '../../src/protocol/policy.ts';
import { AlarmEngine } from './engine.ts';
import { alarmLoad, type ChangeLike, floodTime, maxInWindow } from './kpi.ts';
import { MIN, res, SEC, T0 } from './testkit.ts';
import type { EngineEvent } from './types.ts';

const H = 60 * MIN;
const change = (kind: AlertChangeKind, at: number, o: Partial<ChangeLike['alert']> = {}): ChangeLike => ({
  kind, at,
  alert: { id: `${o.key ?? 'k1'}#1`, key: 'k1', plant: 'p', line: 'l', priority: 'low' as Priority, active: true, chattering: false, annunciatedAt: at, ...o },
});

describe('maxInWindow (sliding)', () => {
  it.each([
    { times: [], max: 0 },
    { times: [0], max: 1 },
    { times: [0, 1, 2], max: 3 },
    { times: [0, 10 * MIN - 1, 10 * MIN], max: 2 },
    { times: [0, 5 * MIN, 9 * MIN, 14 * MIN, 15 * MIN], max: 3 },
    { times: [0, 5 * MIN, 9 * MIN, 14 * MIN, 15 * MIN - 1], max: 4 },
  ])('$times → $max', ({ times, max }) => expect(maxInWindow(times, 10 * MIN)).toBe(max));
});

describe('floodTime (the engine’s flood rule replayed)', () => {
  const lim = { floodEnter: 2, floodLeave: 2, floodWindowMs: 10 * MIN };
  it.each([
    { name: 'never more than enter', times: [0, MIN], flood: 0 },
    // 3 at 0,1,2 min → enter at 2 min; leave when fewer than 2 remain: the 2nd oldest (1 min) leaves at 11 min
    { name: 'enter on the third, leave when the second leaves', times: [0, MIN, 2 * MIN], flood: 9 * MIN },
    { name: 'clipped to the range', times: [0, MIN, 2 * MIN], flood: 3 * MIN, from: 8 * MIN },
  ])('$name', ({ times, flood, from = 0 }) => expect(floodTime(times, lim, from, H)).toBe(flood));
});

describe('alarmLoad', () => {
  const range = { from: T0, to: T0 + H };
  const changes: ChangeLike[] = [
    change('annunciated', T0 + 1 * MIN, { key: 'a', priority: 'low' }),
    change('acknowledged', T0 + 3 * MIN, { key: 'a', priority: 'low', annunciatedAt: T0 + MIN }),
    change('annunciated', T0 + 2 * MIN, { key: 'a', priority: 'low' }),
    change('annunciated', T0 + 15 * MIN, { key: 'b', priority: 'medium', chattering: true }),
    change('acknowledged', T0 + 20 * MIN, { key: 'b', annunciatedAt: T0 + 15 * MIN }),
    change('annunciated', T0 + 59 * MIN, { key: 'c', priority: 'high' }),
    change('annunciated', T0 + H, { key: 'c', priority: 'critical' }), // outside [from, to)
    change('raised', T0 - 30 * H, { key: 'old', id: 'old#1' }),
    change('updated', T0 + 5 * MIN, { key: 'old', id: 'old#1' }),
  ];
  const crossings = [T0, T0 + MIN, T0 + 2 * MIN, T0 + 2 * H].map((at) => ({ at, plant: 'p', line: 'l', key: 'a' }));
  const load = alarmLoad(changes, crossings, range, DEFAULT_POLICY);

  it.each([
    ['annunciations', load.annunciations, 4],
    ['buckets per 10 min', load.per10Min.map((b) => b.count), [2, 1, 0, 0, 0, 1]],
    ['buckets per hour', load.perHour.map((b) => b.count), [4]],
    ['max in any 10 min', load.max10Min, 2],
    ['% time in flood', load.floodPct, 0],
    ['top keys', load.top.map((t) => [t.key, t.count, t.share]), [['a', 2, 0.5], ['b', 1, 0.25], ['c', 1, 0.25]]],
    ['top-10 share', load.top10Share, 1],
    ['chattering alerts', load.chattering, 1],
    ['stale alerts (active > 24 h)', load.stale, 1],
    ['priority counts', Object.values(load.priorities).map((p) => p.count), [2, 1, 1, 0]],
    ['mean time to acknowledge', load.meanTimeToAckMs, (2 * MIN + 5 * MIN) / 2],
    ['naive crossings', load.naiveCrossings, 3],
  ])('%s', (_name, got, want) => expect(got).toEqual(want));

  it('flood time from events equals the engine’s own flood interval', () => {
    const e = new AlarmEngine();
    const ev: EngineEvent[] = [];
    for (let i = 0; i < 14; i++) for (let j = 0; j < 3; j++) ev.push(...e.ingest(res(0.9, T0 + i * 20 * SEC, { asset: `a${i}` })));
    ev.push(...e.tick(T0 + 2 * H));
    const floods = ev.filter((x): x is Extract<EngineEvent, { type: 'console' }> => x.type === 'console' && x.console.digest.length === 0);
    const enter = floods.find((x) => x.console.inFlood)!.at;
    const leave = floods.find((x) => !x.console.inFlood)!.at;
    const changes = ev.filter((x): x is Extract<EngineEvent, { type: 'alert' }> => x.type === 'alert');
    const l = alarmLoad(changes, [], { from: T0, to: T0 + H }, DEFAULT_POLICY);
    expect(l.consoles[0]!.floodMs).toBe(leave - enter);
    expect(l.floodPct).toBeCloseTo((100 * (leave - enter)) / H, 9);
  });
});
