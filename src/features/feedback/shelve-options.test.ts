import { describe, expect, it } from 'vitest';
import { shelveDurations } from './shelve-options.ts';

describe('shelveDurations', () => {
  it.each([
    ['viewer', []],
    ['operator', ['15 min', '30 min', '1 h', '2 h', 'Until back to normal']],
    ['supervisor', ['15 min', '30 min', '1 h', '2 h', '4 h', '8 h', 'Until back to normal']],
  ] as const)('%s may choose %j', (role, labels) => {
    expect(shelveDurations(role).map((d) => d.label)).toEqual(labels);
  });
});
