/**
 * A real gnome-keyring, locked: an appliance's password is stored while the login keyring is
 * unlocked, then the keyring daemon starts again without the password, as after a login that did
 * not unlock it (its unlock prompt cannot show, so it counts as dismissed). `status` and
 * `appliance list` must say the keychain is locked, not that the password is missing or that
 * there is no keychain; unlocked again, the same password is read. Each step is the built CLI in
 * its own private D-Bus session over one keyring folder. Skipped, loudly, without gnome-keyring.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSppSimulator, type SppSimulator } from '../../src-main/demo/spp/spp-simulator.js';

const has = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
const keyring = process.platform === 'linux' && has('dbus-run-session') && has('gnome-keyring-daemon');
if (!keyring) {
  console.warn('\n*** SKIPPED tests/integration/keychain-locked.test.ts: dbus-run-session and gnome-keyring-daemon are needed.\n');
}

const KEYRING_PASSWORD = 'backwatch-login';
const BIN = path.resolve('bin/backwatch.mjs');

interface Run {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

/**
 * The CLI in a fresh session bus whose gnome-keyring keeps its files in `dataHome`: unlocked with
 * the login password, or started without it (locked).
 */
function inSession(dataHome: string, unlocked: boolean, args: readonly string[], input = ''): Promise<Run> {
  const daemon = unlocked
    ? `echo -n ${KEYRING_PASSWORD} | gnome-keyring-daemon --unlock --components=secrets`
    : 'gnome-keyring-daemon --start --components=secrets';
  const script = `${daemon} >/dev/null 2>&1; exec "$0" "$@"`;
  const env = { PATH: process.env.PATH, HOME: dataHome, XDG_DATA_HOME: dataHome, XDG_RUNTIME_DIR: dataHome };
  const child = spawn('dbus-run-session', ['--', 'sh', '-c', script, process.execPath, BIN, ...args], { env });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => out.push(c));
  child.stderr.on('data', (c: Buffer) => err.push(c));
  child.stdin.end(input);
  return new Promise((resolve) =>
    child.on('close', (code) => resolve({ code, out: Buffer.concat(out).toString('utf8'), err: Buffer.concat(err).toString('utf8') })),
  );
}

describe.skipIf(!keyring)('a locked gnome-keyring', () => {
  let sim: SppSimulator;
  const dataHome = mkdtempSync(path.join(os.tmpdir(), 'backwatch-locked-keyring-'));
  const configDir = mkdtempSync(path.join(os.tmpdir(), 'backwatch-locked-config-'));
  const cli = (unlocked: boolean, ...args: string[]) => inSession(dataHome, unlocked, [...args, '--config-dir', configDir]);

  beforeAll(async () => {
    sim = await startSppSimulator({ historySize: 10 });
    const add = [
      ...['appliance', 'add', '--vendor', 'spp', '--name', 'SPP prod', '--url', sim.url],
      ...['--username', sim.credentials.username, '--password-stdin', '--trust-fingerprint', sim.server.fingerprint256],
    ];
    const added = await inSession(dataHome, true, [...add, '--config-dir', configDir], sim.credentials.password);
    expect(added.code, added.err).toBe(0);
  });
  afterAll(() => sim.close());

  it('is said as locked, with UNKNOWN (3), and the password is read once it is unlocked', { timeout: 60_000 }, async () => {
    const locked = await cli(false, 'status');
    expect(locked.code, locked.err).toBe(3);
    const [head, ...lines] = locked.out.trim().split('\n');
    expect(head).toMatch(/^BACKWATCH UNKNOWN - /);
    expect(lines).toContain(
      'SPP prod: keychain locked — The OS keychain is locked — unlock it; Backwatch tries it again within a minute. It holds the password of "SPP prod".',
    );
    expect(locked.out + locked.err).not.toMatch(/No OS keychain|No password is stored|sign-in failed/);

    const listed = await cli(false, 'appliance', 'list');
    expect(listed.out).toMatch(/SPP prod .*unknown \(keychain locked\)/);

    const unlocked = await cli(true, 'status');
    expect(unlocked.out).toMatch(/^BACKWATCH (OK|WARNING|CRITICAL) - /);
    expect(unlocked.out).not.toMatch(/keychain/);
  });
});
