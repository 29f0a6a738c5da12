import { describe, expect, it } from 'vitest';
import type { Catalogue } from '../../protocol/catalogue.ts';
import { keyName } from './names.ts';

const cat: Catalogue = { plant: 'demo', features: [], assets: { p1: 'Pump P-101', p2: 'משאבה 2' }, lines: {}, labels: { wear: 'Bearing wear' }, actions: {} };

describe('keyName', () => {
  it('reads a key as asset · label', () => expect(keyName('demo/l1/p1/m/wear', cat)).toBe('Pump P-101 · Bearing wear'));
  // Without the isolate, a right-to-left asset name would pull " · Bearing…" into its run.
  it('isolates a right-to-left name', () => expect(keyName('demo/l1/p2/m/wear', cat)).toBe('\u2068משאבה 2\u2069 · Bearing wear'));
});
