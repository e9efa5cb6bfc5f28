import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA_VERSION, DEFAULT_SETTINGS } from '../../../src-main/common/settings.js';
import type { ConfigData } from '../../../src-main/common/settings.js';
import { newApplianceId } from '../../../src-main/core/config/appliance-id.js';
import { ConfigFormatError, parseConfig } from '../../../src-main/core/config/config-schema.js';
import { defaultConfigDir, moveAside, openConfigFile, resolveConfigDir } from '../../../src-main/core/config/config-store.js';

const FP = 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89';
const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

const appliance = (overrides: Record<string, unknown> = {}) => ({
  id: 'spp-1',
  name: 'SPP prod',
  vendor: 'spp',
  baseUrl: 'https://spp.example.test',
  username: 'admin',
  credential: { kind: 'keychain' },
  certificate: { fingerprint256: FP, pem: PEM },
  options: {},
  enabled: true,
  ...overrides,
});

const FIXED = new Date('2024-03-01T12:00:00.000Z');

let dir: string;
const file = () => path.join(dir, 'config.json');
const writeRaw = (text: string) => writeFileSync(file(), text);
const siblings = () => readdirSync(dir).sort();

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'bw-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('openConfigFile', () => {
  it('starts from defaults when there is no file, without creating one', () => {
    const store = openConfigFile(dir);
    expect(store.read()).toEqual({ schemaVersion: CONFIG_SCHEMA_VERSION, appliances: [], settings: DEFAULT_SETTINGS });
    expect(store.notices).toEqual([]);
    expect(store.path).toBe(file());
    expect(siblings()).toEqual([]);
  });

  it('round-trips what it writes, atomically and readable by the owner only', () => {
    const store = openConfigFile(path.join(dir, 'nested'));
    const data: ConfigData = {
      schemaVersion: CONFIG_SCHEMA_VERSION,
      appliances: [parseConfig({ schemaVersion: 1, appliances: [appliance()] }).data.appliances[0]!],
      settings: { ...DEFAULT_SETTINGS, pollIntervalSec: 120, mutedJobs: { 'spp-1/j1': { until: null } } },
    };
    store.write(data);
    expect(store.read()).toEqual(data);
    const reopened = openConfigFile(path.join(dir, 'nested'));
    expect(reopened.read()).toEqual(data);
    expect(reopened.notices).toEqual([]);
    expect(statSync(reopened.path).mode & 0o777).toBe(0o600);
    expect(readdirSync(path.join(dir, 'nested'))).toEqual(['config.json']);
  });

  it('update applies a function to the current data and saves it', async () => {
    const store = openConfigFile(dir);
    const next = await store.update((d) => ({ ...d, settings: { ...d.settings, startAtLogin: true } }));
    expect(next.settings.startAtLogin).toBe(true);
    expect(openConfigFile(dir).read().settings.startAtLogin).toBe(true);
  });

  it('keeps top-level keys it does not own (e.g. the shell window state) when writing', () => {
    writeRaw(JSON.stringify({ schemaVersion: 1, appliances: [], windowState: { width: 900 } }));
    const store = openConfigFile(dir);
    store.update((d) => ({ ...d, settings: { ...d.settings, pollIntervalSec: 90 } }));
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toMatchObject({ windowState: { width: 900 }, settings: { pollIntervalSec: 90 } });
  });

  it.each([
    ['corrupt JSON', '{"schemaVersion": 1, "appliances": [', 'it is not valid JSON'],
    ['a truncated (empty) file', '', 'it is not valid JSON'],
    ['a wrong schema (appliances not a list)', JSON.stringify({ schemaVersion: 1, appliances: { a: 1 } }), '"appliances" is not a list'],
    ['a wrong schema (not an object)', JSON.stringify([1, 2, 3]), 'it does not hold a JSON object'],
    ['a wrong schema (bad version)', JSON.stringify({ schemaVersion: 'one' }), 'schemaVersion'],
  ])('moves %s aside, keeps it, starts from defaults and says so', (_what, content, why) => {
    writeRaw(content);
    const store = openConfigFile(dir, () => FIXED);
    const aside = path.join(dir, 'config.json.corrupt-2024-03-01T12-00-00.000Z');
    expect(siblings()).toEqual(['config.json.corrupt-2024-03-01T12-00-00.000Z']);
    expect(readFileSync(aside, 'utf8')).toBe(content);
    expect(store.read().appliances).toEqual([]);
    expect(store.read().settings).toEqual(DEFAULT_SETTINGS);
    expect(store.notices).toHaveLength(1);
    expect(store.notices[0]).toContain(aside);
    expect(store.notices[0]).toContain(why);
    expect(store.notices[0]).toMatch(/default settings/);
  });

  it('never overwrites an earlier file moved aside at the same instant', () => {
    writeRaw('{');
    openConfigFile(dir, () => FIXED);
    writeRaw('[');
    openConfigFile(dir, () => FIXED);
    expect(siblings()).toEqual(['config.json.corrupt-2024-03-01T12-00-00.000Z', 'config.json.corrupt-2024-03-01T12-00-00.000Z-1']);
  });

  it('drops one bad appliance with a problem, keeps the rest, and keeps a copy of the file', () => {
    const content = JSON.stringify({
      schemaVersion: 1,
      appliances: [
        appliance(),
        appliance({ id: 'bad-1', name: 'Broken', baseUrl: 'http://plain.example.test' }),
        appliance({ id: 'vb', name: 'VB365', vendor: 'vb365' }),
      ],
    });
    writeRaw(content);
    const store = openConfigFile(dir, () => FIXED);
    expect(store.read().appliances.map((a) => a.id)).toEqual(['spp-1', 'vb']);
    expect(store.notices[0]).toMatch(/Appliance "Broken" was dropped .*https:\/\//);
    expect(store.notices[1]).toContain('config.json.bak-2024-03-01T12-00-00.000Z');
    expect(readFileSync(path.join(dir, 'config.json.bak-2024-03-01T12-00-00.000Z'), 'utf8')).toBe(content);
    expect(readFileSync(file(), 'utf8')).toBe(content);
  });
});

