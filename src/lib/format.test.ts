import { describe, expect, it } from 'vitest';
import { formatDuration, formatNumber, formatSigned, isolate, withUnit } from './format.ts';

describe('format', () => {
  it.each([[18, '18'], [2.6, '2.6'], [0.41, '0.41'], [0.123456, '0.123'], [1234.5, '1,235'], [-3.14159, '-3.14'], [0, '0']])('formatNumber(%s) = %s', (v, s) => {
    expect(formatNumber(v)).toBe(s);
  });
  // Values come from edges: any finite double is valid, so the text must stay short whatever arrives.
  it.each([
    [999_999_999, '999,999,999'], [1e9, '1E9'], [1.23456e12, '1.23E12'], [-4.56789e15, '-4.57E15'], [1e300, '1E300'],
    [-1.7976931348623157e308, '-1.8E308'], [5e-5, '5E-5'], [-1.23456e-7, '-1.23E-7'], [5e-324, '5E-324'], [0.0001, '0.0001'],
  ])('formatNumber(%s) = %s: bounded precision and magnitude', (v, s) => {
    expect(formatNumber(v)).toBe(s);
  });
  it('never prints more than 12 characters for any finite number', () => {
    for (let e = -324; e <= 308; e++) for (const m of [1, -9.87654321, 4.5]) {
      const v = m * 10 ** e;
      if (Number.isFinite(v)) expect(formatNumber(v).length, String(v)).toBeLessThanOrEqual(12);
    }
  });
  it.each([[Infinity], [-Infinity], [NaN]])('formatNumber(%s) is a dash', (v) => expect(formatNumber(v)).toBe('—'));
  it('bounds signed values and units too', () => {
    expect(formatSigned(-1e300)).toBe('−1E300');
    expect(withUnit(1e300, 'bar')).toBe('1E300 bar');
  });
  it('signs with a true minus', () => {
    expect(formatSigned(-0.41)).toBe('−0.41');
    expect(formatSigned(0.22)).toBe('+0.22');
  });
  it('adds the unit', () => expect(withUnit(18, 'l/min')).toBe('18 l/min'));
  // Text from edges and catalogues goes into sentences: anything beyond Latin-1 may carry its own
  // direction, so it is wrapped in a first-strong isolate (U+2068 … U+2069) and cannot reorder the rest.
  it.each([
    ['flow', 'flow'], ['°C', '°C'], ['µm', 'µm'], ['m³/h', 'm³/h'], ['', ''],
    ['ספיקה', '\u2068ספיקה\u2069'], ['تدفق', '\u2068تدفق\u2069'], ['\u202Eevil', '\u2068\u202Eevil\u2069'], ['Ω', '\u2068Ω\u2069'],
  ])('isolate(%j) = %j', (text, out) => expect(isolate(text)).toBe(out));
  it('isolates a right-to-left unit', () => expect(withUnit(18, 'ל/ד')).toBe('18 \u2068ל/ד\u2069'));
  it.each([[84_000, '84 s'], [6 * 60_000, '6 min'], [125 * 60_000, '2 h 5 min'], [3 * 86_400_000, '3 d']])('formatDuration(%s) = %s', (ms, s) => {
    expect(formatDuration(ms)).toBe(s);
  });
});
