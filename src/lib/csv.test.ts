import { describe, expect, it } from 'vitest';
import { csvField } from '../protocol/csv.ts';
import { toCsv } from './csv.ts';

describe('CSV export', () => {
  it('quotes what needs quoting and defuses spreadsheet formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(-3)).toBe('-3');
    expect(csvField(null)).toBe('');
    expect(csvField({ a: 1 })).toBe('"{""a"":1}"');
  });

  it('writes a header row and one row per record', () => {
    const csv = toCsv([{ n: 1, s: 'x' }, { n: 2, s: 'y,z' }], [{ title: 'n', value: (r) => r.n }, { title: 's', value: (r) => r.s }]);
    expect(csv).toBe('n,s\r\n1,x\r\n2,"y,z"\r\n');
  });
});
