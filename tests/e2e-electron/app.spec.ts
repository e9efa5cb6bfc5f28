/**
 * The desktop app end to end: launch with the demo fleet, the window opens, the tray is there,
 * and a failing demo job raises a native notification. Needs the Electron binary.
 */
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');
const SKIP_MESSAGE = 'Electron binary not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD): skipped';

/**
 * The binary `require('electron')` would point at, found the same way the npm package does
 * (path.txt, or ELECTRON_OVERRIDE_DIST_PATH) but without requiring it: with no binary, the
 * package's index.js tries to download one, which must never happen from a test.
 */
function electronBinary(): string | null {
  const pkg = join(ROOT, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkg, 'dist');
  const binary = join(dist, relative);
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
if (!binary) console.log(`[e2e-electron] ${SKIP_MESSAGE}`);

test.describe('Backwatch desktop app', () => {
  test.skip(!binary, SKIP_MESSAGE);

  let app: ElectronApplication;
  let configDir: string;

  test.beforeAll(() => {
    const built = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
    expect(built.status, 'npm run build').toBe(0);
  });

  test.beforeEach(async () => {
    configDir = mkdtempSync(join(tmpdir(), 'backwatch-e2e-electron-'));
    app = await electron.launch({
      executablePath: binary as string,
      args: [ROOT, '--demo'],
      cwd: ROOT,
      env: { ...process.env, BACKWATCH_CONFIG_DIR: configDir, BACKWATCH_DEMO: '1' },
    });
    // Record what the shell shows, from inside the real main process (no test hook in the app).
    await app.evaluate(({ Notification, Tray }) => {
      const seen = globalThis as unknown as { shown: string[]; trays: Set<unknown>; tooltips: string[] };
      seen.shown = [];
      seen.trays = new Set();
      seen.tooltips = [];
      const show = Notification.prototype.show;
      Notification.prototype.show = function (this: InstanceType<typeof Notification>) {
        seen.shown.push(this.title);
        show.call(this);
      };
      const setToolTip = Tray.prototype.setToolTip;
      Tray.prototype.setToolTip = function (this: InstanceType<typeof Tray>, text: string) {
        seen.trays.add(this);
        seen.tooltips.push(text);
        setToolTip.call(this, text);
      };
    });
  });

  test.afterEach(async () => {
    await app?.close();
    rmSync(configDir, { recursive: true, force: true });
  });

  test('opens its window on first run, secured', async () => {
    const window = await app.firstWindow();
    await expect(window).toHaveTitle(/Backwatch/);
    const isolated = await window.evaluate(() => typeof (globalThis as { require?: unknown }).require === 'undefined');
    expect(isolated).toBe(true);
    expect(await window.evaluate(() => typeof (window as unknown as { backwatch?: object }).backwatch)).toBe('object');
  });

  test('has a tray icon whose tooltip lists the demo appliance', async () => {
    await expect
      .poll(() => app.evaluate(() => (globalThis as unknown as { tooltips: string[] }).tooltips.at(-1) ?? ''), { timeout: 90_000 })
      .toMatch(/SPP demo/);
    const trays = await app.evaluate(
      () => [...(globalThis as unknown as { trays: Set<{ isDestroyed(): boolean }> }).trays].filter((t) => !t.isDestroyed()).length,
    );
    expect(trays).toBe(1);
  });

  test('a failing demo job raises a notification', async () => {
    await expect
      .poll(() => app.evaluate(() => (globalThis as unknown as { shown: string[] }).shown), { timeout: 5 * 60_000, intervals: [5_000] })
      .toContainEqual(expect.stringMatching(/fail/i));
  });
});
