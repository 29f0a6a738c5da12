import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { clientAddress, parseTrustProxy } from './client-address.ts';

describe('TRUST_PROXY', () => {
  it('is off by default and for 0/false/off: the socket address is the client', () => {
    for (const off of [undefined, '', '0', 'false', 'off']) {
      const trust = parseTrustProxy(off);
      expect(trust).toBeNull();
      expect(clientAddress('10.0.0.5', '198.51.100.7', trust)).toBe('10.0.0.5');
    }
  });

  it('a hop count trusts that many proxies in front of the relay', () => {
    expect(clientAddress('10.0.0.5', '203.0.113.1, 198.51.100.7', parseTrustProxy('1'))).toBe('198.51.100.7');
    expect(clientAddress('10.0.0.5', '203.0.113.1, 198.51.100.7', parseTrustProxy('2'))).toBe('203.0.113.1');
    expect(clientAddress('10.0.0.5', undefined, parseTrustProxy('1'))).toBe('10.0.0.5');
  });

  it('addresses and CIDRs trust only those proxies; a spoofed header from elsewhere is ignored', () => {
    const trust = parseTrustProxy('10.0.0.0/8, 192.168.1.1 ,2001:db8::/32');
    expect(clientAddress('10.1.2.3', '198.51.100.7', trust)).toBe('198.51.100.7');
    expect(clientAddress('::ffff:10.1.2.3', '198.51.100.7', trust)).toBe('198.51.100.7');
    expect(clientAddress('10.1.2.3', '203.0.113.9, 198.51.100.7, 192.168.1.1', trust)).toBe('198.51.100.7');
    expect(clientAddress('2001:db8::1', ['198.51.100.7'], trust)).toBe('198.51.100.7');
    expect(clientAddress('198.51.100.66', '10.9.9.9', trust)).toBe('198.51.100.66');
    expect(clientAddress('10.1.2.3', '10.2.2.2', trust)).toBe('10.2.2.2'); // every hop trusted: the farthest one
    expect(clientAddress('::1', '198.51.100.7', parseTrustProxy('loopback'))).toBe('198.51.100.7');
    expect(clientAddress('127.0.0.1', '198.51.100.7', parseTrustProxy('loopback'))).toBe('198.51.100.7');
  });

  it('refuses settings that would trust anyone, or that it cannot read, naming the bad part', () => {
    expect(() => parseTrustProxy('true')).toThrow(/trust any client/);
    expect(() => parseTrustProxy('10.0.0.0/8,proxy.example')).toThrow(/"proxy.example"/);
    expect(() => parseTrustProxy('10.0.0.0/33')).toThrow(/"10.0.0.0\/33"/);
    expect(() => parseTrustProxy('-1')).toThrow(/"-1"/);
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY: .*"everyone"/);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1' }).TRUST_PROXY).toBe('127.0.0.1');
  });
});
