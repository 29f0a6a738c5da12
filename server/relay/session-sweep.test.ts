// Open sockets follow what happens to their sessions: a narrowed scope leaves the rooms it no longer
// covers (nothing more is pushed from them), a disabled person and a signed-out session are
// disconnected at once — not at their next request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertChange } from '../../src/protocol/alert.ts';
import { startRelay, type TestRelay } from '../testing/relay.ts';
import { nextEvent, result } from '../testing/results.ts';
import { roomScope } from './session-sweep.ts';

describe('roomScope', () => {
  const cases: [string, ReturnType<typeof roomScope>][] = [
    ['line:p1/l1', { plant: 'p1', line: 'l1' }],
    ['plant:p1', { plant: 'p1' }],
    ['trend:p1/l2/pump-1', { plant: 'p1', line: 'l2' }],
    ['Xr3kP0aSocketId', null],
  ];
  for (const [room, want] of cases) it(room, () => expect(roomScope(room)).toEqual(want));
});

describe('open sockets after their session changes', () => {
  let relay: TestRelay;
  let admin: string;
  beforeAll(async () => {
    relay = await startRelay();
    await relay.addUser('ada', 'admin');
    admin = await relay.login('ada');
  });
  afterAll(async () => relay.close());

  const patchUser = (username: string, body: unknown) => fetch(`${relay.url}/api/v1/admin/users/${username}`, {
    method: 'PATCH', headers: { cookie: admin, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });

  it('a narrowed scope leaves the rooms it no longer covers; a disabled person is disconnected', async () => {
    await relay.addUser('olga', 'operator', [{ plant: 'p1' }]);
    const cookie = await relay.login('olga');
    const olga = relay.browser(cookie);
    await olga.emitWithAck('subscribe', { plant: 'p1', line: 'l1' });
    await olga.emitWithAck('subscribe', { plant: 'p1', line: 'l2' });
    const seen: AlertChange[] = [];
    olga.on('alert:change', (c) => seen.push(c));

    expect((await patchUser('olga', { scopes: [{ plant: 'p1', line: 'l2' }] })).status).toBe(200); // answered once swept
    const key = await relay.edgeKey();
    const publish = (line: string, n: number) => fetch(`${relay.url}/api/v1/inferences`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify([1, 2, 3, 4].map((i) => result(n + i, { id: `${line}-${n + i}`, line }))) });
    expect((await publish('l1', 0)).status).toBe(202);
    expect((await publish('l2', 10)).status).toBe(202);
    await relay.app.host.drain();
    await expect.poll(() => seen.some((c) => c.alert.line === 'l2')).toBe(true);
    expect(seen.filter((c) => c.alert.line === 'l1')).toEqual([]);

    const gone = nextEvent<string>(olga, 'disconnect');
    expect((await patchUser('olga', { disabled: true })).status).toBe(200);
    expect(await gone).toBe('transport close');
    const refused = await nextEvent<Error>(relay.browser(cookie), 'connect_error'); // what the app's reconnect meets
    expect(refused.message).toMatch(/^unauthorized/);
  });

  it('signing out disconnects that session’s sockets, and only those', async () => {
    await relay.addUser('piet', 'operator');
    const [first, second] = [await relay.login('piet'), await relay.login('piet')];
    const [a, b] = [relay.browser(first), relay.browser(second)];
    await Promise.all([a.emitWithAck('subscribe', { plant: 'p1' }), b.emitWithAck('subscribe', { plant: 'p1' })]);
    const gone = nextEvent<string>(a, 'disconnect');
    expect((await fetch(`${relay.url}/api/v1/session`, { method: 'DELETE', headers: { cookie: first } })).status).toBe(204);
    expect(await gone).toBe('transport close');
    await new Promise((r) => setTimeout(r, 200));
    expect(b.connected).toBe(true);
  });
});
