import { describe, expect, it } from 'vitest';
import { AlarmPolicy, DEFAULT_POLICY, parsePolicyBook, policyFor } from '../../src/protocol/policy.ts';

describe('AlarmPolicy', () => {
  it('fills every default', () => {
    expect(AlarmPolicy.parse({})).toEqual(DEFAULT_POLICY);
  });

  it.each([
    [{ deadband: 0.6 }, 'deadband'],
    [{ deadband: -0.1 }, 'deadband'],
    [{ floodEnter: 5, floodLeave: 5 }, 'floodLeave: must be below floodEnter (5)'],
    [{ operatorShelveMaxMinutes: 121 }, 'operatorShelveMaxMinutes'],
    [{ supervisorShelveMaxMinutes: 60, operatorShelveMaxMinutes: 90 }, 'operatorShelveMaxMinutes: must not exceed supervisorShelveMaxMinutes (60)'],
    [{ onDelayResults: 0 }, 'onDelayResults'],
    [{ offDelayMs: 1.5 }, 'offDelayMs'],
    [{ chatterReleaseMs: 1000, chatterWindowMs: 60_000 }, 'chatterReleaseMs'],
    [{ defaultPriority: 'urgent' }, 'defaultPriority'],
    [{ bogus: 1 }, 'bogus'],
  ])('refuses %j naming %s', (defaults, field) => {
    const r = parsePolicyBook({ defaults });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(field);
  });
});

describe('PolicyBook', () => {
  const input = {
    defaults: { offDelayMs: 5_000 },
    plants: {
      p1: {
        policy: { floodEnter: 20, defaultPriority: 'low' },
        lines: { l1: { floodEnter: 30 } },
        models: { m1: { defaultPriority: 'high' } },
      },
    },
  };

  it('resolves defaults ← plant ← line ← model', () => {
    const r = parsePolicyBook(input);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(policyFor(r.book, 'p1', 'l1', 'm1')).toMatchObject({ offDelayMs: 5_000, floodEnter: 30, defaultPriority: 'high', floodLeave: 5 });
    expect(policyFor(r.book, 'p1', 'l2', 'm2')).toMatchObject({ floodEnter: 20, defaultPriority: 'low' });
    expect(policyFor(r.book, 'p2', 'l1')).toMatchObject({ floodEnter: 10, offDelayMs: 5_000 });
    expect(policyFor(r.book, 'constructor', 'toString', 'm')).toMatchObject({ floodEnter: 10 });
  });

  it.each([
    [{ plants: { p1: { lines: { l1: { floodLeave: 12 } } } } }, 'plants.p1.lines.l1.floodLeave: must be below floodEnter (10)'],
    [{ plants: { p1: { models: { m: { deadband: 2 } } } } }, 'plants.p1.models.m.deadband'],
    [{ plants: { 'bad plant': {} } }, 'plants.bad plant: plant must be a slug'],
    [{ plants: { p1: { policy: { floodEnter: 4 } } } }, 'plants.p1.policy.floodLeave'],
    [{ plants: { p1: { lines: {} , extra: 1 } } }, 'plants.p1'],
  ])('refuses %j naming the field', (bookInput, message) => {
    const r = parsePolicyBook(bookInput);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });
});
