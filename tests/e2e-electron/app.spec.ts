/**
 * The desktop app end to end: launch with the demo fleet, the window opens, the tray is there with
 * the model's menu, a second launch only shows the first one's window, a failing demo job raises a
 * native notification, and the tray's Quit ends the process. Needs the Electron binary (the
 * platform CI in .github/workflows/ci.yml has it; here every test reports itself skipped).
 */
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openConfigFile } from '../../src-main/core/config/conf-config-file.js';
import { applianceFor } from '../support/config-writer.js';

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

/** What the tests record inside the real main process (no test hook in the app itself). */
interface Seen {
  shown: string[];
  trays: Set<unknown>;
  tooltips: string[];
  /** The labels of the last context menu set on the tray, submenus as `label > item`. */
  menu: string[];
  /** The last context menu itself, to click its items. */
  lastMenu: unknown;
}

/** Records what the shell shows, from inside the real main process (no test hook in the app). */
async function recordShell(app: ElectronApplication): Promise<void> {
  await app.evaluate(({ Notification, Tray }) => {
    const seen = globalThis as unknown as Seen;
    seen.shown = [];
    seen.trays = new Set();
    seen.tooltips = [];
    seen.menu = [];
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
    const setContextMenu = Tray.prototype.setContextMenu;
    Tray.prototype.setContextMenu = function (this: InstanceType<typeof Tray>, menu: Electron.Menu | null) {
      seen.lastMenu = menu;
      seen.menu = (menu?.items ?? []).flatMap((item) => [
        item.label,
        ...(item.submenu?.items ?? []).map((sub) => `${item.label} > ${sub.label}`),
      ]);
      setContextMenu.call(this, menu);
    };
  });
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
    await recordShell(app);
  });

  test.afterEach(async () => {
    // A test that quit the app leaves nothing to close.
    if (app?.process().exitCode === null) await app.close();
    rmSync(configDir, { recursive: true, force: true });
  });

  const recorded = <K extends keyof Seen>(key: K) =>
    app.evaluate((_electron, name) => {
      const value = (globalThis as unknown as Seen)[name];
      return value instanceof Set ? value.size : value;
    }, key);

  test('opens its window on first run, secured', async () => {
    const window = await app.firstWindow();
    await expect(window).toHaveTitle(/Backwatch/);
    const isolated = await window.evaluate(() => typeof (globalThis as { require?: unknown }).require === 'undefined');
    expect(isolated).toBe(true);
    expect(await window.evaluate(() => typeof (window as unknown as { backwatch?: object }).backwatch)).toBe('object');
  });

  test('launches into the tray, with no window, once an appliance is configured', async () => {
    await app.close();
    rmSync(configDir, { recursive: true, force: true });
    configDir = mkdtempSync(join(tmpdir(), 'backwatch-e2e-electron-'));
    const config = openConfigFile(configDir);
    await config.update((data) => ({ ...data, appliances: [{ ...applianceFor('a1'), enabled: false }] }));
    config.close();

    app = await electron.launch({
      executablePath: binary as string,
      args: [ROOT],
      cwd: ROOT,
      env: { ...process.env, BACKWATCH_CONFIG_DIR: configDir },
    });
    await recordShell(app);
    // The tray refreshes its texts every minute: by then it shows the appliance, and still no window opened.
    await expect
      .poll(async () => ((await recorded('tooltips')) as string[]).at(-1) ?? '', { timeout: 90_000 })
      .toContain('Appliance a1: paused');
    expect(await recorded('trays')).toBe(1);
    expect(app.windows()).toHaveLength(0);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(0);
  });

  test('has a tray icon whose tooltip lists the demo appliance', async () => {
    await expect.poll(async () => ((await recorded('tooltips')) as string[]).at(-1) ?? '', { timeout: 90_000 }).toMatch(/SPP demo/);
    const trays = await app.evaluate(
      () => [...(globalThis as unknown as Seen).trays].filter((t) => !(t as Electron.Tray).isDestroyed()).length,
    );
    expect(trays).toBe(1);
  });

  test('the tray menu is the tray model’s: open, the demo’s jobs, refresh, pause, quit', async () => {
    await expect.poll(async () => (await recorded('menu')) as string[], { timeout: 90_000 }).toContain('Refresh now');
    const menu = (await recorded('menu')) as string[];
    expect(menu[0]).toBe('Open Backwatch');
    expect(menu.at(-1)).toBe('Quit Backwatch');
    expect(menu).toEqual(expect.arrayContaining(['Pause notifications > For 1 hour', 'Pause notifications > Off']));
    // The demo's jobs as the model words them: "Job (SPP demo) — failed 2 min ago", then "N more OK".
    const listsJobs = async () => ((await recorded('menu')) as string[]).some((label) => / demo\) — |OK$/.test(label));
    await expect.poll(listsJobs, { timeout: 90_000 }).toBe(true);
  });

  test('a second launch shows the first one’s window and exits', async () => {
    await app.firstWindow();
    // Close the window: the app lives on in the tray.
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().forEach((w) => w.close()));
    await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(0);

    const reopened = app.waitForEvent('window');
    const second = spawn(binary as string, [ROOT], {
      cwd: ROOT,
      env: { ...process.env, BACKWATCH_CONFIG_DIR: configDir },
      stdio: 'ignore',
    });
    const exitCode = await new Promise<number | null>((resolve) => second.once('exit', (code) => resolve(code)));
    expect(exitCode, 'the second launch exits by itself').toBe(0);
    await reopened;
    await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().filter((w) => w.isVisible()).length)).toBe(1);
    expect(app.process().exitCode, 'the first launch keeps running').toBeNull();
  });

  test('the tray’s Quit ends the process with exit code 0', async () => {
    await expect.poll(async () => (await recorded('menu')) as string[], { timeout: 90_000 }).toContain('Quit Backwatch');
    const exited = new Promise<number | null>((resolve) => app.process().once('exit', (code) => resolve(code)));
    // The click handler runs after evaluate returns; the process may be gone before its answer arrives.
    await app
      .evaluate(() => {
        const menu = (globalThis as unknown as Seen).lastMenu as Electron.Menu;
        const quit = menu.items.find((item) => item.label === 'Quit Backwatch');
        setTimeout(() => quit?.click(), 0);
      })
      .catch(() => undefined);
    expect(await exited).toBe(0);
  });

  test('a failing demo job raises a notification', async () => {
    await expect
      .poll(async () => (await recorded('shown')) as string[], { timeout: 5 * 60_000, intervals: [5_000] })
      .toContainEqual(expect.stringMatching(/fail/i));
  });
});
