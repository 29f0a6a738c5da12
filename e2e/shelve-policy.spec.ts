import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, startDemo, type Demo } from './support/demo.ts';

/**
 * Shelve limits come from the relay's policy, not from the panel: an engineer tightens operators to
 * 30-minute shelves through the REST API, and the operator's shelve sheet offers no longer ones
 * (the relay would refuse them). Against the real `npm start` demo, in Chromium with touch.
 */

const BADGE = '4471';
const PIN = '2580';

let demo: Demo;
let lineToken: string;
test.beforeAll(async () => {
  demo = await startDemo({ CLEARLINE_DEMO_PIN: PIN });
  // The demo prints one device token per line: "panel device line1: http://…/panel-login (token clp_…)".
  lineToken = /panel device line1: \S+ \(token (clp_[\w-]+)\)/.exec(demo.output())![1]!;
});
test.afterAll(async () => {
  await demo?.stop();
});

test('with a policy that allows operators only 30-minute shelves, the panel offers no longer ones', async ({ page, browser }) => {
  const engineer = await browser.newContext();
  expect((await engineer.request.post(`${demo.url}/api/v1/session`, { data: { username: 'engineer', password: DEMO_PASSWORD } })).status()).toBe(200);
  const { book } = (await (await engineer.request.get(`${demo.url}/api/v1/policy`)).json()) as { book: { plants: Record<string, { policy: object }> } };
  const demoPlant = book.plants.demo ?? { policy: {} };
  const put = await engineer.request.put(`${demo.url}/api/v1/policy/plants/demo`, { data: { ...demoPlant, policy: { ...demoPlant.policy, operatorShelveMaxMinutes: 30 } } });
  expect(put.status()).toBe(200);
  await engineer.close();

  // Line 1's panel device with the demo operator identified (the keypad has its own test in panel.spec.ts).
  expect((await page.request.post(`${demo.url}/api/v1/panel-session`, { data: { token: lineToken } })).status()).toBe(200);
  expect((await page.request.post(`${demo.url}/api/v1/panel-session/operator`, { data: { badge: BADGE, pin: PIN } })).status()).toBe(200);
  await page.goto(`${demo.url}/panel/demo/line1`);
  const card = page.getByTestId('alert-card').first();
  await expect(card).toBeVisible({ timeout: Math.max(30_000, demo.startedAt + 45_000 - Date.now()) });
  await card.getByTestId('shelve').tap();
  const sheet = page.getByTestId('shelve-sheet');
  for (const offered of ['15 min', '30 min', 'Until back to normal']) await expect(sheet.getByRole('button', { name: offered, exact: true })).toBeVisible();
  for (const longer of ['1 h', '2 h', '4 h', '8 h']) await expect(sheet.getByRole('button', { name: longer, exact: true })).toHaveCount(0);
});
