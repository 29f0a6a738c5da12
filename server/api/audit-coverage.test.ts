import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/protocol/audit.ts';
import { startRelay, type TestRelay } from '../testing/relay.ts';
import { result } from '../testing/results.ts';
import { call, get } from './route-testing.ts';
import { setupRoutes } from './setup-routes.ts';

let relay: TestRelay;
let now = Date.now();
let sup: string;
const WRONG_KEYS_PER_MINUTE = 3;

beforeAll(async () => {
  relay = await startRelay({
    clock: () => now, edgeKeyFailuresPerMinute: 1000, wrongEdgeKeyAuditPerMinute: WRONG_KEYS_PER_MINUTE,
    beforeReady: (fastify, store) => setupRoutes(fastify, { store, token: 'one-time-token-123', clock: () => now }),
  });
});
afterAll(() => relay.close());

/** Every audit entry, oldest first, read from the store (reading through the API would add entries). */
const trail = async (): Promise<AuditEntry[]> => (await relay.store.auditPage({}, undefined, 1000, 'asc')).entries;

describe('what is audited besides changes', () => {
  it('the admin made by set-up', async () => {
    const res = await fetch(`${relay.url}/api/v1/setup`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: 'one-time-token-123', username: 'root', displayName: 'Plant admin', password: 'a-long-password-1' }),
    });
    expect(res.status).toBe(201);
    const entry = (await trail()).find((e) => e.action === 'user.create' && e.target === 'root');
    expect(entry).toMatchObject({ actor: 'setup', detail: { role: 'admin', scopes: [{ plant: '*' }], via: 'setup' } });
    expect(JSON.stringify(entry)).not.toContain('a-long-password-1');
    expect(JSON.stringify(entry)).not.toContain('one-time-token-123');
  });

  it('audit reads, with the filter asked for', async () => {
    await relay.addUser('sue', 'supervisor');
    sup = await relay.login('sue');
    expect((await get(relay, sup, '/api/v1/audit?action=user.*&limit=5')).status).toBe(200);
    const entry = (await trail()).at(-1)!;
    expect(entry).toMatchObject({ actor: 'sue', action: 'audit.read', detail: { query: { action: 'user.*', limit: 5 } } });
  });

  it('label exports, with the filter and what was sent', async () => {
    const res = await get(relay, sup, '/api/v1/labels?plant=p1&line=l1&format=csv');
    expect(res.status).toBe(200);
    const entry = (await trail()).at(-1)!;
    expect(entry).toMatchObject({
      actor: 'sue', action: 'labels.export', target: 'p1/l1',
      detail: { format: 'csv', query: { plant: 'p1', line: 'l1' }, cursor: 0, next: Number(res.headers.get('x-next-cursor')), count: 0 },
    });
  });

  it('sign-outs, by the person whose session ended', async () => {
    await relay.addUser('vic', 'viewer');
    const vic = await relay.login('vic');
    expect((await call(relay, vic, 'DELETE', '/api/v1/session')).status).toBe(204);
    expect((await trail()).at(-1)).toMatchObject({ actor: 'vic', action: 'logout', target: 'vic' });
    const before = (await trail()).length;
    expect((await call(relay, vic, 'DELETE', '/api/v1/session')).status).toBe(204); // an ended session: nobody to name
    expect((await trail()).length).toBe(before);
  });

  it('wrong edge keys, bounded per address per minute with one summary of the rest, never the key itself', async () => {
    const before = (await trail()).length;
    const wrong = (n: number) => fetch(`${relay.url}/api/v1/inferences`, {
      method: 'POST', headers: { authorization: `Bearer cl_guess${n}_secret-${n}-xyz`, 'content-type': 'application/json' }, body: JSON.stringify([result(n)]),
    });
    const answers = await Promise.all(Array.from({ length: 10 }, (_, n) => wrong(n)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(401));
    const rows = (await trail()).slice(before);
    expect(rows).toHaveLength(WRONG_KEYS_PER_MINUTE);
    for (const r of rows) {
      expect(r).toMatchObject({ actor: 'edge', action: 'edge.login.failed', target: expect.stringMatching(/^key:guess\d$/), detail: { ip: '127.0.0.1' } });
      expect(JSON.stringify(r)).not.toMatch(/secret-/);
    }
    // An edge socket with a wrong key from the same address counts against the same bound.
    const edge = connect(`${relay.url}/edge`, { auth: { key: 'not-a-key-at-all-123' }, transports: ['websocket'], forceNew: true, reconnection: false });
    expect((await new Promise<Error>((ok) => edge.once('connect_error', ok))).message).toMatch(/unknown or revoked/);
    edge.close();
    expect((await trail()).length).toBe(before + WRONG_KEYS_PER_MINUTE);

    now += 61_000;
    const socketAgain = connect(`${relay.url}/edge`, { auth: { key: 'not-a-key-at-all-123' }, transports: ['websocket'], forceNew: true, reconnection: false });
    await new Promise<Error>((ok) => socketAgain.once('connect_error', ok));
    socketAgain.close();
    const next = (await trail()).slice(before + WRONG_KEYS_PER_MINUTE);
    expect(next.map((e) => e.action)).toEqual(['edge.login.failed.suppressed', 'edge.login.failed']);
    expect(next[0]).toMatchObject({ actor: 'edge', target: '127.0.0.1', detail: { suppressed: 8, message: '8 more wrong edge keys suppressed' } });
    expect(next[1]).toMatchObject({ target: '(no key id)', detail: { ip: '127.0.0.1' } });
  });
});
