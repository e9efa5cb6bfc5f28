import { resetElectronMock } from './electron-mock.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openMonitorMemory } from '../../../src-main/core/monitor-memory.js';
import { silentLogger } from '../../../src-main/core/logger.js';
import { openElectronMonitorMemory, openWindowStateStore } from '../../../src-main/electron/app-state-store.js';

vi.mock('electron', () => import('./electron-mock.js'));

let dir: string;

describe('electron-store state', () => {
  beforeEach(() => {
    resetElectronMock();
    dir = mkdtempSync(join(tmpdir(), 'backwatch-electron-state-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('remembers notified keys across a restart, in the shape the core reads', () => {
    const memory = openElectronMonitorMemory(dir);
    memory.update((d) => ({ ...d, notified: { 'spp/1/failed': '2025-03-10T12:00:00.000Z' }, watermarks: { spp: '2025-03-10T12:00:00Z' } }));
    const again = openElectronMonitorMemory(dir).read();
    expect(again.notified).toEqual({ 'spp/1/failed': '2025-03-10T12:00:00.000Z' });
    expect(again.watermarks).toEqual({ spp: '2025-03-10T12:00:00Z' });
    // The plain-file memory of the CLI reads the same file.
    expect(openMonitorMemory(dir, silentLogger).read().notified).toEqual(again.notified);
  });

  it('prunes the ledger to the newest keys', () => {
    const memory = openElectronMonitorMemory(dir);
    const many = Object.fromEntries(
      Array.from({ length: 20_010 }, (_, i) => [`k${i}`, new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString()]),
    );
    memory.update((d) => ({ ...d, notified: many }));
    const kept = Object.keys(openElectronMonitorMemory(dir).read().notified);
    expect(kept).toHaveLength(20_000);
    expect(kept).not.toContain('k0');
    expect(kept).toContain('k20009');
  });

  it('starts afresh from a damaged state file instead of failing', () => {
    writeFileSync(join(dir, 'monitor-state.json'), '{ nope');
    expect(openElectronMonitorMemory(dir).read()).toEqual({ notified: {}, held: [], watermarks: {} });
  });

  it('keeps the window bounds and ignores junk', () => {
    const store = openWindowStateStore(dir);
    expect(store.load()).toBeNull();
    store.save({ x: 5, y: 6, width: 800, height: 600, maximized: true });
    expect(openWindowStateStore(dir).load()).toEqual({ x: 5, y: 6, width: 800, height: 600, maximized: true });
    writeFileSync(join(dir, 'window-state.json'), JSON.stringify({ bounds: { x: 'a', y: 1, width: 2, height: 3, maximized: false } }));
    expect(openWindowStateStore(dir).load()).toBeNull();
  });
});
