import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA_VERSION, DEFAULT_SETTINGS } from '../../../src-main/common/settings.js';
import type { ConfigData } from '../../../src-main/common/settings.js';
import { newApplianceId } from '../../../src-main/core/config/appliance-id.js';
import { ConfigFormatError } from '../../../src-main/core/config/config-migrations.js';
import { parseConfig } from '../../../src-main/core/config/config-parse.js';
import { defaultConfigDir, resolveConfigDir, type ConfigStore } from '../../../src-main/core/config/config-store.js';
import { openConfigFile } from '../../../src-main/core/config/conf-config-file.js';
import { moveAside } from '../../../src-main/core/config/safe-file.js';
import { withTimeout } from '../../support/with-timeout.js';

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

const opened: ConfigStore[] = [];
/** A store on `where`, closed after the test. */
const open = (where: string) => {
  const store = openConfigFile(where, () => FIXED);
  opened.push(store);
  return store;
};

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'bw-config-'));
});
afterEach(() => {
  for (const store of opened.splice(0)) store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('openConfigFile', () => {
  it('starts from defaults when there is no file, without creating one (or its folder)', () => {
    const store = openConfigFile(path.join(dir, 'nested'));
    expect(store.read()).toEqual({ schemaVersion: CONFIG_SCHEMA_VERSION, appliances: [], settings: DEFAULT_SETTINGS });
    expect(store.notices).toEqual([]);
    expect(store.rejected()).toEqual([]);
    expect(store.path).toBe(path.join(dir, 'nested', 'config.json'));
    expect(siblings()).toEqual([]);
    store.close();
  });

  it('round-trips what it saves, atomically, tab-indented and readable by the owner only', async () => {
    const store = open(path.join(dir, 'nested'));
    const data: ConfigData = {
      schemaVersion: CONFIG_SCHEMA_VERSION,
      appliances: [parseConfig({ schemaVersion: 1, appliances: [appliance()] }).data.appliances[0]!],
      settings: { ...DEFAULT_SETTINGS, pollIntervalSec: 120, mutedJobs: { 'spp-1/j1': { until: null } } },
    };
    expect(await store.update(() => data)).toEqual(data);
    expect(store.read()).toEqual(data);
    const reopened = open(path.join(dir, 'nested'));
    expect(reopened.read()).toEqual(data);
    expect(reopened.notices).toEqual([]);
    expect(statSync(reopened.path).mode & 0o777).toBe(0o600);
    expect(readFileSync(reopened.path, 'utf8')).toMatch(/^\{\n\t"schemaVersion": 1,/);
    // No lock, temporary file or copy left behind.
    expect(readdirSync(path.join(dir, 'nested'))).toEqual(['config.json']);
  });

  it('update applies a function to what the file holds now, not to what was read at open', async () => {
    const first = open(dir);
    const second = open(dir);
    await first.update((d) => ({ ...d, settings: { ...d.settings, startAtLogin: true } }));
    const next = await second.update((d) => ({ ...d, settings: { ...d.settings, pollIntervalSec: 90 } }));
    expect(next.settings).toMatchObject({ startAtLogin: true, pollIntervalSec: 90 });
    expect(open(dir).read().settings).toMatchObject({ startAtLogin: true, pollIntervalSec: 90 });
  });

  it('keeps keys it does not own: top-level (the shell window state) and inside settings and appliances', async () => {
    writeRaw(
      JSON.stringify({
        schemaVersion: 1,
        appliances: [appliance({ tags: ['dc1'] })],
        settings: { futureRule: { on: true } },
        windowState: { width: 900 },
      }),
    );
    await open(dir).update((d) => ({ ...d, settings: { ...d.settings, pollIntervalSec: 90 } }));
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toMatchObject({
      windowState: { width: 900 },
      appliances: [{ id: 'spp-1', tags: ['dc1'] }],
      settings: { pollIntervalSec: 90, futureRule: { on: true } },
    });
  });

  it.each([
    ['corrupt JSON', '{"schemaVersion": 1, "appliances": [', 'it is not valid JSON'],
    ['a truncated (empty) file', '', 'it is not valid JSON'],
    ['a wrong schema (appliances not a list)', JSON.stringify({ schemaVersion: 1, appliances: { a: 1 } }), '"appliances" is not a list'],
    ['a wrong schema (not an object)', JSON.stringify([1, 2, 3]), 'it does not hold a JSON object'],
    ['a wrong schema (bad version)', JSON.stringify({ schemaVersion: 'one' }), 'schemaVersion'],
  ])('moves %s aside, keeps it, starts from defaults and says so', (_what, content, why) => {
    writeRaw(content);
    const store = open(dir);
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
    open(dir);
    writeRaw('[');
    open(dir);
    expect(siblings()).toEqual(['config.json.corrupt-2024-03-01T12-00-00.000Z', 'config.json.corrupt-2024-03-01T12-00-00.000Z-1']);
  });

  it('a file broken while the store is open is moved aside at the next save, which keeps what the store held', async () => {
    const store = open(dir);
    await store.update((d) => ({ ...d, settings: { ...d.settings, pollIntervalSec: 120 } }));
    writeRaw('{"half an edit');
    const saved = await store.update((d) => ({ ...d, settings: { ...d.settings, startAtLogin: true } }));
    expect(saved.settings).toMatchObject({ pollIntervalSec: 120, startAtLogin: true });
    expect(readFileSync(path.join(dir, 'config.json.corrupt-2024-03-01T12-00-00.000Z'), 'utf8')).toBe('{"half an edit');
    expect(store.notices.at(-1)).toMatch(/had become unusable; it was moved to .*corrupt-2024/);
  });

  it('refuses a save the JSON Schema refuses, and the file stays as it was', async () => {
    const store = open(dir);
    await store.update((d) => ({ ...d, appliances: [appliance() as never] }));
    const before = readFileSync(file(), 'utf8');
    await expect(store.update((d) => ({ ...d, settings: { ...d.settings, pollIntervalSec: 1 } }))).rejects.toThrow(/pollIntervalSec/);
    await expect(store.update((d) => ({ ...d, appliances: [{ ...d.appliances[0]!, vendor: 'tsm' as never }] }))).rejects.toThrow(/vendor/);
    expect(readFileSync(file(), 'utf8')).toBe(before);
    expect(store.read().appliances.map((a) => a.vendor)).toEqual(['spp']);
  });
});

describe('an appliance that cannot be used', () => {
  const broken = () => appliance({ id: 'bad-1', name: 'Broken', baseUrl: 'http://plain.example.test' });
  const withBroken = () =>
    JSON.stringify({ schemaVersion: 1, appliances: [appliance(), broken(), appliance({ id: 'vb', name: 'VB365', vendor: 'vb365' })] });

  it('is set aside with why; every other appliance is kept', () => {
    writeRaw(withBroken());
    const store = open(dir);
    expect(store.read().appliances.map((a) => a.id)).toEqual(['spp-1', 'vb']);
    expect(store.rejected()).toEqual([
      { name: 'Broken', reason: 'Its baseUrl is invalid: the address must start with https:// (Backwatch connects over HTTPS only).' },
    ]);
    expect(store.notices).toEqual([
      'Appliance "Broken" is set aside and not monitored. Its baseUrl is invalid: the address must start with https:// (Backwatch connects over HTTPS only).',
    ]);
  });

  it('survives every later save, in the file, and comes back once fixed by hand', async () => {
    writeRaw(withBroken());
    const store = open(dir);
    await store.update((d) => ({ ...d, appliances: d.appliances.filter((a) => a.id !== 'vb') }));
    await open(dir).update((d) => ({ ...d, settings: { ...d.settings, pollIntervalSec: 90 } }));
    const saved = JSON.parse(readFileSync(file(), 'utf8')) as Record<string, unknown>;
    expect(saved.appliances).toEqual([expect.objectContaining({ id: 'spp-1' })]);
    expect(saved.rejectedAppliances).toEqual([
      { reason: 'Its baseUrl is invalid: the address must start with https:// (Backwatch connects over HTTPS only).', entry: broken() },
    ]);
    expect(open(dir).rejected()).toEqual([{ name: 'Broken', reason: expect.stringContaining('https://') }]);

    writeRaw(JSON.stringify({ ...saved, rejectedAppliances: [{ entry: { ...broken(), baseUrl: 'https://fixed.example.test' } }] }));
    const fixed = open(dir);
    expect(fixed.rejected()).toEqual([]);
    expect(fixed.read().appliances.map((a) => a.id)).toEqual(['spp-1', 'bad-1']);
  });
});

describe('a file with invalid parts, opened and saved', () => {
  const badSetting = (value: number) => JSON.stringify({ schemaVersion: 1, settings: { pollIntervalSec: value, startAtLogin: true } });
  const backups = () => siblings().filter((name) => name.startsWith('config.json.bak-'));

  it('is never written when only read, however often it is opened', () => {
    writeRaw(badSetting(-5));
    for (let run = 0; run < 5; run++) {
      const store = open(dir);
      expect(store.read().settings).toMatchObject({ pollIntervalSec: DEFAULT_SETTINGS.pollIntervalSec, startAtLogin: true });
      expect(store.notices[0]).toBe('The setting "pollIntervalSec" is invalid; its default is used.');
    }
    expect(siblings()).toEqual(['config.json']);
    expect(readFileSync(file(), 'utf8')).toBe(badSetting(-5));
  });

  it('gets one copy per distinct bad content, made before the save that changes it', async () => {
    writeRaw(badSetting(-5));
    const store = open(dir);
    const promised = store.notices[1]?.match(/at (\S+)\.$/)?.[1];
    await store.update((d) => d);
    await store.update((d) => ({ ...d, settings: { ...d.settings, sessionWindow: 500 } }));
    expect(backups()).toHaveLength(1);
    expect(path.join(dir, backups()[0]!)).toBe(promised);
    expect(readFileSync(promised!, 'utf8')).toBe(badSetting(-5));

    writeRaw(badSetting(-5));
    await open(dir).update((d) => d);
    expect(backups()).toHaveLength(1);
    writeRaw(badSetting(-6));
    await open(dir).update((d) => d);
    expect(backups()).toHaveLength(2);
  });
});

describe('a file written by a newer Backwatch', () => {
  const newer = () => JSON.stringify({ schemaVersion: 99, appliances: [appliance({ zone: 'eu' })], hologram: { on: true } });

  it('is read, and every save is refused with one line; the file stays byte for byte', async () => {
    writeRaw(newer());
    const store = open(dir);
    expect(store.read().appliances.map((a) => a.id)).toEqual(['spp-1']);
    expect(store.notices[0]).toMatch(/newer Backwatch \(schema 99\); it is read-only here/);
    const refused = store.update((d) => ({ ...d, appliances: [] }));
    await expect(refused).rejects.toThrow(
      /config\.json was written by a newer Backwatch \(schema 99\); it is read-only here: update Backwatch/,
    );
    await expect(refused).rejects.not.toThrow(/\n/);
    expect(readFileSync(file(), 'utf8')).toBe(newer());
    expect(siblings()).toEqual(['config.json']);
  });
});

describe('the lock', () => {
  it('makes a save wait while another process holds it', async () => {
    const store = open(dir);
    await store.update((d) => d);
    const release = await lockfile.lock(file(), { realpath: false });
    const saving = store.update((d) => ({ ...d, settings: { ...d.settings, startAtLogin: true } }));
    await new Promise((resolve) => setImmediate(resolve));
    expect(JSON.parse(readFileSync(file(), 'utf8')).settings.startAtLogin).toBe(false);
    await release();
    expect((await saving).settings.startAtLogin).toBe(true);
  });

  it('takes over the lock of a process that died holding it', async () => {
    mkdirSync(`${file()}.lock`);
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(`${file()}.lock`, minuteAgo, minuteAgo);
    await open(dir).update((d) => ({ ...d, settings: { ...d.settings, startAtLogin: true } }));
    expect(open(dir).read().settings.startAtLogin).toBe(true);
    expect(siblings()).toEqual(['config.json']);
  });
});

describe('watching the file', () => {
  it('reports what another store saved, and never its own saves', async () => {
    const watched = open(dir);
    const seen: ConfigData[] = [];
    const outside = new Promise<ConfigData>((resolve) => watched.onChange((data) => (seen.push(data), resolve(data))));
    await watched.update((d) => ({ ...d, settings: { ...d.settings, pollIntervalSec: 120 } }));
    await open(dir).update((d) => ({ ...d, appliances: [appliance() as never] }));
    const data = await withTimeout(outside, 2_000);
    expect(data.appliances.map((a) => a.id)).toEqual(['spp-1']);
    expect(data.settings.pollIntervalSec).toBe(120);
    expect(watched.read()).toEqual(data);
    expect(seen).toHaveLength(1);
  });

  it('stops when closed', async () => {
    const watched = open(dir);
    await watched.update((d) => d);
    let calls = 0;
    watched.onChange(() => calls++);
    watched.close();
    const other = open(dir);
    const sawIt = new Promise<void>((resolve) => other.onChange(() => resolve()));
    await open(dir).update((d) => ({ ...d, settings: { ...d.settings, startAtLogin: true } }));
    await withTimeout(sawIt, 2_000);
    expect(calls).toBe(0);
    expect(watched.read().settings.startAtLogin).toBe(false);
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
    expect(problems).toEqual(['The setting "pollIntervalSec" is invalid; its default is used.']);
  });

  it('normalises a pinned fingerprint and fills appliance defaults', () => {
    const raw = appliance({ certificate: { fingerprint256: FP.replace(/:/g, '').toLowerCase(), pem: PEM } });
    delete (raw as Record<string, unknown>).enabled;
    const [parsed] = parseConfig({ schemaVersion: 1, appliances: [raw] }).data.appliances;
    expect(parsed?.certificate?.fingerprint256).toBe(FP);
    expect(parsed?.enabled).toBe(true);
  });

  it('sets aside an appliance that repeats the name of another one', () => {
    const twin = appliance({ id: 'other', name: 'spp PROD' });
    const { data, problems, rejected } = parseConfig({ schemaVersion: 1, appliances: [appliance(), twin] });
    expect(data.appliances).toHaveLength(1);
    expect(rejected).toEqual([{ name: 'spp PROD', reason: 'It repeats the id or name of another appliance.', entry: twin }]);
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

  it('a migrated file is written back as the current version at the next save, after a copy of the old one', async () => {
    const v0 = JSON.stringify({
      appliances: [{ id: 'old-1', name: 'Old', vendor: 'vcsa', url: 'https://vc.example.test', username: 'root' }],
    });
    writeRaw(v0);
    const store = open(dir);
    expect(readFileSync(file(), 'utf8')).toBe(v0);
    await store.update((d) => d);
    const copies = siblings().filter((name) => name.startsWith('config.json.bak-'));
    expect(copies.map((name) => readFileSync(path.join(dir, name), 'utf8'))).toEqual([v0]);
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
    expect(problems[0]).toMatch(/newer Backwatch \(schema 99\); it is read-only here/);
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

  it('a store opened on the CLI folder reads what was saved there', async () => {
    const cliDir = resolveConfigDir(path.join(dir, 'cli'), 'linux', { BACKWATCH_CONFIG_DIR: path.join(dir, 'env') }, '/nonexistent');
    await open(cliDir).update((d) => ({ ...d, settings: { ...d.settings, sessionWindow: 500 } }));
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
