import { resetElectronMock } from './electron-mock.js';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src-main/common/settings.js';
import { type ConfigStore } from '../../../src-main/core/config/config-store.js';
import { openConfigFile } from '../../../src-main/core/config/conf-config-file.js';
import { openElectronConfigStore } from '../../../src-main/electron/electron-config-store.js';
import { withTimeout } from '../../support/with-timeout.js';

vi.mock('electron', () => import('./electron-mock.js'));

const NOW = new Date('2025-03-10T12:00:00Z');
let dir: string;
let opened: ConfigStore[] = [];
/** The shell's store on `dir`, closed after the test. */
const open = () => {
  const store = openElectronConfigStore(dir, () => NOW);
  opened.push(store);
  return store;
};
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
  afterEach(() => {
    for (const store of opened) store.close();
    opened = [];
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts from defaults on a fresh install, silently', () => {
    const store = open();
    expect(store.notices).toEqual([]);
    expect(store.read().appliances).toEqual([]);
    expect(store.read().settings).toEqual(DEFAULT_SETTINGS);
    expect(store.path).toBe(file());
  });

  it('moves a corrupt file aside, keeps it, starts from defaults and says so', async () => {
    writeFileSync(file(), '{"schemaVersion": 1, "appliances": [');
    const store = open();
    const aside = readdirSync(dir).filter((n) => n.startsWith('config.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0] as string), 'utf8')).toBe('{"schemaVersion": 1, "appliances": [');
    expect(store.read().appliances).toEqual([]);
    expect(store.notices).toHaveLength(1);
    expect(store.notices[0]).toMatch(/not valid JSON.*moved to .*config\.json\.corrupt-.*default settings/);
    // The first save writes a usable file in its place.
    await store.update((d) => d);
    expect(JSON.parse(readFileSync(file(), 'utf8')).settings).toEqual(DEFAULT_SETTINGS);
  });

  it('moves aside a file of the wrong shape too', () => {
    writeFileSync(file(), '[1, 2, 3]');
    const store = open();
    expect(store.notices[0]).toMatch(/does not hold a JSON object/);
    expect(readdirSync(dir).some((n) => n.startsWith('config.json.corrupt-'))).toBe(true);
  });

  it('sets an invalid appliance aside and keeps it through its saves, the rest in use, the file untouched until then', async () => {
    const bad = { ...appliance, id: 'bad', name: 'Bad', vendor: 'nope' };
    const original = JSON.stringify({ schemaVersion: 1, appliances: [appliance, bad] });
    writeFileSync(file(), original);
    const store = open();
    expect(store.read().appliances.map((a) => a.id)).toEqual(['spp-prod']);
    expect(store.rejected()).toEqual([{ name: 'Bad', reason: expect.stringMatching(/^Its vendor is invalid/) }]);
    expect(store.notices.some((n) => n.includes('"Bad" is set aside'))).toBe(true);
    expect(readFileSync(file(), 'utf8')).toBe(original);
    await store.update((d) => ({ ...d, settings: { ...d.settings, pollIntervalSec: 120 } }));
    const saved = JSON.parse(readFileSync(file(), 'utf8'));
    expect(saved.rejectedAppliances).toEqual([{ reason: expect.stringMatching(/^Its vendor is invalid/), entry: bad }]);
    expect(openConfigFile(dir).rejected()).toEqual(store.rejected());
  });

  it('shares the file with the CLI: what one saves the other reads, other keys untouched', async () => {
    writeFileSync(file(), JSON.stringify({ schemaVersion: 1, appliances: [], somethingElse: { kept: true } }));
    const store = open();
    await store.update((d) => ({ ...d, appliances: [appliance as never], settings: { ...d.settings, pollIntervalSec: 120 } }));
    const cli = openConfigFile(dir);
    expect(cli.notices).toEqual([]);
    expect(cli.read().appliances.map((a) => a.name)).toEqual(['SPP prod']);
    expect(cli.read().settings.pollIntervalSec).toBe(120);
    expect(JSON.parse(readFileSync(file(), 'utf8')).somethingElse).toEqual({ kept: true });

    const seen = new Promise((resolve) => store.onChange(resolve));
    await cli.update((d) => ({ ...d, settings: { ...d.settings, pollIntervalSec: 90 } }));
    await withTimeout(seen, 2_000, 'the CLI change');
    expect(store.read().settings.pollIntervalSec).toBe(90);
    cli.close();
  });

  it('migrates an old file at the first save', async () => {
    writeFileSync(file(), JSON.stringify({ appliances: [{ ...appliance, baseUrl: undefined, url: 'https://old.example.com' }] }));
    const store = open();
    expect(store.read().appliances[0]?.baseUrl).toBe('https://old.example.com');
    await store.update((d) => d);
    const saved = JSON.parse(readFileSync(file(), 'utf8'));
    expect(saved.schemaVersion).toBe(1);
    expect(saved.appliances[0].baseUrl).toBe('https://old.example.com');
  });

  it('guards every save with the JSON Schema made from the core schemas', async () => {
    const store = open();
    await expect(store.update((d) => ({ ...d, settings: { ...d.settings, pollIntervalSec: 1 } }))).rejects.toThrow(
      /Config schema violation: `settings\/pollIntervalSec`/,
    );
    await expect(store.update((d) => ({ ...d, appliances: [{ ...appliance, vendor: 'tsm' } as never] }))).rejects.toThrow(/vendor/);
    // Nothing invalid reached the file.
    expect(existsSync(file())).toBe(false);
    await store.update((d) => ({ ...d, appliances: [appliance as never] }));
    expect(
      openConfigFile(dir)
        .read()
        .appliances.map((a) => a.id),
    ).toEqual(['spp-prod']);
  });
});
