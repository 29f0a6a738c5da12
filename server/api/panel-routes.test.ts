// PIN and panel-token limits against a real relay: parallel guesses are refused before the slow
// hash, and one badge's wrong PINs do not lock the other badges out of the panel.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createPanelDevice, setBadge } from '../auth/panels.ts';
import { countStatuses, requestFrom } from '../testing/from-address.ts';
import { startRelay, type TestRelay } from '../testing/relay.ts';

let relay: TestRelay;
beforeEach(async () => {
  relay = await startRelay({ signInLimits: { pinPerPanel: 12, loginPerAddress: 5 } });
  await relay.addUser('olga', 'operator', [{ plant: 'p1', line: 'l1' }]);
  await relay.addUser('oleg', 'operator', [{ plant: 'p1', line: 'l1' }]);
  await relay.addUser('olav', 'operator', [{ plant: 'p1', line: 'l1' }]);
  await setBadge(relay.store, 'olga', '4471', '2580');
  await setBadge(relay.store, 'oleg', '6001', '1357');
  await setBadge(relay.store, 'olav', '7002', '8642');
});
afterEach(async () => relay.close());

const post = (path: string, body: unknown, cookie?: string) =>
  requestFrom('127.0.0.1', `${relay.url}${path}`, 'POST', body, cookie ? { cookie } : {});
const identify = (cookie: string, badge: string, pin: string) => post('/api/v1/panel-session/operator', { badge, pin }, cookie);

async function panelCookie(): Promise<string> {
  const { token } = await createPanelDevice(relay.store, 'Line 1 panel', 'p1', 'l1', Date.now());
  const res = await post('/api/v1/panel-session', { token });
  expect(res.status).toBe(200);
  return String(res.headers['set-cookie']).split(';')[0]!;
}

const failedIdentifications = async () =>
  (await relay.store.db.selectFrom('audit').select('seq').where('action', '=', 'operator.identify.failed').execute()).length;

it('30 parallel wrong PINs for one badge: at most 5 are checked, the rest get 429; another badge still identifies on that panel', async () => {
  const cookie = await panelCookie();
  const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => identify(cookie, '4471', String(1000 + i))));
  const by = countStatuses(answers);
  expect(by[401] ?? 0).toBeLessThanOrEqual(5);
  expect((by[401] ?? 0) + (by[429] ?? 0)).toBe(30);
  const refused = answers.find((a) => a.status === 429)!;
  expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  expect(refused.json.error).toMatch(/^too many failed attempts: try again in \d+ s \(for this badge on this panel\)$/);
  expect(await failedIdentifications()).toBe(by[401] ?? 0);
  expect((await identify(cookie, '4471', '2580')).status).toBe(429); // that badge waits, even with its PIN
  const oleg = await identify(cookie, '6001', '1357');
  expect(oleg.status).toBe(200);
  expect(oleg.json).toMatchObject({ username: 'oleg', role: 'operator' });
});

it('a panel has a higher limit across all badges', async () => {
  const cookie = await panelCookie();
  for (let i = 0; i < 5; i++) expect((await identify(cookie, '4471', String(1000 + i))).status).toBe(401);
  for (let i = 0; i < 5; i++) expect((await identify(cookie, '6001', String(1000 + i))).status).toBe(401);
  for (let i = 0; i < 2; i++) expect((await identify(cookie, '9999', String(1000 + i))).status).toBe(401);
  const refused = await identify(cookie, '7002', '8642');
  expect(refused.status).toBe(429);
  expect(refused.json.error).toMatch(/^too many failed attempts: try again in \d+ s \(on this panel\)$/);
  // another panel of the same line is not affected
  expect((await identify(await panelCookie(), '7002', '8642')).status).toBe(200);
});

it('30 parallel wrong panel tokens from one address: at most the address limit are checked', async () => {
  const { id } = await createPanelDevice(relay.store, 'Line 1 panel', 'p1', 'l1', Date.now());
  const answers = await Promise.all(Array.from({ length: 30 }, (_, i) =>
    requestFrom('127.0.0.2', `${relay.url}/api/v1/panel-session`, 'POST', { token: `clp_${id}_wrong-secret-${i}` })));
  const by = countStatuses(answers);
  expect(by[401] ?? 0).toBeLessThanOrEqual(5);
  expect((by[401] ?? 0) + (by[429] ?? 0)).toBe(30);
  expect((await panelCookie()).startsWith('cl_session=')).toBe(true); // a panel at another address signs in
});
