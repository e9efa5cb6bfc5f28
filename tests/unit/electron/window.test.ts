import { app, BrowserWindow, resetElectronMock, session, shell, useAppFolder } from './electron-mock.js';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_PAGE_URL } from '../../../src-main/electron/app-protocol.js';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/common/csp.js';
import { stubAppFolder } from '../../support/built-app.js';
import { createLoginItem } from '../../../src-main/electron/login-item.js';
import {
  createMainWindow,
  DEFAULT_SIZE,
  isApplianceUrl,
  isSamePage,
  openApplianceUrl,
  restoreBounds,
  type WindowState,
} from '../../../src-main/electron/window.js';

vi.mock('electron', () => import('./electron-mock.js'));

const APP = stubAppFolder(['dist/main/preload/preload.cjs', 'dist/renderer/index.html']);
const PRELOAD = join(APP, 'dist', 'main', 'preload', 'preload.cjs');
const PAGE = APP_PAGE_URL;
const inApp = () => {
  resetElectronMock();
  useAppFolder(APP);
};

function setup(saved: WindowState | null = null) {
  const saves: WindowState[] = [];
  const external: string[] = [];
  const open = vi.fn();
  const window = createMainWindow({
    preloadPath: PRELOAD,
    pageUrl: PAGE,
    state: { load: () => saved, save: (s) => void saves.push(s) },
    onOpenChange: open,
    openExternal: (url) => void external.push(url),
  });
  return { window, saves, external, open };
}

describe('the main window', () => {
  beforeEach(inApp);

  it('is isolated, sandboxed and without Node', async () => {
    await setup().window.show();
    const prefs = BrowserWindow.all[0]?.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('loads the app:// page under a strict CSP and refuses permissions', async () => {
    const window = (await setup().window.show()) as unknown as BrowserWindow;
    expect(window.loaded).toEqual([APP_PAGE_URL]);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
    const decide = vi.fn();
    session.defaultSession.setPermissionRequestHandler.mock.calls[0]?.[0]({}, 'notifications', decide);
    expect(decide).toHaveBeenCalledWith(false);
  });

  it('denies navigation, webviews and new windows; links go to the external opener', async () => {
    const { window, external } = setup();
    const contents = (await window.show()).webContents as unknown as BrowserWindow['webContents'];
    expect(contents.fire('will-navigate', 'https://evil.example/').defaultPrevented).toBe(true);
    expect(contents.fire('will-redirect', 'https://evil.example/').defaultPrevented).toBe(true);
    expect(contents.fire('will-attach-webview', {}, {}).defaultPrevented).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://spp.example.com/' })).toEqual({ action: 'deny' });
    expect(external).toEqual(['https://spp.example.com/']);
  });

  it('is created once, shown again, and recreated after close', async () => {
    const { window, open, saves } = setup();
    const first = await window.show();
    expect(await window.show()).toBe(first);
    expect(BrowserWindow.all).toHaveLength(1);
    expect(open).toHaveBeenLastCalledWith(true);
    (first as unknown as BrowserWindow).close();
    expect(window.current()).toBeNull();
    expect(open).toHaveBeenLastCalledWith(false);
    expect(saves).toEqual([{ x: 10, y: 20, width: 900, height: 700, maximized: false }]);
    await window.show();
    expect(BrowserWindow.all).toHaveLength(2);
  });

  it('restores saved bounds', async () => {
    await setup({ x: 100, y: 100, width: 1000, height: 800, maximized: true }).window.show();
    expect(BrowserWindow.all[0]?.options).toMatchObject({ x: 100, y: 100, width: 1000, height: 800 });
    expect(BrowserWindow.all[0]?.maximized).toBe(true);
  });
});

describe('restoreBounds', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];
  it('keeps bounds on a display, drops bounds on an unplugged one, never below the minimum', () => {
    expect(restoreBounds({ x: 10, y: 10, width: 900, height: 600, maximized: false }, screen)).toEqual({
      x: 10,
      y: 10,
      width: 900,
      height: 600,
      maximized: false,
    });
    expect(restoreBounds({ x: 3000, y: 10, width: 900, height: 600, maximized: false }, screen)).toBeNull();
    expect(restoreBounds({ x: 10, y: 10, width: 100, height: 60, maximized: false }, screen)).toMatchObject({ width: 720, height: 480 });
    expect(restoreBounds({ x: Number.NaN, y: 10, width: 900, height: 600, maximized: false }, screen)).toBeNull();
    expect(restoreBounds(null, screen)).toBeNull();
    expect(DEFAULT_SIZE.width).toBeGreaterThan(720);
  });
});

describe('links', () => {
  beforeEach(resetElectronMock);
  const appliances = ['https://spp.example.com', 'https://vbo.example.com:4443/'];

  it('opens only http(s) URLs on a configured appliance’s origin', async () => {
    expect(isApplianceUrl('https://spp.example.com/#/jobs', appliances)).toBe(true);
    expect(isApplianceUrl('https://vbo.example.com:4443/v8/Jobs', appliances)).toBe(true);
    expect(isApplianceUrl('https://vbo.example.com/', appliances)).toBe(false);
    expect(isApplianceUrl('https://spp.example.com.evil.net/', appliances)).toBe(false);
    expect(isApplianceUrl('file:///etc/passwd', appliances)).toBe(false);
    expect(isApplianceUrl('not a url', appliances)).toBe(false);
    expect(await openApplianceUrl('https://evil.example/', appliances)).toBe(false);
    expect(shell.openExternal).not.toHaveBeenCalled();
    expect(await openApplianceUrl('https://spp.example.com/', appliances)).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledWith('https://spp.example.com/');
  });

  it('knows its own page whatever the hash', () => {
    expect(isSamePage(PAGE, `${PAGE}#/sessions`)).toBe(true);
    expect(isSamePage(PAGE, 'file:///tmp/index.html')).toBe(false);
    expect(isSamePage(PAGE, 'app://other/index.html')).toBe(false);
    expect(isSamePage(PAGE, 'app://backwatch/other.html')).toBe(false);
    expect(isSamePage(PAGE, 'https://evil.example/app/dist/renderer/index.html')).toBe(false);
  });
});

describe('createLoginItem', () => {
  beforeEach(resetElectronMock);

  it('toggles the login item on macOS and Windows', () => {
    const item = createLoginItem('win32');
    expect(item.supported).toBe(true);
    item.set(true);
    expect(app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true });
    expect(item.get()).toBe(true);
  });

  it('is unsupported on Linux and does nothing there', () => {
    const item = createLoginItem('linux');
    item.set(true);
    expect([item.supported, item.get()]).toEqual([false, false]);
    expect(app.setLoginItemSettings).not.toHaveBeenCalled();
  });
});
