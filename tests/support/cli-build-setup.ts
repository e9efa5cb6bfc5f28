import { execFileSync } from 'node:child_process';
import { hasFreshBuild } from './fresh-build.js';

/** Bundles the `backwatch` command once per run (about a second): the CLI tests run what ships, bin/backwatch.mjs over dist/cli. */
export default function globalSetup(): void {
  if (hasFreshBuild()) return;
  execFileSync(process.execPath, ['scripts/build.mjs', '--cli-only'], { stdio: ['ignore', 'ignore', 'inherit'] });
}
