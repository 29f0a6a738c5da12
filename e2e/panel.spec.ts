import { gzipSync } from 'node:zlib';
import { expect, test, type APIRequestContext, type Browser, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import type { LabelRecord } from '../src/protocol/label.ts';
import { DEMO_PASSWORD, startDemo, type Demo } from './support/demo.ts';

/**
 * The operator panel against the real `npm start` demo (relay + simulator), in Chromium with touch
 * emulation. Tests tagged @both-sizes run at 1280×800 and at 800×480 (see playwright.config.ts);
 * each size gets its own demo, started once for this file.
 */

const BADGE = '4471';
const PIN = '2580';

let demo: Demo;
let panelTokens: Record<string, string>;
test.beforeAll(async () => {
  demo = await startDemo({ CLEARLINE_DEMO_PIN: PIN });
  // The demo prints one device token per line: "panel device line1: http://…/panel-login (token clp_…)".
  panelTokens = Object.fromEntries([...demo.output().matchAll(/panel device (\w+): \S+ \(token (clp_[\w-]+)\)/g)].map((m) => [m[1]!, m[2]!]));
  expect(Object.keys(panelTokens)).toEqual(['line1', 'line2']);
});
test.afterAll(async () => {
  await demo?.stop();
});

/** The demo simulator raises alerts within ~10 s of start and keeps raising them; allow for a lull. */
const untilFirstAlert = () => Math.max(30_000, demo.startedAt + 45_000 - Date.now());

async function signIn(request: APIRequestContext, username: string) {
  const res = await request.post(`${demo.url}/api/v1/session`, { data: { username, password: DEMO_PASSWORD } });
  expect(res.status()).toBe(200);
}

/** This page's browser becomes line 1's panel device, with the demo operator identified (through the API; the keypad has its own test). */
async function panelWithOperator(page: Page, line = 'line1') {
  expect((await page.request.post(`${demo.url}/api/v1/panel-session`, { data: { token: panelTokens[line] } })).status()).toBe(200);
  expect((await page.request.post(`${demo.url}/api/v1/panel-session/operator`, { data: { badge: BADGE, pin: PIN } })).status()).toBe(200);
  await page.goto(`${demo.url}/panel/demo/${line}`);
  const card = page.getByTestId('alert-card');
  await expect(card).toBeVisible({ timeout: untilFirstAlert() });
  await expect(page.getByTestId('operator')).toContainText('A. Rossi');
  return card;
}

/** The labels of line 1 as a supervisor pulls them for retraining: `GET /api/v1/labels` (JSONL), in a browser context of their own. */
async function supervisorLabels(browser: Browser): Promise<{ fetch: () => Promise<LabelRecord[]>; close: () => Promise<void> }> {
  const ctx = await browser.newContext();
  await signIn(ctx.request, 'supervisor');
  return {
    fetch: async () => {
      const res = await ctx.request.get(`${demo.url}/api/v1/labels?format=jsonl&plant=demo&line=line1`);
      expect(res.status()).toBe(200);
      return (await res.text()).split('\n').filter(Boolean).map((l) => JSON.parse(l) as LabelRecord);
    },
    close: () => ctx.close(),
  };
}

/** A label keeps the full input snapshot at the alert's peak: features, values, attributions, score, threshold. */
function expectFullSnapshot(label: LabelRecord) {
  expect(label.snapshot.resultId).toEqual(expect.any(String));
  expect(Number.isFinite(label.snapshot.score) && Number.isFinite(label.snapshot.threshold)).toBe(true);
  expect(label.snapshot.attributions?.length).toBeGreaterThanOrEqual(3);
  for (const a of label.snapshot.attributions ?? []) {
    expect(a).toMatchObject({ feature: expect.any(String), value: expect.any(Number), contribution: expect.any(Number) });
  }
  expect(label.resultIds.length).toBeGreaterThan(0);
  expect(label.model).toMatchObject({ name: 'pump-watch', version: expect.any(String) });
  expect(label.by).toEqual({ user: 'operator', role: 'operator' });
}

/** Every visible button, field and link is at least 64 px tall (gloved fingers). */
async function smallTargets(page: Page): Promise<string[]> {
  return page.$$eval('button, input, a[href]', (els) => els
    .filter((e) => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden' && !e.closest('.sr-only');
    })
    .filter((e) => e.getBoundingClientRect().height < 63.5)
    .map((e) => `${e.tagName} "${(e.textContent ?? '').trim().slice(0, 30)}" ${Math.round(e.getBoundingClientRect().height)}px`));
}

