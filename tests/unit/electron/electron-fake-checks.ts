/**
 * What the Electron fake checks that a recording fake alone would let through: every path the
 * shell hands Electron must be a file of the build (the app folder, what `app.getAppPath()`
 * returns), and every IPC payload must survive Electron's structured clone. A problem is recorded
 * as a fault; a fault no test takes fails the test that caused it.
 */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { resolveAppRequest } from '../../../src-main/electron/app-protocol.js';

const faults: string[] = [];

/** The faults recorded since the last call, forgotten (tests that break the build on purpose read them). */
export function takeFaults(): string[] {
  return faults.splice(0);
}

afterEach(() => {
  const left = takeFaults();
  if (left.length > 0) throw new Error(`The Electron fake caught the shell:\n- ${left.join('\n- ')}`);
});

/** The app's folder: the build the shell's paths must point into. */
export const appFolder = { path: process.cwd() };

function isBuildFile(path: string): boolean {
  const inside = relative(appFolder.path, resolve(path));
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return false;
  return existsSync(path) && statSync(path).isFile();
}

/**
 * Records a fault unless `path` is a file of the build; returns whether it is. Electron itself
 * would show no icon, or load the page without its preload, and say nothing.
 */
export function checkBuildFile(what: string, path: unknown): boolean {
  if (typeof path === 'string' && isBuildFile(path)) return true;
  faults.push(`${what} points at ${String(path)}, which the build in ${appFolder.path} does not contain`);
  return false;
}

/** The file a page URL is read from (file:// or the app protocol), or null for any other URL. */
function pageFile(url: string, rendererRoot: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'file:') return resolveAppRequest(url, rendererRoot);
  parsed.hash = '';
  parsed.search = '';
  return fileURLToPath(parsed);
}

/**
 * Checks a page the window loads; throws Electron's own error for it when it is not a file of the
 * build (what `loadURL` rejects with when the file is missing).
 */
export function checkPage(call: string, url: string): void {
  const file = pageFile(url, resolve(appFolder.path, 'dist', 'renderer'));
  if (file !== null && isBuildFile(file)) return;
  faults.push(
    file === null
      ? `${call} is neither a file:// nor an app://backwatch/ page of the build in ${appFolder.path}`
      : `${call} points at ${file}, which the build in ${appFolder.path} does not contain`,
  );
  throw new Error(`ERR_FILE_NOT_FOUND (-6) loading '${url}'`);
}

/**
 * `value` as the other side of Electron's IPC receives it (a structured clone: class instances
 * arrive as plain objects). When it does not survive the clone, records a fault and throws the
 * error Electron throws there (`electronError`).
 */
export function cloneAcross<T>(value: T, what: string, electronError: string): T {
  try {
    return structuredClone(value);
  } catch (e) {
    faults.push(`${what} cannot cross Electron's IPC: ${e instanceof Error ? e.message : String(e)}`);
    throw new Error(electronError);
  }
}
