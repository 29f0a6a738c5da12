import { describe, expect, it } from 'vitest';
import { readSkabCsv } from './csv.ts';
import { Prng } from './prng.ts';
import { SignalGenerator, SKAB_NORMAL } from './signals.ts';
import { SKAB_ANOMALY_FREE, SKAB_FEATURES } from './skab.ts';

describe('demo signals', () => {
  it('use statistics re-measured from SKAB anomaly-free.csv', () => {
    const t = readSkabCsv(SKAB_ANOMALY_FREE);
    t.features.forEach((f, j) => {
      const v = t.rows.map((r) => r[j]!);
      const mean = v.reduce((a, b) => a + b, 0) / v.length;
      const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
      const noise = Math.sqrt(v.slice(1).reduce((a, x, i) => a + (x - v[i]!) ** 2, 0) / (v.length - 1) / 2);
      const n = SKAB_NORMAL[f]!;
      expect(Math.abs(n.mean - mean), f).toBeLessThan(0.01 * sd);
      expect(n.sd / sd, f).toBeCloseTo(1, 2);
      expect(n.noise / noise, f).toBeCloseTo(1, 1);
    });
  });

  it('generate rows with those statistics, the same for the same seed', () => {
    const g = new SignalGenerator(new Prng(5));
    const rows = Array.from({ length: 20_000 }, () => g.next());
    SKAB_FEATURES.forEach((f, j) => {
      const v = rows.map((r) => r[j]!);
      const mean = v.reduce((a, b) => a + b, 0) / v.length;
      const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
      expect(Math.abs(mean - SKAB_NORMAL[f]!.mean), f).toBeLessThan(0.1 * SKAB_NORMAL[f]!.sd);
      expect(sd / SKAB_NORMAL[f]!.sd, f).toBeGreaterThan(0.85);
      expect(sd / SKAB_NORMAL[f]!.sd, f).toBeLessThan(1.15);
    });
    const a = new SignalGenerator(new Prng(9));
    const b = new SignalGenerator(new Prng(9));
    expect(Array.from({ length: 50 }, () => a.next())).toEqual(Array.from({ length: 50 }, () => b.next()));
  });

  it('seeded PRNG: reproducible, forks independent of each other', () => {
    const draw = (p: Prng) => Array.from({ length: 5 }, () => p.next());
    expect(draw(new Prng(1))).toEqual(draw(new Prng(1)));
    expect(draw(new Prng(1))).not.toEqual(draw(new Prng(2)));
    const root = new Prng(1);
    expect(draw(root.fork('p101'))).not.toEqual(draw(root.fork('p102')));
    expect(draw(new Prng(1).fork('p101'))).toEqual(draw(new Prng(1).fork('p101')));
    for (const x of draw(new Prng(3))) expect(x >= 0 && x < 1).toBe(true);
  });
});
