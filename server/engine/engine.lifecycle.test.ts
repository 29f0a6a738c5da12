import { describe, expect, it } from 'vitest';
import { AlarmEngine } from './engine.ts';
import { actor, alertEvents, cmd, kinds, MIN, res, SEC, series, T0 } from './testkit.ts';
import type { EngineEvent } from './types.ts';

const feed = (e: AlarmEngine, scores: number[], start = T0, step = SEC) => series(scores, start, step).flatMap((r) => e.ingest(r));

describe('condition: on-delay, deadband, off-delay', () => {
  it.each([
    { name: 'two results above do not raise', scores: [0.9, 0.9], raised: false },
    { name: 'three consecutive results raise', scores: [0.9, 0.9, 0.9], raised: true },
    { name: 'a dip below threshold restarts the on-delay', scores: [0.9, 0.9, 0.79, 0.9, 0.9], raised: false },
    { name: 'score equal to threshold counts as abnormal', scores: [0.8, 0.8, 0.8], raised: true },
    { name: 'three after a reset raise', scores: [0.9, 0.1, 0.9, 0.9, 0.9], raised: true },
  ])('$name', ({ scores, raised }) => {
    const ev = feed(new AlarmEngine(), scores);
    expect(kinds(ev).includes('raised')).toBe(raised);
  });

  it.each([
    { name: 'inside the deadband does not start the off-delay', tail: [0.77, 0.77, 0.77], at: 40 * SEC, returned: false },
    { name: 'below the deadband for 10 s returns', tail: [0.5], at: 40 * SEC, returned: true },
    { name: 'below for less than 10 s does not return yet', tail: [0.5, 0.5], at: 8 * SEC, returned: false },
    { name: 'back above resets the off-delay', tail: [0.5, 0.5, 0.9], at: 11 * SEC, returned: false },
  ])('$name', ({ tail, at, returned }) => {
    const e = new AlarmEngine();
    const ev = feed(e, [0.9, 0.9, 0.9, ...tail]);
    // A result at T0 + 3 s + at: its time passes the deadline only when it is due.
    ev.push(...e.ingest(res(0.775, T0 + 3 * SEC + at)));
    expect(kinds(ev).includes('returned')).toBe(returned);
  });

  it('the off-delay completes at its deadline when results stop (tick after the late allowance)', () => {
    const e = new AlarmEngine();
    feed(e, [0.9, 0.9, 0.9, 0.5]); // below since T0 + 3 s → deadline T0 + 13 s
    expect(kinds(e.tick(T0 + 14 * SEC))).toEqual([]); // still within the 2 s late allowance
    const ev = e.tick(T0 + 16 * SEC);
    expect(alertEvents(ev).map((x) => [x.kind, x.at])).toEqual([['returned', T0 + 13 * SEC]]);
  });

  it('emits a naive crossing for every result ≥ threshold (what a stateless rule would notify)', () => {
    const ev = feed(new AlarmEngine(), [0.9, 0.1, 0.9, 0.95, 0.1, 0.1, 0.85]);
    expect(ev.filter((x) => x.type === 'crossing').map((x) => x.at)).toEqual([T0, T0 + 2 * SEC, T0 + 3 * SEC, T0 + 6 * SEC]);
  });
});

describe('one alert per key', () => {
  it('updates count, last and peak (with its attributions) and keeps one id', () => {
    const e = new AlarmEngine();
    const attributions = [{ feature: 'flow', value: 18, contribution: -0.4 }];
    const rs = [res(0.9, T0), res(0.95, T0 + SEC, { attributions }), res(0.85, T0 + 2 * SEC), res(0.9, T0 + 3 * SEC)];
    const ev = rs.flatMap((r) => e.ingest(r));
    const a = e.alerts()[0]!;
    expect(new Set(alertEvents(ev).map((x) => x.alert.id))).toEqual(new Set([a.id]));
    expect(a.id).toBe('p/l/a/m/anomaly#1');
    expect(a.key).toBe('p/l/a/m/anomaly');
    expect(a.count).toBe(4);
    expect(a.peak.score).toBe(0.95);
    expect(a.peak.attributions).toEqual(attributions);
    expect(a.last.score).toBe(0.9);
    expect(kinds(ev)).toEqual(['raised', 'annunciated', 'updated']);
  });

  it('model version is not part of the key; label is', () => {
    const e = new AlarmEngine();
    const base = { model: { name: 'm', version: '1' } };
    [0, 1, 2].forEach((i) => e.ingest(res(0.9, T0 + i * SEC, i === 2 ? { model: { name: 'm', version: '2' } } : base)));
    [0, 1, 2].forEach((i) => e.ingest(res(0.9, T0 + i * SEC, { label: 'valve_closure' })));
    expect(e.alerts().map((a) => [a.id, a.model.version])).toEqual([
      ['p/l/a/m/anomaly#1', '2'],
      ['p/l/a/m/valve_closure#1', '1'],
    ]);
  });

  it.each([
    { name: 'within the re-alarm window it reopens', gap: 5 * MIN, kind: 'reopened', id: '#1' },
    { name: 'after the re-alarm window it is new', gap: 11 * MIN, kind: 'raised', id: '#2' },
  ])('$name', ({ gap, kind, id }) => {
    const e = new AlarmEngine();
    feed(e, [0.9, 0.9, 0.9]);
    const a = e.alerts()[0]!;
    e.command(cmd('acknowledge', { alertId: a.id }), actor('operator'), T0 + 4 * SEC);
    feed(e, [0.1], T0 + 4 * SEC);
    const cleared = e.ingest(res(0.1, T0 + 20 * SEC)); // passes the off-delay deadline
    expect(kinds(cleared)).toEqual(['cleared']);
    const ev = feed(e, [0.9, 0.9, 0.9], T0 + 14 * SEC + gap);
    expect(kinds(ev)[0]).toBe(kind);
    expect(alertEvents(ev)[0]!.alert.id.endsWith(id)).toBe(true);
  });
});

