import { describe, expect, it } from 'vitest';
import { AlarmEngine } from './engine.ts';
import { actor, alertEvents, cmd, kinds, MIN, res, SEC, series, T0 } from './testkit.ts';

const raised = (e: AlarmEngine, start = T0, over = {}) => {
  series([0.9, 0.9, 0.9], start, SEC, over).forEach((r) => e.ingest(r));
  return e.alerts().at(-1)!.id;
};

describe('shelving', () => {
  it.each([
    { role: 'viewer' as const, minutes: 10, ok: false, code: 'forbidden', reason: 'a viewer may not shelve alerts' },
    { role: 'operator' as const, minutes: 120, ok: true },
    { role: 'operator' as const, minutes: 121, ok: false, code: 'limit', reason: 'a operator may shelve for at most 120 min (asked 121 min)' },
    { role: 'supervisor' as const, minutes: 480, ok: true },
    { role: 'supervisor' as const, minutes: 481, ok: false, code: 'limit', reason: 'a supervisor may shelve for at most 480 min (asked 481 min)' },
    { role: 'engineer' as const, minutes: 480, ok: true },
    { role: 'operator' as const, minutes: undefined, ok: true },
  ])('$role shelving for $minutes min → $ok', ({ role, minutes, ok, code, reason }) => {
    const e = new AlarmEngine();
    const id = raised(e);
    const out = e.command(cmd('shelve', { alertId: id, reason: 'pump swap', ...(minutes ? { minutes } : {}) }), actor(role), T0 + 5 * SEC);
    expect(out.ok).toBe(ok);
    if (!out.ok) expect(out).toEqual({ ok: false, code, reason });
  });

  it('policy may tighten the operator limit', () => {
    const book = { defaults: { operatorShelveMaxMinutes: 30 }, plants: {} };
    const e = new AlarmEngine({ policy: { ...new AlarmEngine().policy(), defaults: { ...new AlarmEngine().policy().defaults, ...book.defaults } } });
    const id = raised(e);
    const out = e.command(cmd('shelve', { alertId: id, reason: 'x', minutes: 31 }), actor('operator'), T0);
    expect(out).toEqual({ ok: false, code: 'limit', reason: 'a operator may shelve for at most 30 min (asked 31 min)' });
  });

  it('a timed shelf expires; an alert still active comes back unacknowledged and annunciates', () => {
    const e = new AlarmEngine();
    const id = raised(e);
    e.command(cmd('acknowledge', { alertId: id }), actor('operator'), T0 + 4 * SEC);
    const out = e.command(cmd('shelve', { alertId: id, reason: 'known', minutes: 30 }), actor('operator'), T0 + 5 * SEC);
    expect(out.ok && alertEvents(out.events).map((x) => [x.kind, x.alert.state, x.alert.suppression])).toEqual([['shelved', 'shelved', 'shelved']]);
    // still active: results keep coming while shelved
    series([0.9, 0.9], T0 + 6 * SEC).forEach((r) => e.ingest(r));
    expect(kinds(e.tick(T0 + 30 * MIN + 4 * SEC))).toEqual([]);
    const ev = e.tick(T0 + 30 * MIN + 5 * SEC);
    expect(alertEvents(ev).map((x) => [x.kind, x.at, x.alert.state, x.reason])).toEqual([
      ['unshelved', T0 + 30 * MIN + 5 * SEC, 'unacknowledged', 'shelf expired'],
      ['annunciated', T0 + 30 * MIN + 5 * SEC, 'unacknowledged', null],
    ]);
  });

  it('a one-shot shelf ends when the alert returns to normal (the alert ends too)', () => {
    const e = new AlarmEngine();
    const id = raised(e);
    e.command(cmd('shelve', { alertId: id, reason: 'once' }), actor('operator'), T0 + 4 * SEC);
    const ev = [...e.ingest(res(0.1, T0 + 5 * SEC)), ...e.ingest(res(0.1, T0 + 16 * SEC))];
    expect(alertEvents(ev).map((x) => [x.kind, x.alert.shelf, x.reason])).toEqual([['cleared', null, 'returned to normal: one-shot shelf ended']]);
    // next raise after the re-alarm window is annunciated normally
    const again = series([0.9, 0.9, 0.9], T0 + 20 * MIN).flatMap((r) => e.ingest(r));
    expect(kinds(again)).toEqual(['raised', 'annunciated']);
  });

  it('a timed shelf stays on the key: a new raise during it is shelved, not annunciated', () => {
    const e = new AlarmEngine();
    const id = raised(e);
    e.command(cmd('shelve', { alertId: id, reason: 'work', minutes: 60 }), actor('operator'), T0 + 4 * SEC);
    e.ingest(res(0.1, T0 + 5 * SEC));
    expect(kinds(e.ingest(res(0.1, T0 + 16 * SEC)))).toEqual(['cleared']);
    const again = series([0.9, 0.9, 0.9], T0 + 20 * MIN).flatMap((r) => e.ingest(r));
    expect(alertEvents(again).map((x) => [x.kind, x.reason])).toEqual([['raised', null], ['suppressed', 'shelved']]);
  });

  it('unshelve needs a supervisor and brings an active alert back', () => {
    const e = new AlarmEngine();
    const id = raised(e);
    e.command(cmd('shelve', { alertId: id, reason: 'x', minutes: 60 }), actor('operator'), T0 + 4 * SEC);
    expect(e.command(cmd('unshelve', { alertId: id }), actor('operator'), T0 + 5 * SEC)).toEqual({ ok: false, code: 'forbidden', reason: 'a operator may not unshelve alerts' });
    const out = e.command(cmd('unshelve', { alertId: id }), actor('supervisor', 'sam'), T0 + 5 * SEC);
    expect(out.ok && alertEvents(out.events).map((x) => [x.kind, x.by, x.reason])).toEqual([
      ['unshelved', 'sam', 'unshelved by sam'],
      ['annunciated', null, null],
    ]);
    expect(e.command(cmd('unshelve', { alertId: id }), actor('supervisor'), T0 + 6 * SEC)).toEqual({ ok: false, code: 'conflict', reason: `alert ${id} is not shelved` });
  });
});

