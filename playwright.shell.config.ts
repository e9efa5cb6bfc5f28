import { defineConfig } from '@playwright/test';

// The built desktop app with an Electron stand-in whose window is Debian's Chromium
// (tests/shell): the shell's own main bundle, preload, app:// protocol and IPC, without the binary.
export default defineConfig({
  testDir: 'tests/shell',
  globalSetup: './tests/shell/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // A folder of its own: Playwright empties it at the start, and the suites run beside one another.
  outputDir: 'test-results/shell',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/shell-results.json' }]],
});
