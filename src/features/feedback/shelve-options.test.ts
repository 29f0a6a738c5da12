import { describe, expect, it } from 'vitest';
import { shelveDurations } from './shelve-options.ts';

describe('shelveDurations', () => {
  it.each([
    ['viewer', undefined, []],
    ['operator', undefined, ['15 min', '30 min', '1 h', '2 h', 'Until back to normal']],
    ['supervisor', undefined, ['15 min', '30 min', '1 h', '2 h', '4 h', '8 h', 'Until back to normal']],
    ['operator', { operatorShelveMaxMinutes: 30, supervisorShelveMaxMinutes: 480 }, ['15 min', '30 min', 'Until back to normal']],
    ['operator', { operatorShelveMaxMinutes: 10, supervisorShelveMaxMinutes: 480 }, ['Until back to normal']],
    ['supervisor', { operatorShelveMaxMinutes: 30, supervisorShelveMaxMinutes: 60 }, ['15 min', '30 min', '1 h', 'Until back to normal']],
    ['engineer', { operatorShelveMaxMinutes: 30, supervisorShelveMaxMinutes: 240 }, ['15 min', '30 min', '1 h', '2 h', '4 h', 'Until back to normal']],
    ['viewer', { operatorShelveMaxMinutes: 120, supervisorShelveMaxMinutes: 480 }, []],
  ] as const)('%s under %j may choose %j', (role, limits, labels) => {
    expect(shelveDurations(role, limits).map((d) => d.label)).toEqual(labels);
  });
});
