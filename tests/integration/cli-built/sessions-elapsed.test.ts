/** The built `sessions` shows how long a running session has run, as the window does, instead of a dash. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSppSimulator, type SppSimulator } from '../../../src-main/demo/spp/spp-simulator.js';
import { runBuilt } from '../../support/built-cli.js';

let sim: SppSimulator;
const dir = mkdtempSync(path.join(os.tmpdir(), 'backwatch-elapsed-'));
beforeAll(async () => {
  sim = await startSppSimulator({ historySize: 20, seed: 5 });
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('backwatch sessions', () => {
  it("shows a running session's elapsed time in its DURATION column", async () => {
    const env = { SPP_PW: sim.credentials.password };
    const where = ['--url', sim.server.url, '--trust-fingerprint', sim.server.fingerprint256];
    const add = ['appliance', 'add', '--vendor', 'spp', '--name', 'SPP lab', ...where, '--username', 'admin', '--password-env', 'SPP_PW'];
    expect((await runBuilt([...add, '--config-dir', dir], env)).code).toBe(0);
    const job = sim.scenario.jobs()[0]!;
    sim.scenario.startRun(job.id);

    const run = await runBuilt(['sessions', '--status', 'running', '--config-dir', dir], env);
    expect(run.code).toBe(0);
    const [head, row] = run.out.split('\n');
    const column = head!.indexOf('DURATION');
    expect(row).toContain(job.name);
    expect(row!.slice(column).split(/\s{2,}/)[0]).toMatch(/^\d+ (s|min)$/);
  });
});
