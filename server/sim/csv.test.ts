import { describe, expect, it } from 'vitest';
import { CsvError, parseSkabCsv, parseSkabTime, readSkabCsv } from './csv.ts';
import { SKAB_ANOMALY_FREE, SKAB_FEATURES, SKAB_VALVE1_RUNS } from './skab.ts';

const HEADER = 'datetime;Current;Pressure;anomaly;changepoint';

function errorOf(text: string): CsvError {
  try {
    parseSkabCsv(text, 'run.csv');
  } catch (err) {
    expect(err).toBeInstanceOf(CsvError);
    return err as CsvError;
  }
  throw new Error('expected a CsvError');
}

describe('SKAB CSV reader', () => {
  it('reads times, features and the label columns kept aside', () => {
    const t = parseSkabCsv(`\uFEFF${HEADER}\r\n2020-03-09 10:14:33;1.5;0.05;0;0\r\n2020-03-09 10:14:34;1.25;-0.6;1.0;1.0\r\n\r\n`, 'run.csv');
    expect(t.features).toEqual(['Current', 'Pressure']);
    expect(t.rows).toEqual([[1.5, 0.05], [1.25, -0.6]]);
    expect(t.times[1]! - t.times[0]!).toBe(1000);
    expect(t.times[0]).toBe(Date.UTC(2020, 2, 9, 10, 14, 33));
    expect(t.anomaly).toEqual([0, 1]);
    expect(t.changepoint).toEqual([0, 1]);
  });

  it('has no label arrays when the file has no label columns', () => {
    const t = parseSkabCsv('datetime;Current\n2020-02-08 13:30:47;2.1\n');
    expect(t.anomaly).toBeUndefined();
    expect(t.changepoint).toBeUndefined();
  });

  it.each([
    ['a header without datetime first', 'time;Current\n2020-02-08 13:30:47;1', 1, 'time', /must start with "datetime"/],
    ['a duplicate column', 'datetime;Current;Current\n', 1, 'Current', /duplicate/],
    ['a header with no features', 'datetime;anomaly\n2020-02-08 13:30:47;0', 1, undefined, /no feature columns/],
    ['a short row', `${HEADER}\n2020-03-09 10:14:33;1;2;0;0\n2020-03-09 10:14:34;1;2;0`, 3, undefined, /expected 5 fields, found 4/],
    ['a bad time', `${HEADER}\n2020-03-09T10:14:33;1;2;0;0`, 2, 'datetime', /YYYY-MM-DD HH:MM:SS/],
    ['an impossible date', `${HEADER}\n2020-02-31 10:14:33;1;2;0;0`, 2, 'datetime', /not a YYYY/],
    ['a word where a number belongs', `${HEADER}\n2020-03-09 10:14:33;1;2;0;0\n2020-03-09 10:14:34;1;high;0;0`, 3, 'Pressure', /not a finite number: "high"/],
    ['an empty cell', `${HEADER}\n2020-03-09 10:14:33;;2;0;0`, 2, 'Current', /not a finite number/],
    ['a label that is not 0/1', `${HEADER}\n2020-03-09 10:14:33;1;2;0.5;0`, 2, 'anomaly', /must be 0 or 1/],
    ['no data rows', `${HEADER}\n`, 2, undefined, /no data rows/],
  ])('refuses %s, naming line and column', (_what, text, line, column, message) => {
    const err = errorOf(text);
    expect(err.line).toBe(line);
    expect(err.column).toBe(column);
    expect(err.message).toMatch(message);
    expect(err.message).toMatch(new RegExp(`^run\\.csv:${line}`));
  });

  it('parses only real calendar times', () => {
    expect(parseSkabTime('2020-02-29 23:59:59')).toBe(Date.UTC(2020, 1, 29, 23, 59, 59));
    expect(parseSkabTime('2019-02-29 00:00:00')).toBeUndefined();
    expect(parseSkabTime('2020-01-01 24:00:00')).toBeUndefined();
  });

  it('reads the shared SKAB recordings', () => {
    const free = readSkabCsv(SKAB_ANOMALY_FREE);
    expect(free.features).toEqual(SKAB_FEATURES);
    expect(free.rows).toHaveLength(9405);
    expect(free.anomaly).toBeUndefined();
    const run = readSkabCsv(SKAB_VALVE1_RUNS[0]!);
    expect(run.features).toEqual(SKAB_FEATURES);
    expect(run.anomaly?.some((a) => a === 1)).toBe(true);
  });
});
