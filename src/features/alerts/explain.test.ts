import { describe, expect, it } from 'vitest';
import { explain, formatSigmas, normalRange, sentence } from './explain.ts';
import type { Catalogue } from '../../protocol/catalogue.ts';

const cat: Catalogue = {
  plant: 'demo', assets: {}, lines: {}, labels: {}, actions: {},
  features: [
    { feature: 'flow', displayName: 'Flow', unit: 'l/min', normalLow: 31, normalHigh: 35 },
    { feature: 'current', displayName: 'Current', unit: 'A', normalLow: 1.2, normalHigh: 2.2 },
    { feature: 'temp', displayName: 'Temperature', unit: '°C', normalLow: 20, normalHigh: 60 },
  ],
};
const snap = (attributions: { feature: string; value: number; contribution: number; baseline?: number }[], baseValue?: number) =>
  ({ resultId: 'r', ts: 0, score: 0.9, threshold: 0.8, baseValue, attributions });

describe('explain', () => {
  it('keeps the top 5 by size and sums the rest as other', () => {
    const why = explain(snap([0.01, -0.5, 0.3, 0.02, -0.2, 0.1, 0.05].map((c, i) => ({ feature: `f${i}`, value: 1, contribution: c }))), cat);
    expect(why.rows.map((r) => r.contribution)).toEqual([-0.5, 0.3, -0.2, 0.1, 0.05]);
    expect(why.other?.count).toBe(2);
    expect(why.other?.contribution).toBeCloseTo(0.03);
  });

  it('names features from the catalogue and places values against the normal range', () => {
    const why = explain(snap([{ feature: 'flow', value: 18, contribution: -0.4 }, { feature: 'odd_tag', value: 3, contribution: 0.1 }]), cat);
    expect(why.rows[0]).toMatchObject({ name: 'Flow', unit: 'l/min', position: 'below' });
    expect(why.rows[1]).toMatchObject({ name: 'Odd tag', position: 'unknown' });
  });

  it('flags attributions that do not add up to score − baseValue', () => {
    expect(explain(snap([{ feature: 'flow', value: 18, contribution: 0.8 }], 0.1), cat).unbalanced).toBe(false);
    expect(explain(snap([{ feature: 'flow', value: 18, contribution: 0.3 }], 0.1), cat).unbalanced).toBe(true);
  });
});

describe('sentence', () => {
  it('builds one plain sentence from the out-of-range top features', () => {
    const why = explain(snap([
      { feature: 'flow', value: 18, contribution: -0.41 },
      { feature: 'temp', value: 40, contribution: 0.2 },
      { feature: 'current', value: 2.6, contribution: 0.11 },
    ]), cat);
    expect(sentence(why)).toBe('Flow 18 l/min is 13 l/min below normal (31–35); Current 2.6 A above normal.');
  });

  it('falls back to the usual value, then to the biggest push', () => {
    expect(sentence(explain(snap([{ feature: 'x', value: 5, contribution: 0.3, baseline: 2 }]), cat))).toBe('X 5 is above its usual 2.');
    expect(sentence(explain(snap([{ feature: 'temp', value: 40, contribution: 0.3 }]), cat))).toMatch(/^Mostly Temperature/);
  });

  it('says how many σ from normal when the catalogue has mean and σ', () => {
    const sigmaCat: Catalogue = {
      ...cat,
      features: [
        { feature: 'flow', displayName: 'Flow', unit: 'l/min', normalLow: 31, normalHigh: 35, mean: 33, sigma: 3.66 },
        { feature: 'current', displayName: 'Current', unit: 'A', mean: 1.7, sigma: 0.2 },
      ],
    };
    const why = explain(snap([
      { feature: 'flow', value: 18, contribution: -0.41 },
      { feature: 'current', value: 2.6, contribution: 0.11 },
    ]), sigmaCat);
    expect(why.rows[1]).toMatchObject({ position: 'above' }); // 4.5 σ, no range: out of normal by σ
    expect(sentence(why)).toBe('Flow 18 l/min is 4.1 σ below normal (31–35); Current 2.6 A above normal.');
    const onlyCurrent = explain(snap([{ feature: 'current', value: 2.6, contribution: 0.3 }]), sigmaCat);
    expect(sentence(onlyCurrent)).toBe('Current 2.6 A is 4.5 σ above normal.');
    const within = explain(snap([{ feature: 'current', value: 1.8, contribution: 0.3 }]), sigmaCat);
    expect(within.rows[0]?.position).toBe('within');
    expect(formatSigmas(-31.4)).toBe('31 σ');
  });

  it('keeps a huge value or σ short', () => {
    expect(formatSigmas(1e300)).toBe('1E300 σ');
    expect(sentence(explain(snap([{ feature: 'x', value: 1e300, contribution: 0.3, baseline: 2 }]), cat))).toBe('X 1E300 is above its usual 2.');
  });

  // A name is data (edge or catalogue): whatever direction its letters run, it must not reorder the
  // sentence around it, so every inserted name and unit beyond Latin-1 sits in an isolate (FSI … PDI).
  // Plain names (the usual case) stay as they are.
  const FSI = '\u2068';
  const PDI = '\u2069';
  it.each([
    ['a Hebrew name', 'ספיקה', `${FSI}ספיקה${PDI} 5 is above its usual 2.`],
    ['an Arabic name', 'تدفق', `${FSI}تدفق${PDI} 5 is above its usual 2.`],
    ['a right-to-left override (stored before it was refused)', '\u202Eflow', `${FSI}\u202Eflow${PDI} 5 is above its usual 2.`],
    ['an unclosed embedding', '\u202Bflow', `${FSI}\u202Bflow${PDI} 5 is above its usual 2.`],
    ['a plain ASCII name', 'flow_rate', 'Flow rate 5 is above its usual 2.'],
  ])('isolates %s in the sentence', (_, feature, expected) => {
    expect(sentence(explain(snap([{ feature, value: 5, contribution: 0.3, baseline: 2 }]), cat))).toBe(expected);
  });

  it('isolates names and units from the catalogue in every clause', () => {
    const rtlCat: Catalogue = { ...cat, features: [
      { feature: 'a', displayName: 'ספיקה', unit: 'ל/ד', normalLow: 31, normalHigh: 35 },
      { feature: 'b', displayName: 'זרם', unit: 'A', normalLow: 1, normalHigh: 2 },
    ] };
    const why = explain(snap([{ feature: 'a', value: 18, contribution: -0.4 }, { feature: 'b', value: 3, contribution: 0.2 }]), rtlCat);
    expect(sentence(why)).toBe(`${FSI}ספיקה${PDI} 18 ${FSI}ל/ד${PDI} is 13 ${FSI}ל/ד${PDI} below normal (31–35); ${FSI}זרם${PDI} 3 A above normal.`);
    const within = explain(snap([{ feature: 'b', value: 1.5, contribution: 0.2 }]), rtlCat);
    expect(sentence(within)).toBe(`Mostly ${FSI}זרם${PDI} (1.5 A) pushed the score up; all values are within their normal ranges.`);
  });

  it('formats ranges', () => {
    expect(normalRange({ normalLow: 1, unit: 'bar' })).toBe('≥ 1 bar');
    expect(normalRange({ unit: '' })).toBeNull();
  });
});
