/**
 * Runs the `backwatch` command in-process against a throwaway config folder, as a person at a
 * terminal would, and gathers what it printed and its exit code.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src-main/cli/main.js';

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** A CLI over a fresh config folder; `env` holds the password variables the appliances name. */
export function cliRunner(env: Record<string, string>): (args: readonly string[]) => Promise<CliRun> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'backwatch-cli-'));
  return async (args) => {
    const out: string[] = [];
    const err: string[] = [];
    const term = { out: (t: string) => out.push(t), err: (t: string) => err.push(t), readStdin: async () => '', isTTY: false };
    const code = await runCli([...args, '--config-dir', dir], term, { PATH: process.env.PATH, ...env }, () => Date.now());
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
}

/** `appliance add` of a stub or simulator that anyone may log in to, trusting its certificate. */
export function addArgs(vendor: string, name: string, server: { url: string; fingerprint256: string }): string[] {
  const where = ['--url', server.url, '--trust-fingerprint', server.fingerprint256];
  return ['appliance', 'add', '--vendor', vendor, '--name', name, ...where, '--username', 'monitor', '--password-env', 'STUB_PW'];
}
