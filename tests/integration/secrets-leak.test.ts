/**
 * A known password goes in through the CLI and through the window's IPC; afterwards it must be
 * nowhere else: not in the config folder, the logs, the IPC traffic towards the window, error
 * messages, or the environment of the CLI process.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createLogger } from '../../src-main/core/logger.js';
import { createKeytarSecretStore } from '../../src-main/core/secrets/secret-store.js';
import { startSppSimulator, type SppSimulator } from '../../src-main/demo/spp/spp-simulator.js';
import { startHarness } from '../../src-main/harness/harness.js';
import { IPC_PATH } from '../../src-main/harness/ws-transport.js';
import { eventually } from '../support/eventually.js';

const PASSWORD = 'Kn0wn-Backwatch-Secret-7f3a';
const WRONG = 'Wr0ng-Backwatch-Secret-9c1d';
const BIN = path.resolve('bin/backwatch.mjs');

let sim: SppSimulator;
beforeAll(async () => {
  sim = await startSppSimulator({ historySize: 50, password: PASSWORD });
});
afterAll(async () => {
  await sim.close();
});

/** Every file under `dir`, as text. */
function filesUnder(dir: string): { file: string; text: string }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f).isFile())
    .map((file) => ({ file, text: readFileSync(file, 'latin1') }));
}

function hits(haystacks: readonly { where: string; text: string }[]): string[] {
  return haystacks.filter((h) => h.text.includes(PASSWORD) || h.text.includes(WRONG)).map((h) => h.where);
}

describe('the CLI keeps the password to the keychain', () => {
  it('leaves no trace of it in files, output, errors or its environment', { timeout: 90_000 }, async (ctx) => {
    const keychain = await createKeytarSecretStore().availability();
    if (!keychain.available) {
      console.warn(`SKIPPED: no Secret Service here (${keychain.message}); npm test runs this inside dbus-run-session with gnome-keyring.`);
      ctx.skip();
    }
    const dir = mkdtempSync(path.join(os.tmpdir(), 'backwatch-leak-cli-'));
    const outputs: { where: string; text: string }[] = [];
    // Asynchronous on purpose: the simulator answers from this very process.
    const cli = async (args: string[], input = '') => {
      const child = spawn(process.execPath, [BIN, ...args, '--config-dir', dir], { stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.stdin.end(input);
      const status = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      const what = args.slice(0, 2).join(' ');
      outputs.push({ where: `stdout of ${what}`, text: stdout }, { where: `stderr of ${what}`, text: stderr });
      return { status, stdout, stderr };
    };
    const add = (name: string, password: string) =>
      cli(
        [
          'appliance',
          'add',
          '--vendor',
          'spp',
          '--name',
          name,
          '--url',
          sim.url,
          '--username',
          'admin',
          '--password-stdin',
          '--trust-fingerprint',
          sim.server.fingerprint256,
        ],
        `${password}\n`,
      );

    expect((await add('SPP leak test', PASSWORD)).status).toBe(0);
    expect((await add('SPP wrong', WRONG)).status).toBe(4);
    expect((await cli(['appliance', 'test', 'SPP leak test'])).status).toBe(0);
    await cli(['status', '--json']);
    await cli(['sessions', '--json', '--limit', '5']);

    // A running `watch`: its environment must not carry the password either.
    const watch = spawn(process.execPath, [BIN, 'watch', '--jsonl', '--verbose', '--config-dir', dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let watchOutput = '';
    watch.stdout.on('data', (d: Buffer) => (watchOutput += d.toString()));
    watch.stderr.on('data', (d: Buffer) => (watchOutput += d.toString()));
    // Until the watch has logged in and read sessions: then it holds the password.
    const listed = () => sim.server.stats.byPath.get('/api/endeavour/jobsession') ?? 0;
    const before = listed();
    await eventually(() => listed() > before, 20_000, "the watch's first poll");
    const environ = process.platform === 'linux' ? readFileSync(`/proc/${watch.pid}/environ`, 'latin1') : '';
    watch.kill('SIGTERM');
    await new Promise((r) => watch.once('exit', r));
    outputs.push({ where: 'watch output', text: watchOutput }, { where: 'watch environment', text: environ });

    const found = hits([...outputs, ...filesUnder(dir).map(({ file, text }) => ({ where: file, text }))]);
    expect((await cli(['appliance', 'remove', 'SPP leak test'])).status).toBe(0);
    expect(found).toEqual([]);
  });
});

describe('the window never receives the password', () => {
  it('keeps it out of IPC answers and events, logs, errors and the config folder', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'backwatch-leak-app-'));
    const logLines: string[] = [];
    const harness = await startHarness({
      configDir: dir,
      log: createLogger((l) => logLines.push(`${l.level} ${l.message} ${JSON.stringify(l.fields ?? {})}`)),
    });
    const received: string[] = [];
    const socket = new WebSocket(`ws://127.0.0.1:${new URL(harness.origin).port}${IPC_PATH}?token=${harness.token}`, {
      origin: harness.origin,
    });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    socket.on('message', (data: Buffer) => received.push(data.toString()));
    let id = 0;
    const call = (channel: string, arg?: unknown) =>
      new Promise<unknown>((resolve) => {
        const mine = ++id;
        const listener = (data: Buffer) => {
          const message = JSON.parse(data.toString()) as { type: string; id?: number; value?: unknown; error?: string };
          if (message.type === 'response' && message.id === mine) {
            socket.off('message', listener);
            resolve(message.value ?? message.error);
          }
        };
        socket.on('message', listener);
        socket.send(JSON.stringify({ type: 'request', id: mine, channel, arg }));
      });
    try {
      const draft = {
        name: 'SPP leak test',
        vendor: 'spp',
        baseUrl: sim.url,
        username: 'admin',
        trustedFingerprint: sim.server.fingerprint256,
      };
      expect(await call('appliances:test', { draft: { ...draft, password: WRONG } })).toMatchObject({ ok: false, reason: 'auth_failed' });
      expect(await call('appliances:test', { draft: { ...draft, password: PASSWORD } })).toMatchObject({ ok: true });
      expect(await call('appliances:add', { ...draft, password: PASSWORD })).toMatchObject({ ok: true });
      await call('appliances:refresh');
      await call('appliances:list');
      await call('status:snapshot');
      await call('sessions:list', { limit: 20 });
      const state = await fetch(`${harness.origin}/__harness/state?token=${harness.token}`).then((r) => r.text());
      const found = hits([
        ...received.map((text, i) => ({ where: `IPC message ${i}`, text })),
        ...logLines.map((text, i) => ({ where: `log line ${i}`, text })),
        { where: 'harness state', text: state },
        ...filesUnder(dir).map(({ file, text }) => ({ where: file, text })),
      ]);
      expect(received.length).toBeGreaterThan(5);
      expect(found).toEqual([]);
    } finally {
      socket.close();
      await harness.close();
    }
  });
});
