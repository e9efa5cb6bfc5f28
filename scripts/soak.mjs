#!/usr/bin/env node
// `npm run soak [-- --long]`: the fault soak alone; `--long` runs it for 30 minutes instead of ~1.
import { spawnSync } from 'node:child_process';

const seconds = process.argv.includes('--long') ? 1800 : Number(process.env.SOAK_SECONDS ?? 45);
const run = spawnSync('npx', ['--no-install', 'vitest', 'run', '--config', 'vitest.soak.config.ts'], {
  stdio: 'inherit',
  env: { ...process.env, SOAK_SECONDS: String(seconds) },
});
process.exit(run.status ?? 1);
