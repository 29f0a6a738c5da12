import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { createOriginCheck, parseAllowedOrigins, type OriginRequest } from './origin.ts';

const PROXY = 'https://alarms.example.com';

describe('the Origin check', () => {
  const check = createOriginCheck([PROXY]);
  const table: { name: string; req: OriginRequest; allowed: boolean }[] = [
    { name: 'no Origin header (edges, curl, Node clients)', req: { origin: undefined, host: '127.0.0.1:8080', secure: false }, allowed: true },
    { name: 'no Origin and no Host', req: { origin: undefined, host: undefined, secure: false }, allowed: true },
    { name: 'the relay\'s own origin', req: { origin: 'http://127.0.0.1:8080', host: '127.0.0.1:8080', secure: false }, allowed: true },
    { name: 'own origin, host named in capitals', req: { origin: 'http://relay.local:8080', host: 'RELAY.local:8080', secure: false }, allowed: true },
    { name: 'own origin on the default port', req: { origin: 'http://relay.local', host: 'relay.local:80', secure: false }, allowed: true },
    { name: 'own origin over TLS', req: { origin: 'https://relay.local', host: 'relay.local', secure: true }, allowed: true },
    { name: 'own IPv6 origin', req: { origin: 'http://[::1]:8080', host: '[::1]:8080', secure: false }, allowed: true },
    { name: 'listed in ALLOWED_ORIGINS (proxy with another Host)', req: { origin: PROXY, host: '10.0.0.5:8080', secure: false }, allowed: true },
    { name: 'another port of the same host (same site)', req: { origin: 'http://127.0.0.1:9999', host: '127.0.0.1:8080', secure: false }, allowed: false },
    { name: 'another host', req: { origin: 'http://evil.example', host: '127.0.0.1:8080', secure: false }, allowed: false },
    { name: 'same host and port but https while the relay is plain http', req: { origin: 'https://127.0.0.1:8080', host: '127.0.0.1:8080', secure: false }, allowed: false },
    { name: 'same host and port but http while the relay is TLS', req: { origin: 'http://relay.local', host: 'relay.local', secure: true }, allowed: false },
    { name: 'Origin "null" (sandboxed frame, file://)', req: { origin: 'null', host: '127.0.0.1:8080', secure: false }, allowed: false },
    { name: 'an Origin that is not a URL', req: { origin: 'not a url', host: '127.0.0.1:8080', secure: false }, allowed: false },
    { name: 'an Origin with a path is not an origin', req: { origin: 'http://127.0.0.1:8080/x', host: '127.0.0.1:8080', secure: false }, allowed: false },
    { name: 'two Origin headers joined', req: { origin: 'http://127.0.0.1:8080, http://127.0.0.1:8080', host: '127.0.0.1:8080', secure: false }, allowed: false },
    { name: 'an Origin but no Host', req: { origin: 'http://127.0.0.1:8080', host: undefined, secure: false }, allowed: false },
    { name: 'an Origin and a Host that is not a host', req: { origin: 'http://a', host: 'a/b', secure: false }, allowed: false },
    { name: 'a prefix of an allowed origin is not allowed', req: { origin: 'https://alarms.example.com.evil.example', host: '10.0.0.5:8080', secure: false }, allowed: false },
    { name: 'the allowed origin on another port', req: { origin: 'https://alarms.example.com:8443', host: '10.0.0.5:8080', secure: false }, allowed: false },
  ];
  for (const row of table) {
    it(`${row.allowed ? 'accepts' : 'refuses'} ${row.name}`, () => {
      const refusal = check(row.req);
      if (row.allowed) expect(refusal).toBeNull();
      else expect(refusal).toMatch(/^forbidden: origin .* is not allowed/);
    });
  }

  it('names the refused origin and the relay\'s own, and says how to allow another', () => {
    expect(check({ origin: 'http://127.0.0.1:9999', host: '127.0.0.1:8080', secure: false }))
      .toBe('forbidden: origin http://127.0.0.1:9999 is not allowed (this relay is http://127.0.0.1:8080; others go in ALLOWED_ORIGINS)');
  });

  it('does not echo a huge header back', () => {
    expect(check({ origin: `http://${'a'.repeat(5000)}`, host: 'h', secure: false })!.length).toBeLessThan(300);
  });
});

describe('ALLOWED_ORIGINS', () => {
  it('is empty when unset or blank', () => {
    expect(parseAllowedOrigins(undefined)).toEqual([]);
    expect(parseAllowedOrigins(' ')).toEqual([]);
  });

  it('takes comma-separated origins and writes them as browsers do', () => {
    expect(parseAllowedOrigins('https://Alarms.Example.com, http://10.0.0.5:80 ,https://x.example:8443'))
      .toEqual(['https://alarms.example.com', 'http://10.0.0.5', 'https://x.example:8443']);
  });

  const bad: [string, RegExp][] = [
    ['alarms.example.com', /"alarms\.example\.com" is not an origin/],
    ['https://alarms.example.com/', /"https:\/\/alarms\.example\.com\/" is not an origin.*no path/],
    ['https://alarms.example.com/app', /no path/],
    ['ftp://x.example', /http or https/],
    ['https://user@x.example', /not an origin/],
    ['https://x.example?a=1', /not an origin/],
    ['https://a.example,,https://b.example', /empty entry/],
    ['*', /"\*" is not an origin/],
  ];
  for (const [text, message] of bad) {
    it(`refuses ${JSON.stringify(text)} naming the entry`, () => {
      expect(() => parseAllowedOrigins(text)).toThrow(message);
    });
  }

  it('refuses a bad entry handed to the check directly', () => {
    expect(() => createOriginCheck(['https://x.example/path'])).toThrow(/no path/);
  });

  it('stops start-up naming the variable and the entry when it is wrong', () => {
    expect(loadConfig({ ALLOWED_ORIGINS: 'https://a.example, https://b.example' }).ALLOWED_ORIGINS).toEqual(['https://a.example', 'https://b.example']);
    expect(loadConfig({}).ALLOWED_ORIGINS).toEqual([]);
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'https://a.example/app' })).toThrow(/ALLOWED_ORIGINS: "https:\/\/a\.example\/app" is not an origin/);
  });
});
