import { describe, expect, it } from 'vitest';
import { applyChanges, applyConsole, applyReplay, fromSnapshot } from './merge-alerts.ts';
import { makeAlert, makeChange } from './testing/alert-fixture.ts';
import type { RoomState } from './room.ts';

const empty: RoomState = { plant: 'demo', line: 'line2', seq: 10, alerts: {}, consoles: [] };
const a = (id: string, count: number, state: 'unacknowledged' | 'acknowledged' | 'normal' = 'unacknowledged') =>
  makeAlert({ id, count, state, active: state !== 'normal' });

describe('applyChanges', () => {
  const cases: { name: string; changes: ReturnType<typeof makeChange>[]; seq: number; counts: Record<string, number> }[] = [
    { name: 'adds a new alert', changes: [makeChange(11, a('x', 1))], seq: 11, counts: { x: 1 } },
    { name: 'applies in sequence order even when received out of order',
      changes: [makeChange(13, a('x', 3)), makeChange(12, a('x', 2))], seq: 13, counts: { x: 3 } },
    { name: 'ignores a duplicate seq within a batch',
      changes: [makeChange(11, a('x', 1)), makeChange(11, a('x', 99))], seq: 11, counts: { x: 1 } },
    { name: 'ignores changes at or below the room seq', changes: [makeChange(10, a('x', 1)), makeChange(4, a('y', 1))], seq: 10, counts: {} },
    { name: 'removes an ended alert',
      changes: [makeChange(11, a('x', 1)), makeChange(12, a('x', 1, 'normal'))], seq: 12, counts: {} },
    { name: 'keeps other alerts when one ends',
      changes: [makeChange(11, a('x', 1)), makeChange(12, a('y', 5)), makeChange(13, a('x', 1, 'normal'))], seq: 13, counts: { y: 5 } },
    { name: 'an ended alert never seen is not added', changes: [makeChange(11, a('z', 1, 'normal'))], seq: 11, counts: {} },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const next = applyChanges(empty, c.changes);
      expect(next.seq).toBe(c.seq);
      expect(Object.fromEntries(Object.values(next.alerts).map((x) => [x.id, x.count]))).toEqual(c.counts);
    });
  }

  it('returns the same object when nothing applies (no render)', () => {
    expect(applyChanges(empty, [makeChange(3, a('x', 1))])).toBe(empty);
  });

  it('does not mutate its input', () => {
    const before = applyChanges(empty, [makeChange(11, a('x', 1))]);
    const copy = structuredClone(before);
    applyChanges(before, [makeChange(12, a('x', 1, 'normal'))]);
    expect(before).toEqual(copy);
  });
});

describe('snapshot and replay', () => {
  it('a snapshot drops ended alerts', () => {
    const s = fromSnapshot({ plant: 'demo', line: 'line2', seq: 7, alerts: [a('x', 1), a('y', 1, 'normal')], consoles: [] });
    expect(Object.keys(s.alerts)).toEqual(['x']);
    expect(s.seq).toBe(7);
  });

  it('a replay applies the missed changes and takes the relay seq and consoles', () => {
    const consoles = [{ plant: 'demo', line: 'line2', inFlood: true, annunciatedLast10Min: 12, digest: [] }];
    const s = applyReplay(empty, [makeChange(11, a('x', 1))], 20, consoles);
    expect(s.seq).toBe(20);
    expect(s.consoles).toEqual(consoles);
    expect(Object.keys(s.alerts)).toEqual(['x']);
  });

  it('a console state replaces the same line only', () => {
    const c1 = { plant: 'demo', line: 'line1', inFlood: false, annunciatedLast10Min: 0, digest: [] };
    const c2 = { plant: 'demo', line: 'line2', inFlood: false, annunciatedLast10Min: 1, digest: [] };
    const s = applyConsole(applyConsole(applyConsole(empty, c1), c2), { ...c2, inFlood: true });
    expect(s.consoles.map((c) => [c.line, c.inFlood])).toEqual([['line1', false], ['line2', true]]);
  });
});
