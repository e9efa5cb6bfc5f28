import { svelte } from '@sveltejs/vite-plugin-svelte';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Unit files that change their process beyond its environment (mocked Electron, a keychain on a
 * bus that is not there) keep a process of their own, with the integration files.
 */
const OWN_PROCESS = ['tests/unit/electron/**/*.test.ts', 'tests/unit/core/secret-store.test.ts'];

export default defineConfig({
  // Renderer stores (*.svelte.ts) use runes: compile them for the client runtime, as in the window,
  // even though the tests run in Node. The plugin leaves every other file alone.
  plugins: [svelte({ dynamicCompileOptions: () => ({ generate: 'client' }) })],
  test: {
    environment: 'node',
    globalSetup: ['tests/support/cli-build-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one on this 2-core machine and on CI. Most
    // files wait on simulators, child processes and sockets much of their time: one worker per core.
    maxWorkers: 2,
    // The fault soak runs in real time for about a minute: its own run (vitest.soak.config.ts).
    projects: [
      // Loading the modules again for each small unit file cost several times the tests' own time.
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...OWN_PROCESS],
          isolate: false,
          setupFiles: ['tests/support/own-environment.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'integration', include: ['tests/integration/**/*.test.ts', ...OWN_PROCESS] },
      },
    ],
  },
});
