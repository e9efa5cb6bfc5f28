/**
 * `status` as a monitoring plugin has a deadline across all appliances together: an appliance that
 * stalls makes it answer UNKNOWN (3) in time, naming the appliance, instead of waiting for every
 * retry of every request.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runCliIn } from '../support/cli-run.js';
import { startSppSimulator, type SppSimulator } from '../../src-main/demo/spp/spp-simulator.js';

let sim: SppSimulator;
let dir: string;
beforeEach(async () => {
  sim = await startSppSimulator({ historySize: 20, seed: 2 });
  dir = mkdtempSync(path.join(os.tmpdir(), 'bw-status-deadline-'));
});
afterEach(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

const cli = (...args: string[]) => runCliIn(dir, args, { SPP_PW: sim.credentials.password });

it('answers UNKNOWN within its deadline, naming the appliance that stalled', async () => {
  const add = ['appliance', 'add', '--vendor', 'spp', '--name', 'SPP stalled', '--url', sim.url, '--username', 'admin'];
  expect((await cli(...add, '--password-env', 'SPP_PW', '--trust-fingerprint', sim.server.fingerprint256)).code).toBe(0);
  sim.server.faults.set({ hangRate: 1 });
  const started = Date.now();
  const status = await cli('status', '--timeout', '1');
  // Each request would wait 15 s, three times: the answer comes with the deadline instead.
  expect(Date.now() - started).toBeLessThan(10_000);
  expect(status).toMatchObject({ code: 3, out: 'BACKWATCH UNKNOWN - no answer within 1 s from SPP stalled' });
});

it('refuses a deadline that is no whole number of seconds, as a usage error', async () => {
  expect((await cli('status', '--timeout', '0')).code).toBe(64);
  expect((await cli('status', '--timeout', 'soon')).code).toBe(64);
});

it('a password variable not set on this computer is UNKNOWN, not the appliance being down', async () => {
  const add = ['appliance', 'add', '--vendor', 'spp', '--name', 'SPP prod', '--url', sim.url, '--username', 'admin'];
  expect((await cli(...add, '--password-env', 'SPP_PW', '--trust-fingerprint', sim.server.fingerprint256)).code).toBe(0);
  // The monitoring host runs the check without the variable.
  const { code, out } = await runCliIn(dir, ['status']);
  expect(code).toBe(3);
  expect(out).toMatch(/^BACKWATCH UNKNOWN - /);
  expect(out).toContain('SPP_PW is not set on this computer');
});
