/**
 * The desktop app's folder as an installer lays it out (what `app.getAppPath()` holds): the build
 * `scripts/build.mjs` writes (dist/main, dist/renderer), the files electron-builder adds beside it
 * (assets/, package.json) and node_modules for keytar, the one module the main bundle leaves
 * outside. Each copy is a fresh folder, free to be broken on purpose; all of them go when the
 * test file ends.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll } from 'vitest';
import { hasFreshBuild } from './fresh-build.js';

const checkout = resolve(import.meta.dirname, '..', '..');
let built: string | null = null;
const folders: string[] = [];

/** A new empty folder under the system's temporary one, removed after the test file. */
function scratch(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  folders.push(folder);
  return folder;
}

// fs.rm removes the node_modules symlink itself, never what it points at.
afterAll(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  built = null;
});

/** The dist/ folder of one full build (main, preload, renderer): `npm test`'s, else one made once per test file. */
export function builtDist(): string {
  if (built) return built;
  // Read only: every test that breaks a build breaks a copy of it.
  if (hasFreshBuild()) return (built = join(checkout, 'dist'));
  const dist = join(scratch('backwatch-build-'), 'dist');
  const run = spawnSync(process.execPath, [join(checkout, 'scripts', 'build.mjs'), '--out', dist], { cwd: checkout, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`The build failed:\n${run.stderr}`);
  built = dist;
  return dist;
}

/** A fresh app folder holding a copy of the build; returns its path. */
export function builtAppCopy(): string {
  const app = scratch('backwatch-app-');
  cpSync(builtDist(), join(app, 'dist'), { recursive: true });
  cpSync(join(checkout, 'assets'), join(app, 'assets'), { recursive: true });
  copyFileSync(join(checkout, 'package.json'), join(app, 'package.json'));
  symlinkSync(join(checkout, 'node_modules'), join(app, 'node_modules'), 'dir');
  return app;
}

/** An app folder with empty stand-ins for the files the window and notifier tests name. */
export function stubAppFolder(files: readonly string[]): string {
  const app = scratch('backwatch-stub-');
  for (const file of files) {
    mkdirSync(dirname(join(app, file)), { recursive: true });
    writeFileSync(join(app, file), '');
  }
  return app;
}
