import { resetElectronMock } from './electron-mock.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openWindowStateStore } from '../../../src-main/electron/app-state-store.js';

vi.mock('electron', () => import('./electron-mock.js'));

let dir: string;

describe('electron-store state', () => {
  beforeEach(() => {
    resetElectronMock();
    dir = mkdtempSync(join(tmpdir(), 'backwatch-electron-state-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the window bounds and ignores junk', () => {
    const store = openWindowStateStore(dir);
    expect(store.load()).toBeNull();
    store.save({ x: 5, y: 6, width: 800, height: 600, maximized: true });
    expect(openWindowStateStore(dir).load()).toEqual({ x: 5, y: 6, width: 800, height: 600, maximized: true });
    writeFileSync(join(dir, 'window-state.json'), JSON.stringify({ bounds: { x: 'a', y: 1, width: 2, height: 3, maximized: false } }));
    expect(openWindowStateStore(dir).load()).toBeNull();
  });
});
