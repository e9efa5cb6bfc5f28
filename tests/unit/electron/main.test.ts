/**
 * The shell's wiring, end to end with Electron faked and everything else real (core, services,
 * electron-store, the demo simulators): what `main.ts` does from launch to quit, run once from the
 * source and once from the bundle `npm run build` ships (so bundling mistakes show here too), each
 * time in a copy of the built app folder, which every page, preload and icon must come from.
 */
import { app, BrowserWindow, invokeFrom, ipcMain, protocol, resetElectronMock, Tray, useAppFolder } from './electron-mock.js';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { builtAppCopy } from '../../support/built-app.js';
import { REQUEST_CHANNELS } from '../../../src-main/common/ipc-channels.js';
import type { AppInfo, MutationResult } from '../../../src-main/common/ipc-contract.js';
import type { ApplianceView } from '../../../src-main/common/snapshot.js';

vi.mock('electron', () => import('./electron-mock.js'));

const previousDir = process.env.BACKWATCH_CONFIG_DIR;
afterAll(() => {
  if (previousDir === undefined) delete process.env.BACKWATCH_CONFIG_DIR;
  else process.env.BACKWATCH_CONFIG_DIR = previousDir;
});

const entries = [
  { name: 'from source', load: (_app: string) => import('../../../src-main/electron/main.js') },
  { name: 'as bundled', load: (app: string) => import(pathToFileURL(join(app, 'dist', 'main', 'electron', 'main.js')).href) },
];

describe.each(entries)('the desktop app, $name', ({ load }) => {
  it(
    'launches into the tray with its window on first run, serves the contract, watches the demo, and quits cleanly',
    { timeout: 90_000 },
    async () => {
      resetElectronMock();
      // The shell reads its folder as it loads: a fresh one for each run.
      const dir = mkdtempSync(join(tmpdir(), 'backwatch-main-'));
      process.env.BACKWATCH_CONFIG_DIR = dir;
      const folder = builtAppCopy();
      useAppFolder(folder);
      await load(folder);

      await vi.waitFor(() => expect(BrowserWindow.all[0]?.visible).toBe(true), { timeout: 15_000 });
      const window = BrowserWindow.all[0]!;
      expect(window.loaded[0]).toBe('app://backwatch/index.html');
      expect(protocol.privileged.map((p) => p.scheme)).toEqual(['app']);
      expect(protocol.handlers.has('app')).toBe(true);
      expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
      expect(Tray.all).toHaveLength(1);
      expect(Tray.all[0]!.tooltips.at(-1)).toMatch(/Backwatch/);
      expect([...ipcMain.handlers.keys()].sort()).toEqual([...REQUEST_CHANNELS].sort());

      const fromWindow = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
      const call = async <T>(channel: string, arg?: unknown) => (await invokeFrom(fromWindow, channel, arg)) as T;
      const info = await call<AppInfo>('app:info');
      expect(info.shell).toBe('electron');
      // Run from source (not packaged): the updater stays off and says why.
      expect(info.updates).toEqual({ unavailableReason: expect.stringMatching(/from source/), readyVersion: null });
      expect(await call<MutationResult>('app:restart-to-update')).toMatchObject({ ok: false });

      expect(await call<MutationResult>('app:start-demo')).toMatchObject({ ok: true });
      await call('appliances:refresh');
      const appliances = await call<ApplianceView[]>('appliances:list');
      expect(appliances.map((a) => a.vendor).sort()).toEqual(['spp', 'vb365', 'vbr', 'vcsa']);
      expect(appliances.every((a) => a.health.state === 'ok')).toBe(true);
      await vi.waitFor(() => expect(Tray.all[0]!.tooltips.at(-1)).toContain('SPP demo'));
      // The window heard about it too, over the typed events.
      expect(window.webContents.sent.some((m) => m.channel === 'status:changed')).toBe(true);
      // The shared config file holds the appliances, never a password.
      const config = readFileSync(join(dir, 'config.json'), 'utf8');
      expect(JSON.parse(config).appliances).toHaveLength(4);
      expect(config).not.toMatch(/passw0rd|password"\s*:/i);

      app.emit('will-quit', { preventDefault: vi.fn() });
      await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(0), { timeout: 15_000 });
      expect(Tray.all[0]!.destroyed).toBe(true);
    },
  );
});