describe('ISA-18.2 acknowledge / return / clear', () => {
  const raiseThenReturn = (e: AlarmEngine): EngineEvent[] => [...feed(e, [0.9, 0.9, 0.9, 0.1]), ...e.ingest(res(0.1, T0 + 20 * SEC))];

  it('unacknowledged → returned_unacknowledged → acknowledge ends it (cleared)', () => {
    const e = new AlarmEngine();
    const ev = raiseThenReturn(e);
    expect(alertEvents(ev).map((x) => x.alert.state)).toEqual(['unacknowledged', 'unacknowledged', 'returned_unacknowledged']);
    const id = e.alerts()[0]!.id;
    const out = e.command(cmd('acknowledge', { alertId: id }), actor('operator'), T0 + 30 * SEC);
    expect(out.ok && kinds(out.events)).toEqual(['acknowledged', 'cleared']);
    expect(e.alerts()).toEqual([]);
    expect(e.alert(id)?.state).toBe('normal');
  });

  it('acknowledged → return to normal ends it', () => {
    const e = new AlarmEngine();
    feed(e, [0.9, 0.9, 0.9]);
    const id = e.alerts()[0]!.id;
    const out = e.command(cmd('acknowledge', { alertId: id }), actor('operator'), T0 + 3 * SEC);
    expect(out.ok && out.events.map((x) => x.type === 'alert' && x.alert.state)).toEqual(['acknowledged']);
    const ev = [...feed(e, [0.1], T0 + 4 * SEC), ...e.ingest(res(0.1, T0 + 15 * SEC))];
    expect(alertEvents(ev).map((x) => [x.kind, x.alert.state, x.reason])).toEqual([['cleared', 'normal', 'returned to normal after acknowledgement']]);
  });

  it('raised again before acknowledgement reopens the same alert', () => {
    const e = new AlarmEngine();
    raiseThenReturn(e);
    const ev = feed(e, [0.9, 0.9, 0.9], T0 + 30 * SEC);
    expect(kinds(ev)).toEqual(['reopened', 'annunciated']);
    expect(e.alerts()[0]!.annunciations).toBe(2);
  });

  it.each([
    { role: 'viewer' as const, ok: false, reason: 'a viewer may not acknowledge alerts' },
    { role: 'operator' as const, ok: true },
    { role: 'admin' as const, ok: true },
  ])('acknowledge as $role', ({ role, ok, reason }) => {
    const e = new AlarmEngine();
    feed(e, [0.9, 0.9, 0.9]);
    const out = e.command(cmd('acknowledge', { alertId: e.alerts()[0]!.id }), actor(role), T0 + 5 * SEC);
    expect(out.ok).toBe(ok);
    if (!out.ok) expect(out).toEqual({ ok: false, code: 'forbidden', reason });
  });

  it('refuses unknown, ended and already acknowledged alerts with reasons', () => {
    const e = new AlarmEngine();
    feed(e, [0.9, 0.9, 0.9]);
    const id = e.alerts()[0]!.id;
    const ack = () => e.command(cmd('acknowledge', { alertId: id }), actor('operator'), T0 + 5 * SEC);
    expect(ack().ok).toBe(true);
    expect(ack()).toEqual({ ok: false, code: 'conflict', reason: `alert ${id} is already acknowledged` });
    expect(e.command(cmd('acknowledge', { alertId: 'nope#1' }), actor('operator'), T0)).toEqual({ ok: false, code: 'not_found', reason: 'no alert nope#1' });
    feed(e, [0.1], T0 + 6 * SEC);
    e.ingest(res(0.1, T0 + 20 * SEC));
    expect(ack()).toEqual({ ok: false, code: 'conflict', reason: `alert ${id} has already ended` });
  });
});

describe('escalation', () => {
  it('an acknowledged alert whose edge now suggests a higher priority asks for attention again', () => {
    const e = new AlarmEngine();
    const ev = series([0.9, 0.9, 0.9], T0, SEC, { priority: 'low' }).flatMap((r) => e.ingest(r));
    const id = alertEvents(ev).find((x) => x.kind === 'raised')!.alert.id;
    expect(e.command(cmd('acknowledge', { alertId: id }), actor('operator'), T0 + 4 * SEC).ok).toBe(true);
    expect(e.alert(id)!.state).toBe('acknowledged');
    const same = e.ingest(res(0.95, T0 + 5 * SEC, { priority: 'low' }));
    expect(kinds(same)).toEqual(['updated']);
    const worse = e.ingest(res(3, T0 + 6 * SEC, { priority: 'high' }));
    expect(kinds(worse)).toEqual(['updated', 'annunciated']);
    expect(alertEvents(worse)[0]!.reason).toBe('escalated to high');
    expect(e.alert(id)).toMatchObject({ priority: 'high', state: 'unacknowledged', annunciations: 2 });
  });
});
