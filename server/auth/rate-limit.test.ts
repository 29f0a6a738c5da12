import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { admit, FailureLimiter } from './rate-limit.ts';

const MIN = 60_000;

describe('FailureLimiter', () => {
  it('allows `limit` failures in the window, then says how long until the oldest ages out', () => {
    const l = new FailureLimiter(3, 5 * MIN);
    for (const t of [0, 1000, 2000]) {
      expect(l.blockedFor('k', t)).toBe(0);
      l.hold('k');
      l.settle('k', t, true);
    }
    expect(l.blockedFor('k', 3000)).toBe(5 * MIN - 3000);
    expect(l.blockedFor('other', 3000)).toBe(0);
    expect(l.blockedFor('k', 5 * MIN)).toBe(0); // the first one left the window
  });

  it('counts attempts still being checked, so parallel attempts cannot all pass the check', () => {
    const l = new FailureLimiter(3, 5 * MIN);
    for (let i = 0; i < 3; i++) {
      expect(l.blockedFor('k', 0)).toBe(0);
      l.hold('k');
    }
    expect(l.blockedFor('k', 0)).toBe(5 * MIN); // pending ones are counted as if they fail now
    l.settle('k', 10, false); // one succeeded: its place is free again
    expect(l.blockedFor('k', 10)).toBe(0);
    l.hold('k');
    l.settle('k', 20, true);
    expect(l.blockedFor('k', 20)).toBe(5 * MIN);
  });

  it('reset forgets the failures of one key only', () => {
    const l = new FailureLimiter(1, MIN);
    for (const k of ['a', 'b']) {
      l.hold(k);
      l.settle(k, 0, true);
    }
    l.reset('a');
    expect(l.blockedFor('a', 1)).toBe(0);
    expect(l.blockedFor('b', 1)).toBe(MIN - 1);
  });

  it('forgets the least recently used keys past maxKeys', () => {
    const l = new FailureLimiter(1, MIN, 2);
    for (const k of ['a', 'b', 'c']) {
      l.hold(k);
      l.settle(k, 0, true);
    }
    expect(l.blockedFor('a', 1)).toBe(0);
    expect(l.blockedFor('b', 1)).toBeGreaterThan(0);
    expect(l.blockedFor('c', 1)).toBeGreaterThan(0);
  });
});

describe('admit', () => {
  const setup = () => ({ pair: new FailureLimiter(2, MIN), address: new FailureLimiter(3, MIN) });

  it('holds a place in every limit at once and refuses naming the limit that is full', () => {
    const { pair, address } = setup();
    const checks = (user: string) => [
      { limiter: pair, key: `${user}|ip1`, what: 'for this account from this address', resetOnSuccess: true },
      { limiter: address, key: 'ip1', what: 'from this address' },
    ];
    const a = admit(checks('x'), 0);
    const b = admit(checks('x'), 0);
    expect('attempt' in a && 'attempt' in b).toBe(true);
    expect(admit(checks('x'), 0)).toEqual({ refused: { waitMs: MIN, what: 'for this account from this address' } });
    const c = admit(checks('y'), 0);
    expect('attempt' in c).toBe(true);
    expect(admit(checks('z'), 0)).toEqual({ refused: { waitMs: MIN, what: 'from this address' } });
    // a refusal held nothing: z's pair limit is untouched
    expect(pair.blockedFor('z|ip1', 0)).toBe(0);
  });

  it('a success frees its places and resets only the limits marked so; settling twice counts once', () => {
    const { pair, address } = setup();
    const checks = [
      { limiter: pair, key: 'x|ip1', what: 'pair', resetOnSuccess: true },
      { limiter: address, key: 'ip1', what: 'address' },
    ];
    const first = admit(checks, 0);
    if (!('attempt' in first)) throw new Error('refused');
    first.attempt.failed(0);
    first.attempt.failed(0);
    expect(address.blockedFor('ip1', 0)).toBe(0);
    const second = admit(checks, 1);
    if (!('attempt' in second)) throw new Error('refused');
    second.attempt.succeeded();
    second.attempt.released();
    expect(pair.blockedFor('x|ip1', 2)).toBe(0);
    // the address keeps its one failure: two more fill it
    for (const t of [3, 4]) {
      const r = admit([{ limiter: address, key: 'ip1', what: 'address' }], t);
      if ('attempt' in r) r.attempt.failed(t);
    }
    expect(address.blockedFor('ip1', 5)).toBe(MIN - 5);
  });

  it('a released attempt (e.g. the hash queue was full) counts as nothing', () => {
    const { pair } = setup();
    const r = admit([{ limiter: pair, key: 'k', what: 'k' }], 0);
    if (!('attempt' in r)) throw new Error('refused');
    r.attempt.released();
    r.attempt.failed(0);
    expect(pair.blockedFor('k', 0)).toBe(0);
  });
});

describe('configuration', () => {
  it('has the documented defaults and names a bad value', () => {
    const c = loadConfig({});
    expect([c.LOGIN_FAILURES_PER_ACCOUNT_ADDRESS, c.LOGIN_FAILURES_PER_ADDRESS, c.LOGIN_FAILURES_PER_ACCOUNT]).toEqual([5, 20, 50]);
    expect([c.PIN_FAILURES_PER_BADGE, c.PIN_FAILURES_PER_PANEL, c.EDGE_KEY_FAILURES_PER_MINUTE]).toEqual([5, 20, 20]);
    expect([c.SLOW_HASH_CONCURRENCY, c.SLOW_HASH_QUEUE]).toEqual([2, 32]);
    expect(() => loadConfig({ LOGIN_FAILURES_PER_ADDRESS: '0' })).toThrow(/LOGIN_FAILURES_PER_ADDRESS/);
    expect(() => loadConfig({ SLOW_HASH_QUEUE: 'many' })).toThrow(/SLOW_HASH_QUEUE/);
  });
});