describe('out of service (per asset)', () => {
  const oos = (until: number) => cmd('out_of_service', { plant: 'p', line: 'l', asset: 'a', reason: 'maintenance', until });

  it.each([
    { role: 'operator' as const, until: T0 + MIN, code: 'forbidden', reason: 'a operator may not take assets out of service' },
    { role: 'supervisor' as const, until: T0 - 1, code: 'invalid', reason: 'the out-of-service end must be in the future' },
    { role: 'supervisor' as const, until: T0 + 8 * 24 * 60 * MIN, code: 'limit', reason: 'out of service may last at most 168 h' },
  ])('refuses $role until $until', ({ role, until, code, reason }) => {
    expect(new AlarmEngine().command(oos(until), actor(role), T0)).toEqual({ ok: false, code, reason });
  });

  it('suppresses the asset’s alerts, and they come back unacknowledged when it ends', () => {
    const e = new AlarmEngine();
    const id = raised(e);
    e.command(cmd('acknowledge', { alertId: id }), actor('operator'), T0 + 3 * SEC);
    const out = e.command(oos(T0 + 60 * MIN), actor('supervisor', 'sam'), T0 + 4 * SEC);
    expect(out.ok && out.events.map((x) => (x.type === 'alert' ? [x.kind, x.alert.state] : [x.type, x.type === 'asset' && x.status]))).toEqual([
      ['asset', 'out_of_service'],
      ['out_of_service', 'out_of_service'],
    ]);
    // a new key on the asset raising during maintenance exists but is held back
    const other = series([0.9, 0.9, 0.9], T0 + 5 * SEC, SEC, { label: 'leak' }).flatMap((r) => e.ingest(r));
    expect(alertEvents(other).map((x) => [x.kind, x.alert.suppression])).toEqual([['raised', 'out_of_service'], ['suppressed', 'out_of_service']]);
    series([0.9], T0 + 10 * SEC).forEach((r) => e.ingest(r));
    const back = e.tick(T0 + 60 * MIN);
    expect(back.map((x) => (x.type === 'alert' ? `${x.kind}:${x.alert.label}:${x.alert.state}` : `${x.type}`))).toEqual([
      'asset',
      'returned_to_service:anomaly:unacknowledged',
      'annunciated:anomaly:unacknowledged',
      'returned_to_service:leak:unacknowledged',
      'annunciated:leak:unacknowledged',
      'asset', // and it has sent nothing for a minute: stale
    ]);
    expect(back.at(-1)).toMatchObject({ type: 'asset', status: 'stale', at: T0 + 10 * SEC + MIN, lastDataAt: T0 + 10 * SEC });
  });

  it('return_to_service ends it early; refused when not out of service', () => {
    const e = new AlarmEngine();
    const rts = cmd('return_to_service', { plant: 'p', line: 'l', asset: 'a' });
    expect(e.command(rts, actor('supervisor'), T0)).toEqual({ ok: false, code: 'conflict', reason: 'p/l/a is not out of service' });
    e.command(oos(T0 + MIN), actor('supervisor'), T0);
    const out = e.command(rts, actor('supervisor', 'sam'), T0 + SEC);
    expect(out.ok && out.events).toEqual([
      { type: 'asset', status: 'in_service', at: T0 + SEC, plant: 'p', line: 'l', asset: 'a', by: 'sam', reason: 'returned to service by sam', until: null, lastDataAt: null },
    ]);
  });
});

describe('suppressed by design', () => {
  it('alerts exist with suppression suppressed_by_design and end on return without acknowledgement', () => {
    const b = new AlarmEngine().policy();
    const e = new AlarmEngine({ policy: { ...b, defaults: { ...b.defaults, suppressedLabels: ['noise'] } } });
    const ev = series([0.9, 0.9, 0.9, 0.1, 0.1, 0.1], T0, 6 * SEC, { label: 'noise' }).flatMap((r) => e.ingest(r));
    expect(alertEvents(ev).map((x) => [x.kind, x.alert.state])).toEqual([
      ['raised', 'suppressed_by_design'],
      ['suppressed', 'suppressed_by_design'],
      ['cleared', 'normal'],
    ]);
  });
});
