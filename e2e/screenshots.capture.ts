import { expect, test, type Browser, type Page } from '@playwright/test';
import { startDemo, type Demo } from './support/demo.ts';

/**
 * Screenshots of the panel for people to look at, at 1280×800 and 800×480, calm and in flood.
 * Slow (the demo's line 2 floods when its presses stop, ~70 s after start at 4× speed), so it runs
 * only when asked:
 *   npm run screenshots                              (into test-results/)
 *   CLEARLINE_SCREENSHOTS=docs npm run screenshots   (also docs/panel.png, docs/panel-800.png: flood)
 * A tool, not a test: `npm test` does not run it (its file name is not *.spec.ts).
 */
const wanted = process.env.CLEARLINE_SCREENSHOTS ?? '1';

const BADGE = '4471';
const PIN = '2580';
const SIZES = [{ name: '1280', width: 1280, height: 800 }, { name: '800', width: 800, height: 480 }] as const;

let demo: Demo;
test.beforeAll(async () => {
  demo = await startDemo({ CLEARLINE_SIM_SPEED: '4', CLEARLINE_DEMO_PIN: PIN });
});
test.afterAll(async () => {
  await demo?.stop();
});

async function panel(browser: Browser, line: string): Promise<Page> {
  const token = new RegExp(`panel device ${line}: \\S+ \\(token (clp_[\\w-]+)\\)`).exec(demo.output())![1]!;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true });
  const page = await context.newPage();
  expect((await page.request.post(`${demo.url}/api/v1/panel-session`, { data: { token } })).status()).toBe(200);
  expect((await page.request.post(`${demo.url}/api/v1/panel-session/operator`, { data: { badge: BADGE, pin: PIN } })).status()).toBe(200);
  await page.goto(`${demo.url}/panel/demo/${line}`);
  return page;
}

async function shoot(page: Page, state: string, docs?: Partial<Record<(typeof SIZES)[number]['name'], string>>) {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.waitForTimeout(400);
    // Infinite animations (the unacknowledged badge's flash) are shown in their first, filled state.
    const shot = await page.screenshot({ path: test.info().outputPath(`panel-${state}-${size.name}.png`), animations: 'disabled' });
    const doc = docs?.[size.name];
    if (wanted === 'docs' && doc) await import('node:fs').then((fs) => fs.writeFileSync(doc, shot));
  }
}

test('panel screenshots: calm and in flood, at 1280×800 and 800×480', async ({ browser }) => {
  test.setTimeout(300_000);
  // Calm: line 1 with a high alert (bearing wear) on the card, a few others below.
  const line1 = await panel(browser, 'line1');
  const card = line1.getByTestId('alert-card');
  await expect(card.locator('[data-priority=high]').first()).toBeVisible({ timeout: 120_000 });
  await expect.poll(async () => Number(await card.getByTestId('alert-trend').getAttribute('data-points')), { timeout: 30_000 }).toBeGreaterThanOrEqual(8);
  await shoot(line1, 'calm');
  // The same panel answering: reason chips open, the answer done.
  await card.getByTestId('answer-false_alarm').tap();
  await card.getByRole('button', { name: 'Sensor fault' }).tap();
  await shoot(line1, 'answering');

  // Offline: the banner says how old the data is.
  await line1.context().setOffline(true);
  await expect(line1.getByTestId('connection-banner')).toHaveText(/data \d+ s old/, { timeout: 30_000 });
  await line1.waitForTimeout(3000);
  await shoot(line1, 'offline');
  await line1.context().setOffline(false);

  // Flood: line 2's presses stop twice; low/medium alerts fold into one digest.
  const line2 = await panel(browser, 'line2');
  await expect(line2.getByTestId('flood-digest').or(line2.getByTestId('next-alerts').filter({ hasText: 'FLOOD' }))).toBeVisible({ timeout: 240_000 });
  await line2.waitForTimeout(3000);
  // The README's pictures: explanation, trend with the start marked, the flood digest and the list.
  await shoot(line2, 'flood', { 1280: 'docs/panel.png', 800: 'docs/panel-800.png' });
});
