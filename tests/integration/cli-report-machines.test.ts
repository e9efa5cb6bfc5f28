/**
 * `backwatch report` and machines: the poll it makes first reads the appliance's objects, so the
 * report lists the machines the appliance backs up, combined from the jobs it read, and those its
 * inventory lists that nothing backs up; when the
 * appliance does not answer, no machine was read and the report says so instead of listing none.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ComplianceReport } from '../../src-main/common/compliance-report.js';
import { startVbrSimulator, type VbrSimulator } from '../../src-main/demo/vbr/vbr-simulator.js';
import { parseCsv } from '../support/csv.js';
import { runCliIn } from '../support/cli-run.js';

let sim: VbrSimulator;
let dir: string;

beforeEach(async () => {
  sim = await startVbrSimulator({ historySize: 20, seed: 4 });
  dir = mkdtempSync(path.join(os.tmpdir(), 'bw-cli-report-machines-'));
});
afterEach(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

const cli = (...args: string[]) => runCliIn(dir, args, { VBR_PW: sim.credentials.password }, Date.now);

it('lists the machines the appliance backs up, and says when none could be read', async () => {
  const add = ['appliance', 'add', '--vendor', 'vbr', '--name', 'VBR', '--url', sim.url, '--username', sim.credentials.username];
  expect((await cli(...add, '--password-env', 'VBR_PW', '--trust-fingerprint', sim.server.fingerprint256)).code).toBe(0);
  const json = await cli('report', '--since', '7d', '--format', 'json');
  expect(json.code).toBe(0);
  const report = JSON.parse(json.out) as ComplianceReport;
  const objects = JSON.parse((await cli('objects', '--json')).out) as { objects: { name: string; state: string }[] };
  const judged = objects.objects.filter((o) => o.state !== 'excluded').map((o) => o.name);
  expect(judged.length).toBeGreaterThan(0);
  expect(report.machines!.rows.map((m) => m.name).sort()).toEqual(judged.sort());
  // Backed up by VBR and judged from its jobs, or listed by its inventory with nothing backing it up.
  const backed = report.machines!.rows.filter((m) => m.applianceNames.join() === 'VBR');
  const unbacked = report.machines!.rows.filter((m) => m.applianceNames.length === 0);
  expect(backed.length).toBeGreaterThan(0);
  // Those with a job are judged from it; restore points left by a job since deleted name none.
  for (const m of backed) expect(m.noShare === null ? m.share : m.noShare).toEqual(m.noShare === null ? expect.any(Number) : 'no_job');
  expect(backed.filter((m) => m.noShare === null).length).toBeGreaterThan(0);
  expect(unbacked.every((m) => m.noShare === 'in_no_backup' && m.share === null)).toBe(true);
  expect(backed.length + unbacked.length).toBe(judged.length);

  await sim.close();
  const csv = parseCsv((await cli('report', '--since', '7d')).out);
  expect(csv.find((r) => r[0] === 'Machines')?.[1]).toMatch(/^not read in this report/);
  expect(csv.some((r) => r[0] === 'Machine')).toBe(false);
});
