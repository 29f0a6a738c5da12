import { describe, expect, it } from 'vitest';
import { stillSounding } from './use-alarm-sound.ts';

describe('stillSounding', () => {
  it('is quiet when nothing sounds or all are silenced', () => {
    expect(stillSounding([], new Set())).toBeNull();
    expect(stillSounding([{ id: 'a', urgency: 'high' }], new Set(['a']))).toBeNull();
  });
  it('a new alert sounds again after a silence; critical wins', () => {
    expect(stillSounding([{ id: 'a', urgency: 'critical' }, { id: 'b', urgency: 'high' }], new Set(['a']))).toBe('high');
    expect(stillSounding([{ id: 'a', urgency: 'critical' }, { id: 'b', urgency: 'high' }], new Set())).toBe('critical');
  });
});
