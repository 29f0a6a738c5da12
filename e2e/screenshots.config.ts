import base from '../playwright.config.ts';
import { defineConfig } from '@playwright/test';

/** `npm run screenshots`: the panel in calm and in flood at both sizes, for people to look at. */
export default defineConfig({ ...base, testDir: '.', testMatch: 'screenshots.capture.ts', timeout: 600_000 });
