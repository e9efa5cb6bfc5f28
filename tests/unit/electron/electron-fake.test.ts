/**
 * The fake's own checks: which pages it lets the window load. The shell's tests rely on them to
 * fail when a build lacks a file; here each rule is shown once on a small app folder.
 */
import { BrowserWindow, nativeImage, Notification, resetElectronMock, takeFaults, Tray, useAppFolder } from './electron-mock.js';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { stubAppFolder } from '../../support/built-app.js';

vi.mock('electron', () => import('./electron-mock.js'));

const APP = stubAppFolder(['dist/renderer/index.html', 'dist/renderer/assets/index.js', 'assets/icon.png']);

describe('the Electron fake', () => {
  beforeEach(() => {
    resetElectronMock();
    useAppFolder(APP);
  });

  it('loads the renderer from the build by file:// URL, path or app://backwatch/ URL', async () => {
    const window = new BrowserWindow({});
    await window.loadURL(`${pathToFileURL(join(APP, 'dist', 'renderer', 'index.html')).href}#/overview`);
    await window.loadFile(join(APP, 'dist', 'renderer', 'index.html'));
    await window.loadURL('app://backwatch/index.html?view=jobs');
    await window.loadURL('app://backwatch/assets/index.js');
    expect(takeFaults()).toEqual([]);
  });

  const lacking = (file: string) => `points at ${file}, which the build in ${APP} does not contain`;
  const foreign = `is neither a file:// nor an app://backwatch/ page of the build in ${APP}`;
  it.each([
    ['a file the build lacks', 'app://backwatch/missing.html', lacking(join(APP, 'dist', 'renderer', 'missing.html'))],
    ['a path that climbs out of the renderer', 'app://backwatch/..%2F..%2Fpackage.json', foreign],
    ['another host of the app scheme', 'app://elsewhere/index.html', foreign],
    ['a file outside the app folder', pathToFileURL(resolve('package.json')).href, lacking(resolve('package.json'))],
    ['a web page', 'https://example.com/', foreign],
  ])('refuses %s as Electron would, with ERR_FILE_NOT_FOUND, and records it', async (_what, url, fault) => {
    await expect(new BrowserWindow({}).loadURL(url)).rejects.toThrow(`ERR_FILE_NOT_FOUND (-6) loading '${url}'`);
    expect(takeFaults()).toEqual([`loadURL('${url}') ${fault}`]);
  });

  it.each([
    ['BrowserWindow webPreferences.preload', (file: string) => new BrowserWindow({ webPreferences: { preload: file } })],
    ['BrowserWindow icon', (file: string) => new BrowserWindow({ icon: file })],
    ['nativeImage.createFromPath', (file: string) => nativeImage.createFromPath(file)],
    ['Tray image', (file: string) => new Tray(file)],
    ['Notification icon', (file: string) => new Notification({ title: 't', body: 'b', icon: file })],
  ])('records a %s that is not a file of the build, and lets one that is pass', (what, use) => {
    use(join(APP, 'assets', 'icon.png'));
    expect(takeFaults()).toEqual([]);
    const missing = join(APP, 'assets', 'missing.png');
    use(missing);
    expect(takeFaults()).toEqual([`${what} points at ${missing}, which the build in ${APP} does not contain`]);
  });
});
