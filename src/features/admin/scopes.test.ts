import { describe, expect, it } from 'vitest';
import { formatScopes, parseScopes } from './scopes.ts';

describe('scope text', () => {
  it('reads plants, lines and * and writes them back', () => {
    expect(parseScopes('demo, demo2/line1  *')).toEqual([{ plant: 'demo' }, { plant: 'demo2', line: 'line1' }, { plant: '*' }]);
    expect(formatScopes(parseScopes('demo/line1,demo'))).toBe('demo/line1, demo');
    expect(parseScopes('  ')).toEqual([]);
  });
});
