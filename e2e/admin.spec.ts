import { spawn } from 'node:child_process';
import { expect, test } from '@playwright/test';
import type { EdgeKeyView } from '../src/protocol/admin.ts';
import { DEMO_PASSWORD, startDemo, type Demo } from './support/demo.ts';

/**
 * Engineers and admins against the real demo: the catalogue editor renaming an asset on a live panel,
 * the policy editor refusing a nonsense value beside its field, and an edge key made in /admin that
 * the replay CLI publishes with (and that stops working once revoked).
 */

let demo: Demo;
test.beforeAll(async () => {
  demo = await startDemo();
});
test.afterAll(async () => {
  await demo?.stop();
});

const SKAB_RUN = '../shared/data/skab/valve1/1.csv';

function replay(key: string): Promise<{ code: number | null; out: string }> {
  const child = spawn('npm', ['run', '--silent', 'replay', '--', SKAB_RUN, '--plant', 'demo', '--line', 'line1', '--asset', 'p101', '--speed', '0', '--key', key, '--url', demo.url, '--connect-timeout', '5000'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (out += b.toString()));
  return new Promise((ok) => child.on('exit', (code) => ok({ code, out })));
}

test('an engineer renames an asset in the catalogue and the open panel shows the new name', async ({ browser }) => {
  const panel = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true })).newPage();
  await panel.request.post(`${demo.url}/api/v1/session`, { data: { username: 'operator', password: DEMO_PASSWORD } });
  await panel.goto(`${demo.url}/panel/demo/line1`);
  await expect(panel.getByTestId('alert-card')).toBeVisible({ timeout: Math.max(30_000, demo.startedAt + 45_000 - Date.now()) });
  await expect(panel.getByText(/Pump P-10\d/).first()).toBeVisible();

  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await page.request.post(`${demo.url}/api/v1/session`, { data: { username: 'engineer', password: DEMO_PASSWORD } });
  await page.goto(`${demo.url}/admin`);
  const assets = page.getByTestId('catalogue-assets');
  for (const n of [1, 2, 3, 4, 5, 6]) await assets.getByLabel(`Assets: p10${n}`).fill(`Feed pump FP-10${n}`);
  await page.getByTestId('catalogue-save').click();
  await expect(page.getByRole('status')).toContainText('Saved');

  // Live: the panel was not reloaded.
  await expect(panel.getByText(/Feed pump FP-10\d/).first()).toBeVisible({ timeout: 15_000 });
  await expect(panel.getByText(/Pump P-10\d/)).toHaveCount(0);
});

test('the policy editor refuses a nonsense value and names the field', async ({ page }) => {
  await page.request.post(`${demo.url}/api/v1/session`, { data: { username: 'engineer', password: DEMO_PASSWORD } });
  await page.goto(`${demo.url}/admin?tab=policy`);
  const editor = page.getByTestId('policy-editor');
  await editor.getByLabel('floodLeave', { exact: true }).fill('50');
  await page.getByTestId('policy-save').click();
  await expect(page.getByTestId('policy-error-floodLeave')).toContainText('must be below floodEnter');
  await expect(editor.getByLabel('floodLeave', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await editor.getByLabel('floodLeave', { exact: true }).fill('4');
  await page.getByTestId('policy-save').click();
  await expect(page.getByTestId('policy-editor')).toContainText(/last changed .* by engineer/);
});

test('an admin creates an edge key; the replay CLI publishes with it until it is revoked', async ({ page }) => {
  await page.request.post(`${demo.url}/api/v1/session`, { data: { username: 'admin', password: DEMO_PASSWORD } });
  await page.goto(`${demo.url}/admin?tab=keys`);
  const form = page.getByRole('form', { name: 'New edge key' });
  await form.getByLabel('Name').fill('valve test bed');
  await form.getByLabel(/May publish to/).fill('demo/line1');
  await form.getByRole('button', { name: 'Create key' }).click();
  const key = (await page.getByTestId('new-edge-key').textContent())!.trim();
  expect(key).toMatch(/^cl_[A-Za-z0-9]+_[\w-]+$/);

  const run = await replay(key);
  expect(run.code, run.out).toBe(0);
  const counts = JSON.parse(run.out.trim().split('\n').filter((l) => l.startsWith('{')).at(-1)!) as { accepted: number; rejected: number };
  expect(counts.accepted).toBeGreaterThan(100);
  expect(counts.rejected).toBe(0);

  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('new-edge-key')).toHaveCount(0);
  const row = page.getByTestId('edge-keys').locator('tr', { hasText: 'valve test bed' });
  page.once('dialog', (d) => void d.accept());
  await row.getByRole('button', { name: 'Revoke' }).click();
  await expect(row).not.toContainText('Revoke');
  const keys = (await (await page.request.get(`${demo.url}/api/v1/admin/edge-keys`)).json()) as EdgeKeyView[];
  expect(keys.find((k) => k.name === 'valve test bed')?.revokedAt).not.toBeNull();
  const refused = await replay(key);
  expect(refused.code).toBe(2);
  expect(refused.out).toMatch(/revoked|unknown/);
});

test('an admin registers a panel device; the panel signs in with its token until the device is revoked', async ({ page, browser }) => {
  await page.request.post(`${demo.url}/api/v1/session`, { data: { username: 'admin', password: DEMO_PASSWORD } });
  await page.goto(`${demo.url}/admin?tab=panels`);
  const form = page.getByRole('form', { name: 'New panel device' });
  await form.getByLabel('Name').fill('Line 1 panel, south');
  await form.getByLabel('Line').selectOption('demo/line1');
  await form.getByRole('button', { name: 'Create panel' }).click();
  const token = (await page.getByTestId('new-panel-token').textContent())!.trim();
  expect(token).toMatch(/^clp_/);

  // The device, in its own browser: the token opens a viewer session bound to its line.
  const device = await browser.newContext();
  const panel = await device.newPage();
  await panel.goto(`${demo.url}/panel-login?token=${token}`);
  await expect(panel).toHaveURL(/\/panel\/demo\/line1$/);
  await expect(panel.getByTestId('identify')).toBeVisible();

  await page.getByRole('button', { name: 'Done' }).click();
  const row = page.getByTestId('panels').locator('tr', { hasText: 'Line 1 panel, south' });
  page.once('dialog', (d) => void d.accept());
  await row.getByRole('button', { name: 'Revoke' }).click();
  await expect(row).not.toContainText('Revoke');
  // Revoked: the open panel is signed out at once (no reload), and its token no longer signs in.
  await expect(panel.getByTestId('identify')).toHaveCount(0, { timeout: 10_000 });
  await panel.screenshot({ path: test.info().outputPath('panel-after-revoke.png') });
  await expect.poll(async () => (await panel.request.get(`${demo.url}/api/v1/session`)).status()).toBe(401);
  await panel.goto(`${demo.url}/panel-login?token=${token}`);
  await expect(panel.getByRole('alert')).toContainText(/not valid/);
  await device.close();
});
