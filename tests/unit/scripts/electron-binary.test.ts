import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { findElectronBinary, localTime } from '../../../scripts/electron-binary.mjs';

/** An electron package folder whose install.js counts its runs and fetches only when told to. */
function electronPackage(fetches: boolean): { dir: string; runs: () => number } {
  const dir = mkdtempSync(path.join(tmpdir(), 'backwatch-electron-pkg-'));
  const counter = path.join(dir, 'runs.log');
  const fetch = fetches
    ? "fs.mkdirSync('dist', { recursive: true }); fs.writeFileSync('dist/electron', ''); fs.writeFileSync('path.txt', 'electron');"
    : 'process.exit(1);';
  writeFileSync(path.join(dir, 'install.js'), `const fs = require('node:fs'); fs.appendFileSync('runs.log', 'x'); ${fetch}`);
  return { dir, runs: () => (existsSync(counter) ? readFileSync(counter, 'utf8').length : 0) };
}

describe('findElectronBinary', () => {
  let logged: string[];
  const find = (electronDir: string, now: Date, retry = false) =>
    findElectronBinary({ electronDir, env: {}, now, retry, log: (line) => logged.push(line) });
  beforeEach(() => {
    logged = [];
  });

  it('tries a failed download once a day, not on every start', () => {
    const pkg = electronPackage(false);
    const first = find(pkg.dir, new Date('2026-12-02T08:00:00Z'));
    expect(first).toEqual({ problem: expect.stringContaining('could not be downloaded') });
    expect(logged).toEqual(['Fetching the Electron binary…']);

    const second = find(pkg.dir, new Date('2026-12-02T09:00:00Z'));
    expect(second).toEqual({ problem: expect.stringContaining(`download failed on ${localTime(Date.parse('2026-12-02T08:00:00.000Z'))}`) });
    expect(pkg.runs()).toBe(1);
    expect(logged).toHaveLength(1);

    find(pkg.dir, new Date('2026-12-03T09:00:00Z'));
    expect(pkg.runs()).toBe(2);
  });

  it('tries again at once when asked to', () => {
    const pkg = electronPackage(false);
    find(pkg.dir, new Date('2026-12-02T08:00:00Z'));
    find(pkg.dir, new Date('2026-12-02T08:01:00Z'), true);
    expect(pkg.runs()).toBe(2);
  });

  it('uses a fetched binary and forgets an earlier failure', () => {
    const pkg = electronPackage(true);
    writeFileSync(path.join(pkg.dir, '.backwatch-fetch-failed.json'), JSON.stringify({ failedAt: '2026-12-01T00:00:00Z' }));
    expect(find(pkg.dir, new Date('2026-12-02T08:00:00Z'))).toEqual({ binary: path.join(pkg.dir, 'dist', 'electron') });
    expect(existsSync(path.join(pkg.dir, '.backwatch-fetch-failed.json'))).toBe(false);
    expect(find(pkg.dir, new Date('2026-12-02T08:00:01Z'))).toEqual({ binary: path.join(pkg.dir, 'dist', 'electron') });
    expect(pkg.runs()).toBe(1);
  });

  it('does not fetch when the install said to skip the binary, and reads a corrupt record as none', () => {
    const pkg = electronPackage(false);
    const skipped = findElectronBinary({
      electronDir: pkg.dir,
      env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
      now: new Date(),
      retry: false,
      log: (line) => logged.push(line),
    });
    expect(skipped).toEqual({ problem: expect.stringContaining('ELECTRON_SKIP_BINARY_DOWNLOAD') });
    expect(pkg.runs()).toBe(0);
    appendFileSync(path.join(pkg.dir, '.backwatch-fetch-failed.json'), '{not json');
    find(pkg.dir, new Date());
    expect(pkg.runs()).toBe(1);
  });
});
