import { describe, expect, it } from 'vitest';
import type { Priority } from '../../src/protocol/common.ts';
import { AlarmEngine } from './engine.ts';
import { actor, alertEvents, book, cmd, kinds, MIN, res, SEC, T0 } from './testkit.ts';
import type { EngineEvent } from './types.ts';

/** One raise/return cycle of a key starting at `t`: raise at t + 2 s, returns at t + 13 s. */
const cycle = (e: AlarmEngine, t: number, over = {}): EngineEvent[] => [
  ...[0, 1, 2].flatMap((i) => e.ingest(res(0.9, t + i * SEC, over))),
  ...e.ingest(res(0.1, t + 3 * SEC, over)),
  ...e.ingest(res(0.1, t + 13 * SEC, over)),
];

describe('chattering', () => {
  it('≥ 3 raises in 60 s: one alert with a counter, held back until stable for the release time', () => {
    const e = new AlarmEngine();
    const ev = [0, 14, 28, 42].flatMap((s) => cycle(e, T0 + s * SEC));
    expect(alertEvents(ev).map((x) => `${x.kind}:${x.reason ?? ''}`)).toEqual([
      'raised:', 'annunciated:', 'returned:',
      'reopened:raised again before it was acknowledged', 'annunciated:', 'returned:',
      'reopened:raised again before it was acknowledged', 'suppressed:chattering', 'cleared:returned to normal while chattering',
      'reopened:raised again within the re-alarm window', 'suppressed:chattering', 'cleared:returned to normal while chattering',
    ]);
    expect(new Set(alertEvents(ev).map((x) => x.alert.id)).size).toBe(1);
    expect(alertEvents(ev).at(-1)!.alert).toMatchObject({ chattering: true, count: 12, annunciations: 2 });
    // still raising at 10 min after the last raise? no: stable → released (tick after the late allowance)
    const lastRaise = T0 + 44 * SEC;
    expect(kinds(e.tick(lastRaise + 10 * MIN))).toEqual([]);
    e.tick(lastRaise + 10 * MIN + 3 * SEC);
    expect(e.alert('p/l/a/m/anomaly#1')!.chattering).toBe(false);
  });

  it('an active chattering alert annunciates when released', () => {
    const e = new AlarmEngine();
    [0, 14].forEach((s) => cycle(e, T0 + s * SEC));
    [0, 1, 2].forEach((i) => e.ingest(res(0.9, T0 + (28 + i) * SEC))); // third raise, stays active
    expect(e.alerts()[0]).toMatchObject({ chattering: true, suppression: 'chattering' });
    const ev = e.ingest(res(0.9, T0 + 30 * SEC + 10 * MIN));
    expect(alertEvents(ev).map((x) => `${x.kind}:${x.reason ?? ''}`)).toEqual(['released:chattering: stable for the release time', 'annunciated:', 'updated:']);
  });

  it('a critical alert is never held back by chattering', () => {
    const e = new AlarmEngine();
    const ev = [0, 14, 28].flatMap((s) => cycle(e, T0 + s * SEC, { priority: 'critical' }));
    expect(kinds(ev).filter((k) => k === 'annunciated')).toHaveLength(3);
    expect(alertEvents(ev).at(-1)!.alert.chattering).toBe(true);
  });
});

