import { execFileSync } from 'node:child_process';
import { hasFreshBuild } from '../support/fresh-build.js';

/** Builds what ships (main and preload bundles, renderer) once per run: the shell test runs the build. */
export default function globalSetup(): void {
  if (hasFreshBuild()) return;
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: ['ignore', 'ignore', 'inherit'] });
}
