import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AuditPage, type AuditEntry } from '../../src/protocol/audit.ts';
import type { CommandAck } from '../../src/protocol/commands.ts';
import { call, episode, get, publish, T0 } from '../api/route-testing.ts';
import { openStore } from '../store/open.ts';
import { startRelay, type TestRelay } from '../testing/relay.ts';

let relay: TestRelay;
let now = Date.now();
let sup: string;
let viewer: string;
let alertId: string;
const PER_MINUTE = 5;

beforeAll(async () => {
  relay = await startRelay({ clock: () => now, refusedCommandAuditPerMinute: PER_MINUTE });
  await relay.addUser('sue', 'supervisor');
  await relay.addUser('vic', 'viewer');
  [sup, viewer] = await Promise.all([relay.login('sue'), relay.login('vic')]);
  await publish(relay, await relay.edgeKey(), episode('pump-1', T0, { below: 0 }));
  alertId = (await relay.store.openAlerts({ plant: 'p1' }))[0]!.id;
});
let stopped = false;
afterAll(async () => {
  if (!stopped) await relay.close();
});

const audited = async (actor: string): Promise<AuditEntry[]> =>
  AuditPage.parse((await get(relay, sup, `/api/v1/audit?actor=${actor}&order=asc&limit=1000`)).json).entries;

// A target the viewer chose: looks like another plant's alert, with a right-to-left override inside.
const chosen = 'p2/l1/\u202eexe.pmup/watch/anomaly#1';

it('audits refused commands up to a bound per person per minute over REST and sockets together, then one summary', async () => {
  const socket = relay.browser(viewer);
  await new Promise<void>((ok) => socket.once('connect', () => ok()));
  const rest = Array.from({ length: 40 }, () => call(relay, viewer, 'POST', '/api/v1/commands', { type: 'acknowledge', commandId: crypto.randomUUID(), alertId: chosen }));
  const sock = Array.from({ length: 20 }, () => socket.emitWithAck('command', { type: 'feedback', commandId: crypto.randomUUID(), alertId: chosen, answer: 'real' }) as Promise<CommandAck>);
  const [r, s] = await Promise.all([Promise.all(rest), Promise.all(sock)]);
  expect(r.every((x) => x.status === 403)).toBe(true); // each is still refused
  expect(s.every((x) => x.status === 'refused')).toBe(true);

  const first = await audited('vic');
  const refused = first.filter((e) => e.action.endsWith('.refused'));
  expect(refused).toHaveLength(PER_MINUTE);
  // An alert id that names no alert is not stored as the target: a note instead, the text escaped in the detail.
  for (const e of refused) {
    expect(e.target).toBe('(unverified)');
    expect(JSON.stringify(e)).not.toContain('\u202e');
    expect(e.detail.requested).toBe('p2/l1/\\u202eexe.pmup/watch/anomaly#1');
    expect(e.detail.reason).toMatch(/^forbidden: viewers cannot change alerts$|^not found: no open alert p2\/l1\/\\u202e/);
  }

  // The next minute: the first write tells how many were left out, then the refusal itself (a real alert: its id is the target).
  now += 61_000;
  expect((await call(relay, viewer, 'POST', '/api/v1/commands', { type: 'acknowledge', commandId: crypto.randomUUID(), alertId })).status).toBe(403);
  const added = (await audited('vic')).slice(first.length).filter((e) => e.action !== 'login');
  expect(added.map((e) => e.action)).toEqual(['command.refused.suppressed', 'acknowledge.refused']);
  expect(added[0]!.detail).toMatchObject({ suppressed: 55, message: '55 more refused commands suppressed' });
  expect(added[1]!.target).toBe(alertId);
});

it('writes the summary of a window still open when the relay stops', async () => {
  const before = (await audited('vic')).length;
  await Promise.all(Array.from({ length: PER_MINUTE + 3 }, () => call(relay, viewer, 'POST', '/api/v1/commands', { type: 'unshelve', commandId: crypto.randomUUID(), alertId })));
  const dir = relay.dir;
  await relay.close({ keepData: true });
  stopped = true;
  const store = await openStore({ sqliteFile: join(dir, 'clearline.sqlite') });
  try {
    const page = await store.auditPage({ actor: 'vic' }, undefined, 1000, 'asc');
    const added = page.entries.slice(before);
    expect(added.filter((e) => e.action === 'unshelve.refused')).toHaveLength(PER_MINUTE - 1); // one was used in this minute already
    expect(added.at(-1)).toMatchObject({ action: 'command.refused.suppressed', detail: { suppressed: 4 } });
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
