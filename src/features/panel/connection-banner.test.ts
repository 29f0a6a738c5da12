import { describe, expect, it } from 'vitest';
import { connectionText } from './connection-banner.tsx';
import { initialConnection } from '../../lib/connection.ts';

describe('connectionText', () => {
  it('says live, and how old the data is while reconnecting', () => {
    expect(connectionText({ ...initialConnection, status: 'live' }, 0)).toBe('LIVE');
    expect(connectionText({ ...initialConnection, status: 'reconnecting', staleSince: 1000 }, 43_000)).toBe('Reconnecting · data 42 s old');
    expect(connectionText({ ...initialConnection, status: 'live', queued: 2 }, 0)).toBe('LIVE · 2 answers waiting to send');
    expect(connectionText({ ...initialConnection, status: 'reconnecting', staleSince: 0, queued: 1 }, 31_000, true)).toBe('Reconnecting · data 31 s old · 1 queued');
  });
});
