import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { DEMO_PASSWORD, startDemo, type Demo } from './support/demo.ts';

let demo: Demo;
test.beforeAll(async () => {
  demo = await startDemo();
});
test.afterAll(async () => {
  await demo?.stop();
});

/** The demo simulator raises alerts within ~30 s of start and keeps raising them; allow for a lull. */
const untilFirstAlert = () => Math.max(30_000, demo.startedAt + 45_000 - Date.now());

async function signIn(page: Page, username = 'operator') {
  const res = await page.request.post(`${demo.url}/api/v1/session`, { data: { username, password: DEMO_PASSWORD } });
  expect(res.status()).toBe(200);
}

/** Every visible button and field is at least 64 px tall (gloved fingers). */
async function smallTargets(page: Page): Promise<string[]> {
  return page.$$eval('button, input, a[href]', (els) => els
    .filter((e) => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden' && !e.closest('.sr-only');
    })
    .filter((e) => e.getBoundingClientRect().height < 63.5)
    .map((e) => `${e.tagName} "${(e.textContent ?? '').trim().slice(0, 30)}" ${Math.round(e.getBoundingClientRect().height)}px`));
}

test('signing in on the panel shows the explained alert, live, with large targets @both-sizes', async ({ page }, info) => {
  await page.goto(`${demo.url}/panel/demo/line1`);
  await expect(page).toHaveURL(/\/login\?next=/);
  expect(await smallTargets(page)).toEqual([]);
  await page.getByLabel('User name').fill('operator');
  await page.getByLabel('Password').fill('wrong password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText(/wrong user name or password/i);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/panel\/demo\/line1$/);

  const card = page.getByTestId('alert-card');
  await expect(card).toBeVisible({ timeout: untilFirstAlert() });
  await expect(card).toHaveAttribute('data-alert-id', /.+/);
  await expect(card.getByRole('heading', { level: 2 })).toContainText(/ — (Pump|Press) /);
  await expect(card.locator('[data-priority]').first()).toContainText(/LOW|MEDIUM|HIGH|CRITICAL/);
  await expect(card).toContainText(/score .+ \/ threshold/);
  await expect(card.getByTestId('why-row').first()).toBeVisible();
  await expect(card.getByTestId('alert-sentence')).not.toBeEmpty();
  await expect(page.getByTestId('connection-banner')).toHaveText(/LIVE/);
  expect(await smallTargets(page)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await page.screenshot({ path: info.outputPath(`panel-${info.project.name}.png`) });
});

test('the panel has no serious accessibility violations', async ({ page }) => {
  await signIn(page);
  await page.goto(`${demo.url}/panel/demo/line1`);
  await expect(page.getByTestId('alert-card')).toBeVisible({ timeout: untilFirstAlert() });
  const result = await new AxeBuilder({ page }).analyze();
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
});

test('answers given offline are queued in IndexedDB and sent after reconnecting, even across a reload', async ({ page, context }) => {
  await signIn(page);
  await page.goto(`${demo.url}/panel/demo/line1`);
  const card = page.getByTestId('alert-card');
  await expect(card).toBeVisible({ timeout: untilFirstAlert() });
  const banner = page.getByTestId('connection-banner');
  await expect(banner).toHaveText(/LIVE/);

  await context.setOffline(true);
  await expect(banner).toHaveText(/Reconnecting · data \d+ s old/, { timeout: 30_000 });
  await card.getByTestId('answer-not_sure').tap();
  await expect(card.getByTestId('command-status')).toHaveText(/queued/);
  await expect(banner).toContainText('1 answer waiting to send');
  expect(await page.evaluate(() => new Promise<number>((resolve) => {
    const open = indexedDB.open('clearline');
    open.onsuccess = () => {
      const get = open.result.transaction('commands').objectStore('commands').get('outbox');
      get.onsuccess = () => resolve((get.result as unknown[] | undefined)?.length ?? 0);
    };
  }))).toBe(1);

  await context.setOffline(false);
  await page.reload();
  await expect(banner).toHaveText(/^LIVE$/, { timeout: 30_000 });
});

// Runs last: acknowledging and shelving take alerts off line 1 for a while.
test('an operator answers, acknowledges and shelves from the card, by touch only', async ({ page }) => {
  await signIn(page);
  await page.goto(`${demo.url}/panel/demo/line1`);
  const card = page.getByTestId('alert-card');
  await expect(card).toBeVisible({ timeout: untilFirstAlert() });
  const id = await card.getAttribute('data-alert-id');
  const status = card.getByTestId('command-status');

  await card.getByTestId('answer-real').tap();
  await expect(status).toHaveText(/Answer: done/);
  await card.getByRole('button', { name: 'Sensor fault' }).tap();
  await card.getByRole('button', { name: 'Send reason' }).tap();
  await expect(status).toHaveText(/Answer: done/);

  if (await card.getByTestId('acknowledge').isEnabled()) {
    await card.getByTestId('acknowledge').tap();
    // Done; or, for an alert already back to normal, acknowledged and so gone from the panel.
    const ackOutcome = () => page.locator(`[data-testid=alert-card][data-alert-id="${id}"]`).count()
      .then((n) => (n ? status.textContent() : 'gone'));
    await expect.poll(ackOutcome).toMatch(/Acknowledge: done|gone/);
  }

  await expect(card).toBeVisible({ timeout: untilFirstAlert() });
  const shelvedId = await card.getAttribute('data-alert-id');
  await card.getByTestId('shelve').tap();
  const sheet = page.getByTestId('shelve-sheet');
  await expect(sheet.getByRole('button', { name: '4 h' })).toHaveCount(0); // operator: at most 2 h
  await expect(sheet.getByTestId('shelve-confirm')).toBeDisabled();
  await sheet.getByRole('button', { name: '30 min' }).tap();
  await sheet.getByRole('button', { name: 'Maintenance in progress' }).tap();
  await sheet.getByTestId('shelve-confirm').tap();
  // Shelved alerts leave the operator's panel.
  await expect(page.locator(`[data-alert-id="${shelvedId}"]`)).toHaveCount(0);
});
