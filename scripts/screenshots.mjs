#!/usr/bin/env node
// `npm run screenshots`: builds the renderer and retakes the README's screenshots of the demo fleet
// into docs/screenshots/ (the same spec, run by `npm test`, writes to test-results/ instead).
import { spawnSync } from 'node:child_process';

const step = (args, env = {}) =>
  spawnSync('npx', ['--no-install', ...args], { stdio: 'inherit', env: { ...process.env, ...env }, shell: process.platform === 'win32' })
    .status;

const status =
  step(['vite', 'build', '--config', 'src-renderer/vite.config.ts', '--logLevel', 'warn']) ||
  step(['playwright', 'test', 'tests/e2e/screenshots.spec.ts'], { UPDATE_SCREENSHOTS: '1' });
process.exit(status ?? 1);