describe('flood (per console = line)', () => {
  const raiseOn = (e: AlarmEngine, asset: string, t: number, priority?: Priority) =>
    [0, 1, 2].flatMap(() => e.ingest(res(0.9, t, { asset, ...(priority ? { priority } : {}) })));

  it('enters above 10 in 10 min, digests low/medium, annunciates high one by one, leaves below 5', () => {
    const e = new AlarmEngine();
    const ev = Array.from({ length: 11 }, (_, i) => raiseOn(e, `a${i}`, T0 + i * SEC)).flat();
    const consoles = ev.filter((x) => x.type === 'console');
    expect(consoles).toHaveLength(1);
    expect(consoles[0]).toMatchObject({ at: T0 + 10 * SEC, console: { inFlood: true, annunciatedLast10Min: 11, digest: [] } });

    const med = raiseOn(e, 'a11', T0 + 11 * SEC);
    expect(kinds(med)).toEqual(['raised', 'suppressed']);
    expect(alertEvents(med)[0]!.alert.suppression).toBe('flood');
    expect(e.consoles()[0]!.digest).toEqual(['p/l/a11/m/anomaly#1']);

    const high = raiseOn(e, 'a12', T0 + 12 * SEC, 'high');
    expect(kinds(high)).toEqual(['raised', 'annunciated']);
    const crit = raiseOn(e, 'a13', T0 + 13 * SEC, 'critical');
    expect(kinds(crit)).toEqual(['raised', 'annunciated']);

    // 13 annunciations at T0+0..10, 12, 13 s: fewer than 5 remain once the 9th oldest (T0+8 s) leaves.
    const leave = e.tick(T0 + 8 * SEC + 10 * MIN + 3 * SEC).filter((x) => x.type !== 'asset');
    expect(leave.map((x) => (x.type === 'alert' ? `${x.kind}:${x.reason}` : x.type))).toEqual(['released:flood ended', 'console']);
    expect(leave.at(-1)).toMatchObject({ at: T0 + 8 * SEC + 10 * MIN, console: { inFlood: false, digest: [] } });
  });

  it('a digested alert that ends leaves the digest', () => {
    const e = new AlarmEngine();
    Array.from({ length: 11 }, (_, i) => raiseOn(e, `a${i}`, T0 + i * SEC));
    raiseOn(e, 'x', T0 + 11 * SEC);
    e.ingest(res(0.1, T0 + 12 * SEC, { asset: 'x' }));
    const ev = e.ingest(res(0.1, T0 + 22 * SEC, { asset: 'x' }));
    expect(ev.map((x) => x.type === 'console' ? 'console' : x.type === 'alert' ? x.kind : x.type)).toEqual(['console', 'cleared']);
    expect(e.consoles()[0]!.digest).toEqual([]);
  });
});

describe('grouping', () => {
  it('alerts on one asset within 60 s share a group; later ones start a new group', () => {
    const e = new AlarmEngine();
    [0, 1, 2].forEach((i) => e.ingest(res(0.9, T0 + i * SEC, { label: 'a' })));
    [0, 1, 2].forEach((i) => e.ingest(res(0.9, T0 + 30 * SEC + i * SEC, { label: 'b' })));
    [0, 1, 2].forEach((i) => e.ingest(res(0.9, T0 + 90 * SEC + i * SEC, { label: 'c' })));
    expect(e.alerts().map((a) => [a.label, a.groupId])).toEqual([
      ['a', 'p/l/a/m/a#1'],
      ['b', 'p/l/a/m/a#1'],
      ['c', 'p/l/a/m/c#1'],
    ]);
  });

  it('raises on 3 assets of a line within 30 s form a line event led by the first', () => {
    const e = new AlarmEngine();
    const raise = (asset: string, t: number) => [0, 1, 2].flatMap(() => e.ingest(res(0.9, t, { asset })));
    raise('x', T0);
    raise('y', T0 + 10 * SEC);
    const third = raise('z', T0 + 20 * SEC);
    const fourth = raise('w', T0 + 25 * SEC);
    const lead = 'p/l/x/m/anomaly#1';
    expect(alertEvents(third).map((x) => [x.kind, x.alert.asset, x.alert.lineEventId])).toEqual([
      ['raised', 'z', lead], ['annunciated', 'z', lead], ['updated', 'x', lead], ['updated', 'y', lead],
    ]);
    expect(alertEvents(fourth)[0]!.alert.lineEventId).toBe(lead);
    const late = raise('v', T0 + 40 * SEC);
    expect(alertEvents(late)[0]!.alert.lineEventId).toBeNull();
  });
});

