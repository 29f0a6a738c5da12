import { defineConfig } from '@playwright/test';

/** Debian's Chromium; Playwright's own browser download cannot work on these machines. */
export const chromiumLaunch = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
};

export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: { launchOptions: chromiumLaunch, trace: 'off', screenshot: 'off' },
  projects: [
    { name: 'panel-1280', use: { viewport: { width: 1280, height: 800 }, hasTouch: true, isMobile: false } },
    { name: 'panel-800', use: { viewport: { width: 800, height: 480 }, hasTouch: true, isMobile: false }, grep: /@both-sizes/ },
  ],
});