const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

async function tapDigits(keypad: Locator, digits: string) {
  for (const d of digits) await keypad.getByRole('button', { name: d, exact: true }).tap();
}

test('a person signs in and sees an alert from the simulator, explained and trended, with large targets @both-sizes', async ({ page }, info) => {
  await page.goto(`${demo.url}/panel/demo/line1`);
  await expect(page).toHaveURL(/\/login\?next=/);
  expect(await smallTargets(page)).toEqual([]);
  await page.getByLabel('User name').fill('operator');
  await page.getByLabel('Password').fill('wrong password');
  await page.getByRole('button', { name: 'Sign in' }).tap();
  await expect(page.getByRole('alert')).toContainText(/wrong user name or password/i);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).tap();
  await expect(page).toHaveURL(/\/panel\/demo\/line1$/);

  const card = page.getByTestId('alert-card');
  await expect(card).toBeVisible({ timeout: untilFirstAlert() });
  await expect(card).toHaveAttribute('data-alert-id', /.+/);
  // What and where, how urgent (word + shape), how sure, by which model.
  await expect(card.getByRole('heading', { level: 2 })).toContainText(/ — (Pump|Press) /);
  await expect(card.locator('[data-priority]').first()).toContainText(/LOW|MEDIUM|HIGH|CRITICAL/);
  await expect(card.getByTestId('alert-meta')).toContainText(/score .+ \/ threshold .+pump-watch \d/);
  // Why: named features with units, and one plain sentence in σ from the catalogue's mean.
  await expect(card.getByTestId('why-row').first()).toBeVisible();
  await expect(card.getByTestId('alert-sentence')).toHaveText(/^“[A-Z][^”]+ \d[\d.,]* ?\S* is [\d.,]+ σ (above|below) normal \(.+\)[.;].*”$/);
  // The trend of the top features around the start, from the relay's stored results.
  const trend = card.getByTestId('alert-trend');
  await trend.scrollIntoViewIfNeeded();
  await expect(trend).toBeVisible();
  await expect.poll(async () => Number(await trend.getAttribute('data-points')), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
  await expect(trend.getByTestId('trend-row')).toHaveCount(info.project.name === 'panel-800' ? 2 : 3);
  await expect(trend.getByRole('img').first()).toHaveAttribute('aria-label', /before the start, .+ at the start, .+ now/);
  await expect(trend).toContainText('▲ start');

  await expect(page.getByTestId('connection-banner')).toHaveText(/LIVE/);
  expect(await smallTargets(page)).toEqual([]);
  expect(await fitsWidth(page)).toBe(true);
  await page.screenshot({ path: info.outputPath(`panel-${info.project.name}.png`) });
});

test('a panel device signs in by its token; an operator identifies with badge + PIN on the keypad, by touch @both-sizes', async ({ page }, info) => {
  // A wrong token is refused and the token leaves the address bar.
  await page.goto(`${demo.url}/panel-login?token=clp_nope_notavalidtoken`);
  await expect(page.getByRole('alert')).toContainText(/not valid/);
  await expect(page).toHaveURL(/\/panel-login$/);
  expect(await smallTargets(page)).toEqual([]);
  await page.screenshot({ path: info.outputPath(`panel-login-${info.project.name}.png`) });
  await page.goto(`${demo.url}/panel-login?token=${panelTokens.line1}`);
  await expect(page).toHaveURL(/\/panel\/demo\/line1$/);
  // The device is bound to its line: another line's panel leads back to its own.
  await page.goto(`${demo.url}/panel/demo/line2`);
  await expect(page).toHaveURL(/\/panel\/demo\/line1$/);

  const card = page.getByTestId('alert-card');
  await expect(card).toBeVisible({ timeout: untilFirstAlert() });
  await expect(page.getByTestId('identify')).toBeVisible();
  await expect(card.getByTestId('answer-false_alarm')).toHaveCount(0);
  expect(await smallTargets(page)).toEqual([]);
  await page.screenshot({ path: info.outputPath(`viewer-${info.project.name}.png`) });
  await card.getByTestId('identify-to-answer').tap();

  const keypad = page.getByTestId('operator-keypad');
  await expect(keypad).toBeVisible();
  expect(await smallTargets(page)).toEqual([]);
  const keySize = await keypad.getByRole('button', { name: '5', exact: true }).boundingBox();
  expect(Math.min(keySize!.width, keySize!.height)).toBeGreaterThanOrEqual(64);
  const display = keypad.getByTestId('keypad-display');
  const next = keypad.getByTestId('keypad-next');

  // A wrong PIN: refused without saying which of the two was wrong; the badge is kept.
  await tapDigits(keypad, BADGE);
  await expect(display).toContainText(BADGE);
  await next.tap();
  await tapDigits(keypad, '9999');
  await expect(display).toContainText('●●●●');
  await expect(display).not.toContainText('9999');
  await next.tap();
  await expect(keypad.getByTestId('keypad-message')).toContainText('Badge or PIN not recognised');
  await expect(display).toContainText(BADGE);

  await next.tap();
  await tapDigits(keypad, '25');
  await keypad.getByRole('button', { name: 'Delete last digit' }).tap();
  await tapDigits(keypad, '580');
  await expect(display).toContainText('●●●●');
  await page.screenshot({ path: info.outputPath(`keypad-${info.project.name}.png`) });
  await next.tap();
  await expect(keypad).toHaveCount(0);

  // Identified: who, and how long until the panel falls back to view-only without a command.
  await expect(page.getByTestId('operator')).toContainText('A. Rossi');
  await expect(page.getByTestId('operator-idle')).toHaveText(/[45]:\d\d$/);
  await expect(card.getByTestId('answer-false_alarm')).toBeVisible();
  expect(await smallTargets(page)).toEqual([]);
  expect(await fitsWidth(page)).toBe(true);
  await page.screenshot({ path: info.outputPath(`identified-${info.project.name}.png`) });

  await page.getByTestId('operator-sign-out').tap();
  await expect(page.getByTestId('identify')).toBeVisible();
  await expect(card.getByTestId('identify-to-answer')).toBeVisible();
  const me = await (await page.request.get(`${demo.url}/api/v1/session`)).json() as { role: string };
  expect(me.role).toBe('viewer');
});

