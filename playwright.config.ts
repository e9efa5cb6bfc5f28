import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './tests/support/chromium.js';

// The browser suites run the real UI against the real core through the browser harness,
// in the system's Debian Chromium (Playwright's own browsers are never downloaded here).
export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/e2e/global-setup.ts',
  // One worker: each test's harness, demo and Chromium keep a core busy, so two at once on a
  // two-core machine took longer than one after another; the desktop shell suite runs beside it.
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // A folder of its own: Playwright empties it at the start, and the suites run beside one another.
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-results.json' }]],
  use: {
    headless: true,
    viewport: { width: 1280, height: 800 },
    launchOptions: CHROMIUM_LAUNCH,
    trace: 'retain-on-failure',
  },
});