describe('parseConfig', () => {
  it('fills defaults for missing settings, also inside nested objects', () => {
    const { data, problems } = parseConfig({ schemaVersion: 1, settings: { pollIntervalSec: 30, notifications: { overruns: true } } });
    expect(problems).toEqual([]);
    expect(data.settings).toEqual({
      ...DEFAULT_SETTINGS,
      pollIntervalSec: 30,
      notifications: { ...DEFAULT_SETTINGS.notifications, overruns: true },
    });
  });

  it('resets an invalid setting to its default and reports it', () => {
    const { data, problems } = parseConfig({ schemaVersion: 1, settings: { pollIntervalSec: -5, startAtLogin: true } });
    expect(data.settings.pollIntervalSec).toBe(DEFAULT_SETTINGS.pollIntervalSec);
    expect(data.settings.startAtLogin).toBe(true);
    expect(problems).toEqual(['The setting "pollIntervalSec" was invalid and was reset to its default.']);
  });

  it('normalises a pinned fingerprint and fills appliance defaults', () => {
    const raw = appliance({ certificate: { fingerprint256: FP.replace(/:/g, '').toLowerCase(), pem: PEM } });
    delete (raw as Record<string, unknown>).enabled;
    const [parsed] = parseConfig({ schemaVersion: 1, appliances: [raw] }).data.appliances;
    expect(parsed?.certificate?.fingerprint256).toBe(FP);
    expect(parsed?.enabled).toBe(true);
  });

  it('drops an appliance that repeats the name of another one', () => {
    const { data, problems } = parseConfig({ schemaVersion: 1, appliances: [appliance(), appliance({ id: 'other', name: 'spp PROD' })] });
    expect(data.appliances).toHaveLength(1);
    expect(problems[0]).toMatch(/repeats the id or name/);
  });

  it('migrates a v0 file (no schemaVersion, `url`, no credential) to v1', () => {
    const v0 = { appliances: [{ id: 'old-1', name: 'Old SPP', vendor: 'spp', url: 'https://old.example.test', username: 'admin' }] };
    const { data, problems } = parseConfig(v0);
    expect(problems).toEqual([]);
    expect(data.schemaVersion).toBe(1);
    expect(data.appliances).toEqual([
      {
        id: 'old-1',
        name: 'Old SPP',
        vendor: 'spp',
        baseUrl: 'https://old.example.test',
        username: 'admin',
        credential: { kind: 'keychain' },
        options: {},
        enabled: true,
      },
    ]);
  });

  it('a migrated file is written back as the current version', () => {
    writeRaw(
      JSON.stringify({ appliances: [{ id: 'old-1', name: 'Old', vendor: 'vcsa', url: 'https://vc.example.test', username: 'root' }] }),
    );
    const store = openConfigFile(dir);
    store.write(store.read());
    const saved = JSON.parse(readFileSync(file(), 'utf8')) as Record<string, unknown>;
    expect(saved.schemaVersion).toBe(1);
    expect(saved.appliances).toEqual([expect.objectContaining({ baseUrl: 'https://vc.example.test' })]);
    expect(JSON.stringify(saved)).not.toContain('"url"');
  });

  it('throws ConfigFormatError for content unusable as a whole', () => {
    expect(() => parseConfig(null)).toThrow(ConfigFormatError);
    expect(() => parseConfig({ settings: 'loud' })).toThrow(ConfigFormatError);
  });

  it('reads a file from a newer version with a problem instead of failing', () => {
    const { data, problems } = parseConfig({ schemaVersion: 99, appliances: [appliance()] });
    expect(data.appliances).toHaveLength(1);
    expect(problems[0]).toMatch(/newer Backwatch/);
  });
});

