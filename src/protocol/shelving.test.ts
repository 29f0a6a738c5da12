import { describe, expect, it } from 'vitest';
import { defaultPolicyBook, parsePolicyBook, policyFor, type PolicyBookInput } from './policy.ts';
import { maxShelveMinutes, plantShelveLimits, shelveLimitsFor } from './shelving.ts';

const book = (input: PolicyBookInput) => {
  const r = parsePolicyBook(input);
  if (!r.ok) throw new Error(r.error);
  return r.book;
};

describe('shelve limits a browser gets from the policy book', () => {
  const tight = book({
    defaults: { operatorShelveMaxMinutes: 60 },
    plants: {
      p1: {
        policy: { operatorShelveMaxMinutes: 30, floodEnter: 20 },
        lines: { l2: { operatorShelveMaxMinutes: 15 }, l3: { floodEnter: 30 } },
        models: { vib: { supervisorShelveMaxMinutes: 120 } },
      },
    },
  });
  const cases: { name: string; plant: string; line: string; model: string; operator: number; supervisor: number }[] = [
    { name: 'the defaults for a plant without its own policy', plant: 'p9', line: 'l1', model: 'm', operator: 60, supervisor: 480 },
    { name: 'the plant tightens operators', plant: 'p1', line: 'l1', model: 'm', operator: 30, supervisor: 480 },
    { name: 'a line tightens further', plant: 'p1', line: 'l2', model: 'm', operator: 15, supervisor: 480 },
    { name: 'a line overriding other fields keeps the plant limit', plant: 'p1', line: 'l3', model: 'm', operator: 30, supervisor: 480 },
    { name: 'a model override wins over the line', plant: 'p1', line: 'l2', model: 'vib', operator: 15, supervisor: 120 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const limits = shelveLimitsFor(plantShelveLimits(tight, c.plant), c.line, c.model);
      expect(limits).toEqual({ operatorShelveMaxMinutes: c.operator, supervisorShelveMaxMinutes: c.supervisor });
    });
  }

  it('resolves every alert as the engine does (policyFor)', () => {
    for (const [line, model] of [['l1', 'm'], ['l2', 'm'], ['l3', 'vib'], ['l2', 'vib']] as const) {
      const p = policyFor(tight, 'p1', line, model);
      expect(shelveLimitsFor(plantShelveLimits(tight, 'p1'), line, model)).toEqual({ operatorShelveMaxMinutes: p.operatorShelveMaxMinutes, supervisorShelveMaxMinutes: p.supervisorShelveMaxMinutes });
    }
  });

  it('sends only the overrides that touch a shelve limit', () => {
    expect(plantShelveLimits(tight, 'p1')).toMatchObject({ lines: { l2: { operatorShelveMaxMinutes: 15 } }, models: { vib: { supervisorShelveMaxMinutes: 120 } } });
    expect(Object.keys(plantShelveLimits(tight, 'p1').lines)).toEqual(['l2']);
    expect(plantShelveLimits(defaultPolicyBook(), 'constructor')).toEqual({ plant: { operatorShelveMaxMinutes: 120, supervisorShelveMaxMinutes: 480 }, lines: {}, models: {} });
  });
});

describe('maxShelveMinutes', () => {
  const limits = { operatorShelveMaxMinutes: 30, supervisorShelveMaxMinutes: 240 };
  it.each([['viewer', 0], ['operator', 30], ['supervisor', 240], ['engineer', 240], ['admin', 240]] as const)('%s: %d min', (role, max) => {
    expect(maxShelveMinutes(role, limits)).toBe(max);
  });
});
