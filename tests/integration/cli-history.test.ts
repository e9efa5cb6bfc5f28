/**
 * The CLI on the history database: what one run read, the next run starts from. A daily job's
 * success rate after a restart is the one before it (not the two runs of a first read's window),
 * and the notes of an appliance (a clock far ahead) come from the stored history.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runCliIn } from '../support/cli-run.js';
import { startVbrSimulator, type VbrSimulator } from '../../src-main/demo/vbr/vbr-simulator.js';

const DAY = 24 * 3_600_000;
let sim: VbrSimulator;
let dir: string;
/** Time that passed for the simulator and the CLI alike, without waiting for it. */
let ahead = 0;

beforeEach(async () => {
  ahead = 0;
  sim = await startVbrSimulator({ historySize: 20, seed: 4, now: () => Date.now() + ahead });
  dir = mkdtempSync(path.join(os.tmpdir(), 'bw-cli-history-'));
});
afterEach(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

const cli = (...args: string[]) => runCliIn(dir, args, { VBR_PW: sim.credentials.password }, () => Date.now() + ahead);

const rates = async (): Promise<Record<string, number | null>> => {
  const jobs = JSON.parse((await cli('jobs', '--json')).out) as { jobId: string; successRate: number | null }[];
  return Object.fromEntries(jobs.map((j) => [j.jobId, j.successRate]));
};

it('a restart reports the same success rates, read from the history of earlier runs', async () => {
  const add = ['appliance', 'add', '--vendor', 'vbr', '--name', 'VBR', '--url', sim.url, '--username', sim.credentials.username];
  expect((await cli(...add, '--password-env', 'VBR_PW', '--trust-fingerprint', sim.server.fingerprint256)).code).toBe(0);
  const jobs = sim.scenario.jobs();
  for (let day = 0; day < 12; day++) {
    // One run of every job a day, one in three failing: more runs than a first read's 48-hour window holds.
    for (const [i, job] of jobs.entries()) {
      sim.scenario.injectSessions([
        { jobId: job.id, createdAt: sim.scenario.applianceNow() - 60_000, outcome: (day + i) % 3 === 0 ? 'failed' : 'succeeded' },
      ]);
    }
    await cli('status');
    ahead += DAY;
    sim.scenario.advance(DAY);
  }
  const before = await rates();
  const after = await rates();
  expect(after).toEqual(before);
  // A fresh config folder sees only the first read's window: fewer runs, other rates.
  const stored = dir;
  dir = mkdtempSync(path.join(os.tmpdir(), 'bw-cli-fresh-'));
  try {
    await cli(...add, '--password-env', 'VBR_PW', '--trust-fingerprint', sim.server.fingerprint256);
    expect(await rates()).not.toEqual(before);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    dir = stored;
  }
});

it('appliance list names a clock far ahead from the stored history, without polling', async () => {
  const add = ['appliance', 'add', '--vendor', 'vbr', '--name', 'VBR', '--url', sim.url, '--username', sim.credentials.username];
  await cli(...add, '--password-env', 'VBR_PW', '--trust-fingerprint', sim.server.fingerprint256);
  await cli('status');
  sim.scenario.injectSessions([{ jobId: sim.scenario.jobs()[0]!.id, createdAt: Date.parse('2100-01-01T00:00:00Z'), outcome: 'succeeded' }]);
  ahead += 60_000;
  expect((await cli('status')).out).toMatch(/VBR: the appliance's clock is 7\d years ahead/);
  await sim.close();
  const list = await cli('appliance', 'list');
  expect(list.code).toBe(0);
  expect(list.out).toMatch(/VBR: the appliance's clock is 7\d years ahead/);
});