describe('config folder', () => {
  it('is Electron userData for productName Backwatch on each platform', () => {
    expect(defaultConfigDir('linux', {}, '/home/ann')).toBe('/home/ann/.config/Backwatch');
    expect(defaultConfigDir('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/ann')).toBe('/xdg/Backwatch');
    expect(defaultConfigDir('darwin', {}, '/Users/ann')).toBe('/Users/ann/Library/Application Support/Backwatch');
    expect(defaultConfigDir('win32', { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'C:\\Users\\ann')).toBe(
      'C:\\Users\\ann\\AppData\\Roaming\\Backwatch',
    );
  });

  it('is overridden by BACKWATCH_CONFIG_DIR, and --config-dir wins over both', () => {
    const env = { BACKWATCH_CONFIG_DIR: '/srv/bw', XDG_CONFIG_HOME: '/xdg' };
    expect(defaultConfigDir('linux', env, '/home/ann')).toBe('/srv/bw');
    expect(resolveConfigDir(undefined, 'linux', env, '/home/ann')).toBe('/srv/bw');
    expect(resolveConfigDir('/tmp/cli-dir', 'linux', env, '/home/ann')).toBe('/tmp/cli-dir');
  });

  it('a store opened on the CLI folder reads what was saved there', () => {
    const cliDir = resolveConfigDir(path.join(dir, 'cli'), 'linux', { BACKWATCH_CONFIG_DIR: path.join(dir, 'env') }, '/nonexistent');
    openConfigFile(cliDir).update((d) => ({ ...d, settings: { ...d.settings, sessionWindow: 500 } }));
    expect(openConfigFile(path.join(dir, 'cli')).read().settings.sessionWindow).toBe(500);
    expect(openConfigFile(path.join(dir, 'env')).read().settings.sessionWindow).toBe(DEFAULT_SETTINGS.sessionWindow);
  });
});

describe('moveAside and newApplianceId', () => {
  it('moveAside renames the file and returns where it went', () => {
    writeRaw('x');
    const target = moveAside(file(), FIXED);
    expect(target).toBe(`${file()}.corrupt-2024-03-01T12-00-00.000Z`);
    expect(siblings()).toEqual([path.basename(target)]);
  });

  it('newApplianceId is url-safe, valid in the schema and unique', () => {
    const ids = Array.from({ length: 200 }, newApplianceId);
    expect(new Set(ids).size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });
});
