/**
 * The real `backwatch` command in several processes at once on one config folder — two `watch`
 * pollers (as the desktop app and `serve` poll) and `status` runs from cron: history.db takes
 * every session they read, and none of them fails on the shared file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/main.js';
import { openHistoryStore } from '../../src-main/core/history/history-store.js';
import { silentLogger } from '../../src-main/core/logger.js';
import type { ScenarioSession } from '../../src-main/demo/sim/scenario.js';
import { startSppSimulator, type SppSimulator } from '../../src-main/demo/spp/spp-simulator.js';
import { eventually } from '../support/eventually.js';

let sim: SppSimulator;
let dir: string;
const children: ChildProcess[] = [];

beforeEach(async () => {
  sim = await startSppSimulator({ historySize: 40, seed: 9 });
  dir = mkdtempSync(path.join(os.tmpdir(), 'bw-history-processes-'));
});
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGTERM');
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

const env = () => ({ PATH: process.env.PATH, HOME: dir, SPP_PW: sim.credentials.password });

function backwatch(args: string[]): { child: ChildProcess; done: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn(process.execPath, [path.resolve('bin/backwatch.mjs'), ...args, '--config-dir', dir], { env: env() });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout?.resume();
  return { child, done: new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr }))) };
}

it('keeps every session that the watchers and the status runs read at the same time', async () => {
  const term = { out: () => undefined, err: () => undefined, readStdin: async () => '', isTTY: false };
  const add = ['appliance', 'add', '--vendor', 'spp', '--name', 'SPP', '--url', sim.url, '--username', 'admin'];
  const added = await runCli(
    [...add, '--password-env', 'SPP_PW', '--trust-fingerprint', sim.server.fingerprint256, '--config-dir', dir],
    term,
    env(),
    Date.now,
  );
  expect(added).toBe(0);

  const watchers = [backwatch(['watch', '--jsonl', '--interval', '5']), backwatch(['watch', '--jsonl', '--interval', '5'])];
  const jobs = sim.scenario.jobs().filter((j) => j.enabled !== false);
  const runs: ScenarioSession[] = [];
  for (let round = 0; round < 2; round++) {
    const statusRuns = [0, 1].map(() => backwatch(['status']).done);
    for (const job of jobs.slice(0, 3)) {
      const run = sim.scenario.startRun(job.id);
      sim.scenario.finishRun(run.id, round % 2 === 0 ? 'failed' : 'succeeded');
      runs.push(run);
    }
    for (const result of await Promise.all(statusRuns)) {
      expect(result.code, result.stderr).toBeGreaterThanOrEqual(0);
      expect(result.code, result.stderr).toBeLessThanOrEqual(3);
      expect(result.stderr).not.toMatch(/SQLITE|database is locked|unexpected error/i);
    }
  }
  const history = openHistoryStore(dir, silentLogger);
  try {
    const applianceId = history.sessions({ limit: 1 })[0]?.applianceId ?? '';
    await eventually(() => runs.every((run) => history.hasSession(applianceId, run.id)), 30_000, 'every run in history.db');
  } finally {
    history.close();
  }
  for (const watcher of watchers) watcher.child.kill('SIGTERM');
  for (const { stderr } of await Promise.all(watchers.map((w) => w.done)))
    expect(stderr).not.toMatch(/SQLITE|database is locked|unexpected error/i);
}, 90_000);
