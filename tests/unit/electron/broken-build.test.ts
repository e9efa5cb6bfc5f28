/**
 * The fake catches the build mistakes users would hit first. Each test copies the real build,
 * breaks the copy on purpose, launches the shell's bundled wiring in it and expects the fake to
 * name what is missing; the intact copy launches without a fault. The last block checks that the
 * demo simulators stay out of the bundle the app starts with.
 */
import { app, BrowserWindow, resetElectronMock, takeFaults, useAppFolder } from './electron-mock.js';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { builtAppCopy, builtDist } from '../../support/built-app.js';

vi.mock('electron', () => import('./electron-mock.js'));

const previousDir = process.env.BACKWATCH_CONFIG_DIR;
afterAll(() => {
  if (previousDir === undefined) delete process.env.BACKWATCH_CONFIG_DIR;
  else process.env.BACKWATCH_CONFIG_DIR = previousDir;
});

/**
 * Launches the bundled shell from `folder` with a fresh config folder (first run: the window
 * opens), waits until it shows its window or gives up starting, quits it, and returns the faults.
 */
async function launchAndQuit(folder: string): Promise<{ faults: string[]; windowShown: boolean; failedToStart: boolean }> {
  resetElectronMock();
  useAppFolder(folder);
  process.env.BACKWATCH_CONFIG_DIR = mkdtempSync(join(tmpdir(), 'backwatch-broken-'));
  await import(pathToFileURL(join(folder, 'dist', 'main', 'electron', 'main.js')).href);
  const failedToStart = () => app.exit.mock.calls.some(([code]) => code === 1);
  await vi.waitFor(() => expect(BrowserWindow.all[0]?.visible || failedToStart()).toBe(true), { timeout: 20_000 });
  const outcome = { faults: takeFaults(), windowShown: BrowserWindow.all[0]?.visible === true, failedToStart: failedToStart() };
  app.emit('will-quit', { preventDefault: vi.fn() });
  await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(0), { timeout: 15_000 });
  return outcome;
}

describe('a copy of the build', { timeout: 90_000 }, () => {
  it('launches without a fault when intact', async () => {
    expect(await launchAndQuit(builtAppCopy())).toEqual({ faults: [], windowShown: true, failedToStart: false });
  });

  it('without its preload bundle: the fake names the missing preload', async () => {
    const folder = builtAppCopy();
    rmSync(join(folder, 'dist', 'main', 'preload', 'preload.cjs'));
    const { faults } = await launchAndQuit(folder);
    expect(faults).toEqual([
      `BrowserWindow webPreferences.preload points at ${join(folder, 'dist', 'main', 'preload', 'preload.cjs')}, which the build in ${folder} does not contain`,
    ]);
  });

  it('with its renderer page moved: the page does not load and the app does not start', async () => {
    const folder = builtAppCopy();
    const renderer = join(folder, 'dist', 'renderer');
    renameSync(join(renderer, 'index.html'), join(renderer, 'main.html'));
    const outcome = await launchAndQuit(folder);
    expect(outcome).toMatchObject({ windowShown: false, failedToStart: true });
    expect(outcome.faults).toEqual([
      expect.stringMatching(/^loadURL\('(file|app):\/\/.*\/index\.html'\) points at .*, which the build in .* does not contain$/),
    ]);
  });

  it('without a tray icon: the fake names the missing image', async () => {
    const folder = builtAppCopy();
    const icon = join(folder, 'assets', 'tray', 'no_data.png');
    rmSync(icon);
    const { faults } = await launchAndQuit(folder);
    expect(faults).toEqual([`nativeImage.createFromPath points at ${icon}, which the build in ${folder} does not contain`]);
  });
});

describe('the start-up bundle', () => {
  it('is the package’s main and leaves the demo simulators to a chunk loaded on demand', () => {
    const dist = builtDist();
    const main = readFileSync(join(dist, 'main', 'electron', 'main.js'), 'utf8');
    expect(JSON.parse(readFileSync('package.json', 'utf8')).main).toBe('dist/main/electron/main.js');
    // esbuild marks each bundled source file with its path: no simulator source, no certificate generator.
    expect(main).not.toMatch(/src-main\/demo\/|node_modules\/selfsigned\//);
    const [demoChunk] = main.match(/import\("\.\/chunks\/fleet-[\w-]+\.js"\)/) ?? [];
    expect(demoChunk).toBeDefined();
    const chunk = join(dist, 'main', 'electron', 'chunks', demoChunk!.slice('import("./chunks/'.length, -'")'.length));
    expect(existsSync(chunk)).toBe(true);
    expect(readFileSync(chunk, 'utf8')).toMatch(
      /src-main\/demo\/sim\/https-simulator\.ts[\s\S]*node_modules\/selfsigned\/|node_modules\/selfsigned\/[\s\S]*src-main\/demo\/sim\/https-simulator\.ts/,
    );
  });
});
