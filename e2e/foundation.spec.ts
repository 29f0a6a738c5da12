import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, startDemo, type Demo } from './support/demo.ts';

let demo: Demo;
test.beforeAll(async () => {
  demo = await startDemo();
});
test.afterAll(async () => {
  await demo?.stop();
});

test('npm start brings a live alert onto the line panel within 30 s @both-sizes', async ({ page }, info) => {
  const login = await page.request.post(`${demo.url}/api/v1/session`, { data: { username: 'operator', password: DEMO_PASSWORD } });
  expect(login.status()).toBe(200);
  await page.goto(`${demo.url}/panel/demo/line1`);
  const card = page.getByTestId('alert-card');
  await expect(card).toBeVisible({ timeout: Math.max(1000, demo.startedAt + 30_000 - Date.now()) });
  await expect(card).toContainText(/score/i);
  await expect(card).toContainText(/pump/i);
  await expect(page.getByTestId('connection-banner')).toContainText(/live/i);
  await page.screenshot({ path: info.outputPath(`panel-${info.project.name}.png`) });
});

test('the relay answers health and readiness, and refuses anonymous API use', async ({ request }) => {
  expect((await request.get(`${demo.url}/healthz`)).status()).toBe(200);
  const ready = await request.get(`${demo.url}/readyz`);
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toMatchObject({ store: true, engine: true });
  expect((await request.get(`${demo.url}/api/v1/alerts?plant=demo`)).status()).toBe(401);
  const page = await request.get(`${demo.url}/panel/demo/line1`);
  expect(page.headers()['content-security-policy']).toContain("default-src 'self'");
});
