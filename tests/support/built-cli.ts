/**
 * The built `backwatch` command (bin/backwatch.mjs over the bundle the vitest global setup
 * makes) run in a child process, as a person or a monitoring system runs it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import type { Appliance } from '../../src-main/common/model.js';
import { openConfigFile } from '../../src-main/core/config/conf-config-file.js';

export const BUILT_BIN = path.resolve('bin/backwatch.mjs');
const BUNDLE = path.resolve('dist/cli/backwatch.mjs');

export interface BuiltRun {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

/** Starts the command; `env` is added to a bare environment (PATH, HOME) so the host's settings stay out. */
export function startBuilt(args: readonly string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: the vitest global setup builds it.`);
  return spawn(process.execPath, [BUILT_BIN, ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** What a started command printed until it ended, with its exit code. */
export function finished(child: ChildProcess): Promise<BuiltRun> {
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, out, err })));
}

/** Runs the command to its end; `input` is its standard input. */
export function runBuilt(args: readonly string[], env: NodeJS.ProcessEnv = {}, input = ''): Promise<BuiltRun> {
  const child = startBuilt(args, env);
  const done = finished(child);
  child.stdin?.end(input);
  return done;
}

/** A configuration folder of the test file's own for the command's runs, removed when the file ends. */
export function builtConfigDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** SPP prod, its password in SPP_PW; nothing listens at its port, so a poll fails at once and the stored history answers. */
export const UNREACHABLE_SPP: Appliance = {
  id: 'spp-1',
  name: 'SPP prod',
  vendor: 'spp',
  baseUrl: 'https://127.0.0.1:9',
  username: 'admin',
  credential: { kind: 'env', variable: 'SPP_PW' },
  options: {},
  enabled: true,
};

/** Writes these appliances into the folder's configuration, as `appliance add` leaves them. */
export async function storeAppliances(dir: string, appliances: readonly Appliance[]): Promise<void> {
  const store = openConfigFile(dir);
  await store.update((data) => ({ ...data, appliances: [...appliances] }));
  store.close();
}