test('the panel has no serious accessibility violations, with the keypad open too @both-sizes', async ({ page }) => {
  expect((await page.request.post(`${demo.url}/api/v1/panel-session`, { data: { token: panelTokens.line1 } })).status()).toBe(200);
  await page.goto(`${demo.url}/panel/demo/line1`);
  await expect(page.getByTestId('alert-card')).toBeVisible({ timeout: untilFirstAlert() });
  await expect(page.getByTestId('alert-trend')).not.toHaveAttribute('data-points', '0');
  const serious = async () => (await new AxeBuilder({ page }).analyze()).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(await serious()).toEqual([]);
  await page.getByTestId('identify').tap();
  await expect(page.getByTestId('operator-keypad')).toBeVisible();
  expect(await serious()).toEqual([]);
});

test('"False alarm" + a reason chip is stored as a label with the full snapshot, checked through the labels API @both-sizes', async ({ page, browser }) => {
  const card = await panelWithOperator(page);
  const alertId = (await card.getAttribute('data-alert-id'))!;
  const status = card.getByTestId('command-status');
  await card.getByTestId('answer-false_alarm').tap();
  await expect(status).toHaveText(/Answer: done/);
  // One more touch: the reason chip sends the answer again with its reason (a new version of the label).
  await card.getByRole('button', { name: 'Sensor fault' }).tap();
  await expect(card.getByRole('button', { name: 'Sensor fault' })).toHaveAttribute('aria-pressed', 'true');
  await expect(status).toHaveText(/Answer: done/);

  const labels = await supervisorLabels(browser);
  try {
    const mine = async () => (await labels.fetch()).filter((l) => l.alertId === alertId);
    await expect.poll(async () => (await mine()).map((l) => [l.answer, l.reasons])).toEqual([['false_alarm', []], ['false_alarm', ['sensor_fault']]]);
    const [first, withReason] = await mine();
    expect(withReason!.version).toBeGreaterThan(first!.version); // a changed answer is a new version
    expectFullSnapshot(withReason!);
  } finally {
    await labels.close();
  }
});

