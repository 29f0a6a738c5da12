import { describe, expect, it } from 'vitest';
import { rangeFromParams, resolveRange } from './time-range.ts';

describe('time ranges', () => {
  it('resolves presets to a range ending now (rounded up to the minute) and keeps custom ranges', () => {
    const now = Date.UTC(2026, 10, 25, 14, 2, 31);
    expect(resolveRange({ preset: '1h' }, now)).toEqual({ from: Date.UTC(2026, 10, 25, 13, 3), to: Date.UTC(2026, 10, 25, 14, 3), live: true });
    expect(resolveRange({ preset: 'custom', from: 1000, to: 5000 }, now)).toEqual({ from: 1000, to: 5000, live: false });
    expect(resolveRange({ preset: 'custom', from: 5000, to: 1000 }, now).live).toBe(true);
  });

  it('reads the choice from the URL, falling back on a preset', () => {
    expect(rangeFromParams(new URLSearchParams('range=24h'))).toEqual({ preset: '24h' });
    expect(rangeFromParams(new URLSearchParams('range=custom&from=10&to=20'))).toEqual({ preset: 'custom', from: 10, to: 20 });
    expect(rangeFromParams(new URLSearchParams('range=forever'), '8h')).toEqual({ preset: '8h' });
  });
});
