import { describe, expect, it } from 'vitest';
import { fromText, msHint, POLICY_FIELDS, POLICY_HELP } from './policy-fields.ts';

describe('policy fields', () => {
  it('explains every field and converts text back to each type', () => {
    expect(POLICY_FIELDS.every((f) => POLICY_HELP[f].length > 0)).toBe(true);
    expect(fromText('floodEnter', '12')).toBe(12);
    expect(fromText('floodEnter', 'lots')).toBe('lots');
    expect(fromText('edgePriority', 'false')).toBe(false);
    expect(fromText('labelPriorities', '{"leak":"high"}')).toEqual({ leak: 'high' });
    expect(fromText('defaultPriority', 'low')).toBe('low');
    expect(msHint('offDelayMs', 10_000)).toBe('10 s');
    expect(msHint('floodWindowMs', 600_000)).toBe('10 min');
    expect(msHint('floodEnter', 10)).toBeNull();
  });
});
