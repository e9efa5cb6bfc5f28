import { resetElectronMock } from './electron-mock.js';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src-main/common/settings.js';
import { openConfigFile } from '../../../src-main/core/config/config-store.js';
import { openElectronConfigStore } from '../../../src-main/electron/electron-config-store.js';

vi.mock('electron', () => import('./electron-mock.js'));

const NOW = new Date('2025-03-10T12:00:00Z');
let dir: string;
const file = () => join(dir, 'config.json');
const appliance = {
  id: 'spp-prod',
  name: 'SPP prod',
  vendor: 'spp',
  baseUrl: 'https://spp.example.com',
  username: 'admin',
  credential: { kind: 'keychain' },
  options: {},
  enabled: true,
};

describe('openElectronConfigStore at startup', () => {
  beforeEach(() => {
    resetElectronMock();
    dir = mkdtempSync(join(tmpdir(), 'backwatch-electron-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('starts from defaults on a fresh install, silently', () => {
    const store = openElectronConfigStore(dir, () => NOW);
    expect(store.notices).toEqual([]);
    expect(store.read().appliances).toEqual([]);
    expect(store.read().settings).toEqual(DEFAULT_SETTINGS);
    expect(store.path).toBe(file());
  });

  it('moves a corrupt file aside, keeps it, starts from defaults and says so', () => {
    writeFileSync(file(), '{"schemaVersion": 1, "appliances": [');
    const store = openElectronConfigStore(dir, () => NOW);
    const aside = readdirSync(dir).filter((n) => n.startsWith('config.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0] as string), 'utf8')).toBe('{"schemaVersion": 1, "appliances": [');
    expect(store.read().appliances).toEqual([]);
    expect(store.notices).toHaveLength(1);
    expect(store.notices[0]).toMatch(/not valid JSON.*moved to .*config\.json\.corrupt-.*default settings/);
    // The app goes on with a usable file in place.
    expect(JSON.parse(readFileSync(file(), 'utf8')).settings).toEqual(DEFAULT_SETTINGS);
  });

  it('moves aside a file of the wrong shape too', () => {
    writeFileSync(file(), '[1, 2, 3]');
    const store = openElectronConfigStore(dir, () => NOW);
    expect(store.notices[0]).toMatch(/does not hold a JSON object/);
    expect(readdirSync(dir).some((n) => n.startsWith('config.json.corrupt-'))).toBe(true);
  });

  it('drops an invalid appliance, keeps a copy of the file and keeps the rest', () => {
    const original = JSON.stringify({
      schemaVersion: 1,
      appliances: [appliance, { ...appliance, id: 'bad', name: 'Bad', vendor: 'nope' }],
    });
    writeFileSync(file(), original);
    const store = openElectronConfigStore(dir, () => NOW);
    expect(store.read().appliances.map((a) => a.id)).toEqual(['spp-prod']);
    expect(store.notices.some((n) => n.includes('"Bad" was dropped'))).toBe(true);
    const copy = readdirSync(dir).find((n) => n.startsWith('config.json.bak-'));
    expect(copy && readFileSync(join(dir, copy), 'utf8')).toBe(original);
  });

  it('shares the file with the CLI: what one writes the other reads, other keys untouched', () => {
    writeFileSync(file(), JSON.stringify({ schemaVersion: 1, appliances: [], somethingElse: { kept: true } }));
    const store = openElectronConfigStore(dir, () => NOW);
    store.update((d) => ({ ...d, appliances: [appliance as never], settings: { ...d.settings, pollIntervalSec: 120 } }));
    const cli = openConfigFile(dir);
    expect(cli.notices).toEqual([]);
    expect(cli.read().appliances.map((a) => a.name)).toEqual(['SPP prod']);
    expect(cli.read().settings.pollIntervalSec).toBe(120);
    expect(JSON.parse(readFileSync(file(), 'utf8')).somethingElse).toEqual({ kept: true });

    cli.update((d) => ({ ...d, settings: { ...d.settings, pollIntervalSec: 90 } }));
    expect(openElectronConfigStore(dir, () => NOW).read().settings.pollIntervalSec).toBe(90);
  });

  it('migrates an old file and saves the result', () => {
    writeFileSync(file(), JSON.stringify({ appliances: [{ ...appliance, baseUrl: undefined, url: 'https://old.example.com' }] }));
    const store = openElectronConfigStore(dir, () => NOW);
    expect(store.read().appliances[0]?.baseUrl).toBe('https://old.example.com');
    const saved = JSON.parse(readFileSync(file(), 'utf8'));
    expect(saved.schemaVersion).toBe(1);
    expect(saved.appliances[0].baseUrl).toBe('https://old.example.com');
    expect(existsSync(file())).toBe(true);
  });

  it('guards every write with the JSON Schema made from the core schemas', () => {
    const store = openElectronConfigStore(dir, () => NOW);
    const data = store.read();
    expect(() => store.write({ ...data, settings: { ...data.settings, pollIntervalSec: 1 } })).toThrow(/pollIntervalSec/);
    expect(() => store.write({ ...data, appliances: [{ ...data.appliances[0], ...appliance, vendor: 'tsm' } as never] })).toThrow(/vendor/);
    // Nothing invalid reached the file.
    expect(JSON.parse(readFileSync(file(), 'utf8')).settings.pollIntervalSec).toBe(DEFAULT_SETTINGS.pollIntervalSec);
    store.write({ ...data, appliances: [appliance as never] });
    expect(
      openConfigFile(dir)
        .read()
        .appliances.map((a) => a.id),
    ).toEqual(['spp-prod']);
  });
});
