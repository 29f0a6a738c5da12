import { describe, expect, it } from 'vitest';
import { scopePlants } from './scope-plants.ts';

describe('scopePlants', () => {
  it('merges line scopes and lets a plant scope win', () => {
    const m = scopePlants([{ plant: 'a', line: 'l1' }, { plant: 'a', line: 'l2' }, { plant: 'b', line: 'x' }, { plant: 'b' }, { plant: '*' }]);
    expect([...m.get('a')!]).toEqual(['l1', 'l2']);
    expect(m.get('b')).toBeNull();
    expect(m.get('demo')).toBeNull();
  });
});
