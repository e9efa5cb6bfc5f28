import { defineConfig } from '@playwright/test';

// The desktop app itself, through Playwright's `_electron`. Runs wherever an Electron binary is
// installed; on this project's CI (ELECTRON_SKIP_BINARY_DOWNLOAD) every test says it was skipped.
export default defineConfig({
  testDir: 'tests/e2e-electron',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // A folder of its own: Playwright empties it at the start, and the suites run beside one another.
  outputDir: 'test-results/e2e-electron',
  // The demo fleet's first failing run comes within a few minutes (schedules divided by 60).
  timeout: 6 * 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-electron-results.json' }]],
});
