import { execFileSync } from 'node:child_process';
import { hasFreshBuild } from '../support/fresh-build.js';

/** Builds the renderer once per run: the harness serves dist/renderer as the app would load it. */
export default function globalSetup(): void {
  if (hasFreshBuild()) return;
  execFileSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--config', 'src-renderer/vite.config.ts', '--logLevel', 'warn'],
    { stdio: 'inherit' },
  );
}