test('30 s offline: the banner shows how old the data is, the answer waits in IndexedDB and is sent after reconnecting, even across a reload @both-sizes', async ({ page, context, browser }) => {
  test.setTimeout(150_000);
  const card = await panelWithOperator(page);
  const alertId = (await card.getAttribute('data-alert-id'))!;
  const banner = page.getByTestId('connection-banner');
  await expect(banner).toHaveText(/^LIVE$/);
  const outboxSize = () => page.evaluate(() => new Promise<number>((resolve, reject) => {
    const open = indexedDB.open('clearline');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const get = open.result.transaction('commands').objectStore('commands').get('outbox');
      get.onsuccess = () => resolve((get.result as unknown[] | undefined)?.length ?? 0);
    };
  }));

  await context.setOffline(true);
  const offlineAt = Date.now();
  await expect(banner).toHaveText(/Reconnecting · data \d+ s old/, { timeout: 30_000 });
  await card.getByTestId('answer-real').tap();
  await expect(card.getByTestId('command-status')).toHaveText(/offline — queued/);
  await expect(banner).toContainText(/1 (answer waiting to send|queued)/);
  expect(await outboxSize()).toBe(1);

  // Stay offline for 30 s: the banner keeps counting the data's age; the answer stays queued.
  await page.waitForTimeout(Math.max(0, offlineAt + 30_500 - Date.now()));
  await expect(banner).toHaveText(/Reconnecting · data (3\d|[4-9]\d) s old/);
  expect(await outboxSize()).toBe(1);

  // Back online: sent once, shown as done; the relay stored it as a label.
  await context.setOffline(false);
  await expect(banner).toHaveText(/^LIVE$/, { timeout: 30_000 });
  await expect(card.getByTestId('command-status')).toHaveText(/done ✓ \(sent after reconnecting\)/);
  expect(await outboxSize()).toBe(0);
  const labels = await supervisorLabels(browser);
  try {
    await expect.poll(async () => (await labels.fetch()).filter((l) => l.alertId === alertId && l.answer === 'real').length).toBe(1);
    expectFullSnapshot((await labels.fetch()).find((l) => l.alertId === alertId && l.answer === 'real')!);

    // The queue survives a reload while the relay cannot be reached (page served, socket blocked).
    await page.route('**/socket.io/**', (route) => route.abort());
    await context.setOffline(true);
    await expect(banner).toHaveText(/Reconnecting/);
    await card.getByTestId('answer-not_sure').tap();
    await expect(card.getByTestId('command-status')).toHaveText(/offline — queued/);
    await context.setOffline(false);
    await page.reload();
    await expect(banner).toContainText(/1 (answer waiting to send|queued)/);
    expect(await outboxSize()).toBe(1);
    await page.unroute('**/socket.io/**');
    await expect(banner).toHaveText(/^LIVE$/, { timeout: 30_000 });
    await expect.poll(outboxSize).toBe(0);
    await expect.poll(async () => (await labels.fetch()).filter((l) => l.alertId === alertId && l.answer === 'not_sure').length).toBe(1);
  } finally {
    await labels.close();
  }
});

test('the panel route loads at most 200 kB of gzip JavaScript', async ({ page }) => {
  await signIn(page.request, 'operator');
  const scripts = new Map<string, Buffer>();
  page.on('response', async (res) => {
    if (res.request().resourceType() === 'script') scripts.set(res.url(), await res.body());
  });
  await page.goto(`${demo.url}/panel/demo/line1`);
  await expect(page.getByTestId('connection-banner')).toHaveText(/LIVE/);
  await expect(page.getByTestId('alert-card').or(page.getByTestId('no-alerts'))).toBeVisible({ timeout: untilFirstAlert() });
  const gzip = [...scripts.values()].reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0);
  test.info().annotations.push({ type: 'panel JS', description: `${scripts.size} files, ${(gzip / 1024).toFixed(1)} kB gzip` });
  console.log(`panel route JavaScript: ${scripts.size} files, ${(gzip / 1024).toFixed(1)} kB gzip`);
  expect(gzip).toBeLessThanOrEqual(200 * 1024);
});

// Runs last: acknowledging and shelving take alerts off line 1 for a while.
test('an operator acknowledges and shelves from the card, by touch only @both-sizes', async ({ page }) => {
  const card = await panelWithOperator(page);
  const id = await card.getAttribute('data-alert-id');
  const status = card.getByTestId('command-status');

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
  expect(await smallTargets(page)).toEqual([]);
  await sheet.getByRole('button', { name: '30 min' }).tap();
  await sheet.getByRole('button', { name: 'Maintenance in progress' }).tap();
  await sheet.getByTestId('shelve-confirm').tap();
  // Shelved alerts leave the operator's panel (supervisors still see them).
  await expect(page.locator(`[data-alert-id="${shelvedId}"]`)).toHaveCount(0);
  const shelved = async () => ((await (await page.request.get(`${demo.url}/api/v1/alerts?plant=demo&line=line1&state=shelved`)).json()) as { id: string; shelf: { reason: string } | null }[])
    .filter((a) => a.id === shelvedId).map((a) => a.shelf?.reason);
  await expect.poll(shelved).toEqual(['Maintenance in progress']);
});
