import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Renderer stores (*.svelte.ts) use runes: compile them for the client runtime, as in the window,
  // even though the tests run in Node. The plugin leaves every other file alone.
  plugins: [svelte({ dynamicCompileOptions: () => ({ generate: 'client' }) })],
  test: {
    // The fault soak runs in real time for about a minute: its own project (vitest.soak.config.ts).
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/support/cli-build-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one on this 2-core machine and on CI. Most
    // files wait on simulators, child processes and sockets much of their time: one worker per core.
    maxWorkers: 2,
  },
});
