import { describe, expect, it } from 'vitest';
import { HTTP_STATUS_OF, messageDetail, refusalCodeOf, RefusalCode } from './refusal.ts';

describe('HTTP_STATUS_OF', () => {
  it.each([
    ['invalid', 400], ['unauthorized', 401], ['wrong_credentials', 401], ['forbidden', 403], ['not_found', 404],
    ['conflict', 409], ['limit', 409], ['not_owner', 409], ['too_many_alerts', 409], ['too_many_alert_keys', 409],
    ['payload_too_large', 413], ['rate_limited', 429], ['internal', 500], ['busy', 503],
  ] as const)('%s answers %i', (code, status) => {
    expect(HTTP_STATUS_OF[code]).toBe(status);
  });

  it('has a status for every code and no other', () => {
    expect(Object.keys(HTTP_STATUS_OF).sort()).toEqual([...RefusalCode.options].sort());
  });
});

describe('messageDetail', () => {
  it.each([
    ['forbidden: Ada may not act on p1/l1', 'Ada may not act on p1/l1'],
    ['too many failed attempts: try again in 240 s (from this address)', 'try again in 240 s (from this address)'],
    ['no colon here', 'no colon here'],
  ])('%s → %s', (message, detail) => {
    expect(messageDetail(message)).toBe(detail);
  });
});

describe('refusalCodeOf', () => {
  it.each([
    [{ data: { code: 'unauthorized' } }, 'unauthorized'],
    [{ data: { code: 'no-such-code' } }, null],
    [{ data: undefined }, null],
    [{}, null],
  ] as const)('%j → %s', (err, code) => {
    expect(refusalCodeOf(err)).toBe(code);
  });
});
