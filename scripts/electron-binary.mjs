// Finds the Electron binary for `npm start`, fetching it once when the install skipped it. A fetch
// that fails (an offline machine) is remembered beside the package, so later starts say why at once
// instead of trying, and announcing a download, every time. A new `npm ci` forgets it.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

function installedBinary(electronDir) {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

function lastFailedFetch(markerFile) {
  try {
    const failedAt = Date.parse(JSON.parse(readFileSync(markerFile, 'utf8')).failedAt);
    return Number.isFinite(failedAt) ? failedAt : null;
  } catch {
    return null;
  }
}

/** A time as this computer's user reads it: "7 Dec 2026, 03:39". */
export function localTime(epochMs) {
  return new Date(epochMs).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * The binary, or why there is none (a clause that ends a sentence). `retry` fetches even when a recent fetch failed.
 * @param {{ electronDir: string, env: Record<string, string | undefined>, now: Date, retry: boolean, log: (line: string) => void }} options
 * @returns {{ binary: string } | { problem: string }}
 */
export function findElectronBinary({ electronDir, env, now, retry, log }) {
  const installed = installedBinary(electronDir);
  if (installed) return { binary: installed };
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD === '1')
    return { problem: 'Electron was installed without its binary (ELECTRON_SKIP_BINARY_DOWNLOAD=1)' };
  const installer = path.join(electronDir, 'install.js');
  if (!existsSync(installer)) return { problem: 'the electron package is not installed, and npm install installs it' };
  const markerFile = path.join(electronDir, '.backwatch-fetch-failed.json');
  const failedAt = lastFailedFetch(markerFile);
  if (!retry && failedAt !== null && now.getTime() - failedAt < RETRY_AFTER_MS) {
    return {
      problem: `Electron's download failed on ${localTime(failedAt)}, and npm start -- --fetch-electron tries again`,
    };
  }
  log('Fetching the Electron binary…');
  spawnSync(process.execPath, [installer], { cwd: electronDir, stdio: 'ignore', timeout: 300_000 });
  const fetched = installedBinary(electronDir);
  if (fetched) {
    rmSync(markerFile, { force: true });
    return { binary: fetched };
  }
  writeFileSync(markerFile, JSON.stringify({ failedAt: now.toISOString() }));
  return { problem: 'Electron could not be downloaded on this machine' };
}
