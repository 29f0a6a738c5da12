import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Browser } from '@playwright/test';
import type { Alert } from '../src/protocol/alert.ts';
import type { LabelRecord } from '../src/protocol/label.ts';
import { DEMO_PASSWORD, startDemo, type Demo } from './support/demo.ts';

/**
 * The supervisor's desk against the real `npm start` demo (relay + simulator): the alarm load moving
 * live, a key demoted by operators' answers with its trust, the label export, and unshelving.
 */

let demo: Demo;
test.beforeAll(async () => {
  demo = await startDemo();
});
test.afterAll(async () => {
  await demo?.stop();
});

async function as(browser: Browser, username: string): Promise<APIRequestContext> {
  const ctx = await browser.newContext();
  const res = await ctx.request.post(`${demo.url}/api/v1/session`, { data: { username, password: DEMO_PASSWORD } });
  expect(res.status()).toBe(200);
  return ctx.request;
}

/** An open alert of line 1 matching `pick`, waiting for the simulator to raise one. */
async function openAlert(request: APIRequestContext, pick: (a: Alert) => boolean): Promise<Alert> {
  let found: Alert | undefined;
  await expect.poll(async () => {
    const alerts = (await (await request.get(`${demo.url}/api/v1/alerts?plant=demo&line=line1`)).json()) as Alert[];
    found = alerts.find(pick);
    return found !== undefined;
  }, { timeout: 90_000, intervals: [1000] }).toBe(true);
  return found!;
}

const command = async (request: APIRequestContext, body: Record<string, unknown>) => {
  const res = await request.post(`${demo.url}/api/v1/commands`, { data: { commandId: crypto.randomUUID(), ...body } });
  expect(res.status(), await res.text()).toBe(200);
};

test('the supervisor sees the alarm-load charts move while the simulator runs', async ({ page }) => {
  await page.request.post(`${demo.url}/api/v1/session`, { data: { username: 'supervisor', password: DEMO_PASSWORD } });
  await page.goto(`${demo.url}/supervisor?plant=demo&range=1h`);
  const chart = page.getByTestId('chart-10min');
  await expect(chart).toBeVisible();
  await expect(page.getByTestId('range-state')).toContainText('LIVE');
  await expect(page.getByTestId('kpi-max10')).toContainText('target ≤ 10');
  const before = Number(await chart.getAttribute('data-total'));
  // No reload: the page refreshes itself while the range ends now.
  await expect.poll(async () => Number(await chart.getAttribute('data-total')), { timeout: 90_000, intervals: [2000] }).toBeGreaterThan(before);
  await expect(page.getByTestId('held-back')).toContainText(/would have notified \d+ times/);
  expect(Number(await page.getByTestId('naive-count').textContent())).toBeGreaterThanOrEqual(Number(await page.getByTestId('annunciation-count').textContent()));
  await expect(chart.locator('.recharts-bar-rectangle').first()).toBeVisible();
});

test('operators’ false alarms demote a key; the supervisor sees it with its trust', async ({ page, browser }) => {
  const engineer = await as(browser, 'engineer');
  // One answer is enough to judge in this test (the default is 5).
  expect((await engineer.put(`${demo.url}/api/v1/policy/plants/demo`, { data: { policy: { trustMinAnswers: 1 } } })).status()).toBe(200);
  const operator = await as(browser, 'operator');
  const alert = await openAlert(operator, (a) => a.asset === 'p102' && a.priority !== 'critical');
  await command(operator, { type: 'feedback', alertId: alert.id, answer: 'false_alarm', reasons: ['sensor_fault'] });

  await page.request.post(`${demo.url}/api/v1/session`, { data: { username: 'supervisor', password: DEMO_PASSWORD } });
  await page.goto(`${demo.url}/supervisor?plant=demo&line=line1&range=1h#trust`);
  const row = page.getByTestId('key-trust').locator('tr', { has: page.locator(`[title="${alert.key}"]`) });
  await expect(row).toContainText('Pump P-102');
  await expect(row.getByTestId('trust-status')).toContainText(/Demoted: often false \(0 of 1 confirmed\)/, { timeout: 45_000 });
  await expect(row).toContainText('0 %');
  await expect(page.getByTestId('model-trust')).toContainText('pump-watch');
});

test('the supervisor exports labels as a file', async ({ page, browser }) => {
  const operator = await as(browser, 'operator');
  const alert = await openAlert(operator, () => true);
  await command(operator, { type: 'feedback', alertId: alert.id, answer: 'real', reasons: [] });
  await page.request.post(`${demo.url}/api/v1/session`, { data: { username: 'supervisor', password: DEMO_PASSWORD } });
  await page.goto(`${demo.url}/labels`);
  await expect(page.getByTestId('labels-table')).toContainText(alert.asset);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-jsonl').click()]);
  expect(download.suggestedFilename()).toMatch(/^labels-demo-\d+\.jsonl$/);
  const labels = readFileSync((await download.path())!, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as LabelRecord);
  const mine = labels.filter((l) => l.alertId === alert.id && l.answer === 'real');
  expect(mine).toHaveLength(1);
  expect(mine[0]!.snapshot.score).toBeGreaterThan(0);
  expect(mine[0]!.by).toEqual({ user: 'operator', role: 'operator' });
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-csv').click()]);
  expect(readFileSync((await csv.path())!, 'utf8').split('\r\n')[0]).toMatch(/^id,version,alertId,key,/);
});

test('the supervisor unshelves an alert an operator shelved', async ({ page, browser }) => {
  const operator = await as(browser, 'operator');
  const alert = await openAlert(operator, (a) => a.state !== 'shelved' && a.state !== 'out_of_service');
  await command(operator, { type: 'shelve', alertId: alert.id, reason: 'e2e: sensor being cleaned', minutes: 60 });
  await page.request.post(`${demo.url}/api/v1/session`, { data: { username: 'supervisor', password: DEMO_PASSWORD } });
  await page.goto(`${demo.url}/supervisor?plant=demo&line=line1&range=1h#actions`);
  const shelved = page.getByTestId('shelved-now');
  const row = shelved.locator('tr', { hasText: 'e2e: sensor being cleaned' });
  await expect(row).toContainText('operator');
  await row.getByTestId('unshelve').click();
  await expect(page.getByTestId('command-result')).toContainText('Unshelve: done.');
  await expect(row).toHaveCount(0);
  const now = (await (await operator.get(`${demo.url}/api/v1/alerts/${encodeURIComponent(alert.id)}`)).json()) as { alert: Alert; changes: { kind: string; by: string | null }[] };
  expect(now.alert.shelf).toBeNull();
  expect(now.changes.some((c) => c.kind === 'unshelved' && c.by === 'supervisor')).toBe(true);
  await expect(page.getByTestId('suppression-log')).toContainText('e2e: sensor being cleaned');
});