describe('trust from feedback', () => {
  const answerCycles = (e: AlarmEngine, answers: ('real' | 'false_alarm' | 'not_sure')[], over = {}) =>
    answers.forEach((answer, i) => {
      cycle(e, T0 + i * 20 * MIN, over);
      const id = `p/l/a/m/anomaly#${i + 1}`;
      e.command(cmd('acknowledge', { alertId: id }), actor('operator'), T0 + i * 20 * MIN + 14 * SEC);
      expect(e.command(cmd('feedback', { alertId: id, answer, reasons: [] }), actor('operator'), T0 + i * 20 * MIN + 14 * SEC).ok).toBe(true);
    });

  it.each([
    { answers: ['false_alarm', 'false_alarm', 'false_alarm', 'false_alarm'], precision: null, demoted: false },
    { answers: ['false_alarm', 'false_alarm', 'false_alarm', 'false_alarm', 'false_alarm'], precision: 0, demoted: true },
    { answers: ['real', 'false_alarm', 'false_alarm', 'false_alarm', 'false_alarm'], precision: 0.2, demoted: false },
    { answers: ['not_sure', 'false_alarm', 'false_alarm', 'false_alarm', 'false_alarm'], precision: null, demoted: false },
  ] as const)('$answers → precision $precision, demoted $demoted', ({ answers, precision, demoted }) => {
    const e = new AlarmEngine();
    answerCycles(e, [...answers]);
    const ev = cycle(e, T0 + 10 * 20 * MIN).slice(0, 4);
    const a = alertEvents(ev)[0]!.alert;
    expect(a.trust).toMatchObject({ precision, demoted, reviewSuggested: demoted });
    expect(a.priority).toBe(demoted ? 'low' : 'medium');
    expect(a.suggestedPriority).toBe('medium');
  });

  it('a demoted low alert is held back with reason demoted; critical is never demoted', () => {
    const e = new AlarmEngine({ policy: book({ defaultPriority: 'low' }) });
    answerCycles(e, ['false_alarm', 'false_alarm', 'false_alarm', 'false_alarm', 'false_alarm']);
    expect(alertEvents(cycle(e, T0 + 10 * 20 * MIN)).map((x) => `${x.kind}:${x.reason ?? ''}`).slice(0, 2)).toEqual(['raised:', 'suppressed:demoted']);
    const crit = alertEvents(cycle(e, T0 + 11 * 20 * MIN, { priority: 'critical' }));
    expect(crit[1]!.kind).toBe('annunciated');
    expect(crit[0]!.alert).toMatchObject({ priority: 'critical', trust: { demoted: false, reviewSuggested: true } });
  });

  it('a changed answer replaces the earlier one (counts never double, never negative)', () => {
    const e = new AlarmEngine();
    cycle(e, T0);
    const id = 'p/l/a/m/anomaly#1';
    for (const answer of ['false_alarm', 'real', 'real', 'not_sure'] as const) e.command(cmd('feedback', { alertId: id, answer, reasons: [] }), actor('operator'), T0 + MIN);
    expect(e.alert(id)!.trust).toMatchObject({ confirmed: 0, falseAlarm: 0, unsure: 1 });
    expect(e.command(cmd('feedback', { alertId: 'p/l/a/m/anomaly#2', answer: 'real', reasons: [] }), actor('operator'), T0)).toEqual({ ok: false, code: 'not_found', reason: 'no alert p/l/a/m/anomaly#2' });
    expect(e.command(cmd('feedback', { alertId: id, answer: 'real', reasons: [] }), actor('viewer'), T0)).toEqual({ ok: false, code: 'forbidden', reason: 'a viewer may not answer alerts' });
  });
});

describe('policy changes', () => {
  it('are events, and suppression by design applies to current alerts at once', () => {
    const e = new AlarmEngine();
    cycle(e, T0).slice(0, 0);
    [0, 1, 2].forEach((i) => e.ingest(res(0.9, T0 + MIN + i * SEC)));
    const ev = e.setPolicy(book({}, { p: { policy: {}, lines: {}, models: { m: { suppressedByDesign: true } } } }), T0 + 2 * MIN, 'eng');
    expect(ev.map((x) => (x.type === 'alert' ? `${x.kind}:${x.alert.state}` : x.type))).toEqual(['policy', 'suppressed:suppressed_by_design']);
    const back = e.setPolicy(book(), T0 + 3 * MIN);
    expect(back.map((x) => (x.type === 'alert' ? `${x.kind}:${x.alert.state}` : x.type))).toEqual(['policy', 'released:unacknowledged', 'annunciated:unacknowledged']);
  });
});
