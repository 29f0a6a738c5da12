import { describe, expect, it } from 'vitest';
import { formatDuration, formatNumber, formatSigned, withUnit } from './format.ts';

describe('format', () => {
  it.each([[18, '18'], [2.6, '2.6'], [0.41, '0.41'], [0.123456, '0.123'], [1234.5, '1,235'], [-3.14159, '-3.14'], [0, '0']])('formatNumber(%s) = %s', (v, s) => {
    expect(formatNumber(v)).toBe(s);
  });
  it('signs with a true minus', () => {
    expect(formatSigned(-0.41)).toBe('−0.41');
    expect(formatSigned(0.22)).toBe('+0.22');
  });
  it('adds the unit', () => expect(withUnit(18, 'l/min')).toBe('18 l/min'));
  it.each([[84_000, '84 s'], [6 * 60_000, '6 min'], [125 * 60_000, '2 h 5 min'], [3 * 86_400_000, '3 d']])('formatDuration(%s) = %s', (ms, s) => {
    expect(formatDuration(ms)).toBe(s);
  });
});
