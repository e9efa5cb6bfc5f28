/**
 * Machines in the compliance report, read from a history database on disk: each machine combined
 * from its jobs' figures of the same read (one VM two appliances back up is one row, protected
 * while either protects it), one nothing backs up listed with no share and why, excluded ones
 * left out and counted; the CSV and the HTML parse, list them worst first after the jobs, and
 * their digest covers the machine rows. Without the objects judge's machines, the report says so.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../src-main/common/compliance-ledger.js';
import type { Session } from '../../../src-main/common/model.js';
import type { BackedUpObject, InventoryObject } from '../../../src-main/common/protected-objects.js';
import { DEFAULT_SETTINGS } from '../../../src-main/common/settings.js';
import { readCompliance } from '../../../src-main/core/reports/compliance-read.js';
import { buildReport } from '../../../src-main/core/reports/report-build.js';
import { exportReport } from '../../../src-main/core/reports/report-export.js';
import { csvLine, parseCsv } from '../../support/csv.js';
import { historyDirPerTest } from '../../support/history-dir.js';
import { judgeReads } from '../../support/object-fleet.js';
import { makeAppliance, makeSession } from '../common/factories.js';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 30, 12);
const TODAY = Math.floor(NOW / DAY_MS) * DAY_MS;
const PERIOD = { startMs: TODAY - 7 * DAY_MS, endMs: NOW };
const vbr = makeAppliance({ id: 'vbr', name: 'VBR prod' });
const spp = makeAppliance({ id: 'spp', name: 'SPP' });
const vc = makeAppliance({ id: 'vc', name: 'vCenter' });
const APPLIANCES = [vbr, spp, vc];

const history = historyDirPerTest('backwatch-machine-report-');

/** A run each of the last 9 nights at `hour`; the nights (days ago) in `failing` fail. */
function nights(applianceId: string, jobId: string, hour: number, failing: readonly number[]): Session[] {
  return Array.from({ length: 9 }, (_, i) => i + 1).map((ago) => {
    const endMs = TODAY - ago * DAY_MS + hour * HOUR;
    return makeSession({
      id: `${jobId}-${ago}`,
      applianceId,
      jobId,
      jobName: jobId,
      status: failing.includes(ago) ? 'failed' : 'succeeded',
      start: new Date(endMs - HOUR).toISOString(),
      end: new Date(endMs).toISOString(),
    });
  });
}

const vm = (moref: string, name: string, tags: string[] = []): InventoryObject => ({
  inventoryId: vc.id,
  platform: { instanceUuid: 'uuid-vc', moref },
  name,
  folder: null,
  tags,
});
const backup = (applianceId: string, moref: string, jobIds: string[]): BackedUpObject => ({
  applianceId,
  id: `${applianceId}-${moref}`,
  name: moref,
  kind: 'vm',
  platform: { instanceUuid: 'uuid-vc', moref },
  jobIds,
  lastGoodPointMs: null,
  lastFailureMs: null,
});

/** web-01: VBR's failing nightly and SPP's good daily; db-01: the nightly alone; orphan: nothing; scratch: excluded. */
function machines() {
  return judgeReads(
    {
      inventory: [vm('vm-1', 'web-01'), vm('vm-2', 'db-01'), vm('vm-3', 'orphan'), vm('vm-4', 'scratch', ['NoBackup'])],
      backedUp: [backup('vbr', 'vm-1', ['nightly']), backup('spp', 'vm-1', ['daily']), backup('vbr', 'vm-2', ['nightly'])],
      exclusions: [{ id: 'r1', applianceId: null, match: { kind: 'tag', tag: 'NoBackup' } }],
    },
    NOW,
  ).objects;
}

function report(withMachines: boolean) {
  const store = history.open();
  store.recordPoll(vbr.id, { sessions: nights(vbr.id, 'nightly', 2, [2, 3, 4]), cursor: {}, behind: 0 });
  store.recordPoll(spp.id, { sessions: nights(spp.id, 'daily', 14, []), cursor: {}, behind: 0 });
  const source = { history: store, appliances: APPLIANCES, settings: DEFAULT_SETTINGS, maintenance: [], nowMs: NOW };
  const figures = readCompliance(source, PERIOD, null, withMachines ? machines() : null);
  return buildReport(figures, {
    period: PERIOD,
    appliance: null,
    appliances: APPLIANCES,
    maintenance: [],
    generatedAtMs: NOW,
    version: '9.9.9',
  });
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('machines in a compliance report', () => {
  it('combines each machine from its jobs: protected while either appliance protects it, no share where nothing backs it up', () => {
    const made = report(true);
    const nightly = made.jobs.find((j) => j.jobId === 'nightly')!;
    expect(nightly.share).toBeLessThan(0.9);
    expect(made.machines!.rows.map((m) => [m.name, m.share === null ? null : m.share === 1, m.noShare])).toEqual([
      ['orphan', null, 'in_no_backup'],
      ['db-01', false, null],
      ['web-01', true, null],
    ]);
    const [, db, web] = made.machines!.rows;
    expect(db!.share).toBe(nightly.share);
    expect(db!.longestGap).toEqual(nightly.longestGap);
    expect(web!.applianceNames).toEqual(['VBR prod', 'SPP']);
    expect(web!.failedRuns).toBe(3);
    expect(web!.runs).toBe(made.jobs.reduce((sum, j) => sum + j.runs, 0));
    expect(made.machines!.excluded).toBe(1);
  });

  it('writes the machines after the jobs in the CSV, worst first, under the digest the documented command checks', () => {
    const csv = exportReport(report(true), 'csv').text;
    const rows = parseCsv(csv);
    expect(rows.find((r) => r[0] === 'Machines')?.[1]).toBe('3 listed, worst first; 1 excluded by a rule and left out');
    const header = rows.findIndex((r) => r[0] === 'Appliance' && r[1] === 'Job');
    const data = rows.slice(header + 1);
    const machineHeader = data.findIndex((r) => r[0] === 'Machine');
    expect(data[machineHeader - 1]).toEqual(['']);
    const machineRows = data.slice(machineHeader + 1);
    expect(machineRows.map((r) => [r[0], r[1], r[2], r[9]])).toEqual([
      ['orphan', '', '', 'in no backup'],
      ['db-01', 'VBR prod', expect.stringMatching(/^\d\d\.\d\d$/), ''],
      ['web-01', 'VBR prod; SPP', '100.00', ''],
    ]);
    const digest = rows.find((r) => r[0] === 'Data rows SHA-256')![1]!;
    expect(sha256(data.map(csvLine).join(''))).toBe(digest);
    const edited = machineRows.map((r) => (r[0] === 'db-01' ? [r[0], r[1]!, '100.00', ...r.slice(3)] : r));
    expect(sha256([...data.slice(0, machineHeader + 1), ...edited].map(csvLine).join(''))).not.toBe(digest);
  });

  it('writes a machines table in the HTML with the CSV’s cells, shown as a dash where no share was judged', () => {
    const made = report(true);
    const file = path.join(history.dir(), 'report.html');
    writeFileSync(file, exportReport(made, 'html').text);
    const xpath = (expr: string) =>
      execFileSync('xmllint', ['--html', '--noout', '--xpath', expr, file], { encoding: 'utf8' }).replace(/\n$/, '');
    expect(execFileSync('xmllint', ['--html', '--noout', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })).toBe('');
    const table = (id: string, columns: number) =>
      Array.from({ length: Number(xpath(`count(//table[@id="${id}"]/tbody/tr)`)) }, (_, i) =>
        Array.from({ length: columns }, (_, j) => xpath(`string(//table[@id="${id}"]/tbody/tr[${i + 1}]/td[${j + 1}])`)),
      );
    const head = Array.from({ length: 10 }, (_, j) => xpath(`string(//table[@id="machines"]/thead/tr/th[${j + 1}])`));
    const machineRows = table('machines', 10);
    expect(machineRows.map((r) => r[0])).toEqual(['orphan', 'db-01', 'web-01']);
    expect(xpath('string(//table[@id="machines"]/tbody/tr[1]/td[3]/@class)')).toBe('num share');
    expect(exportReport(made, 'html').text).toContain('td.share:empty::before { content: "\\2014"; }');
    const rowsText = [...table('jobs', 9), [''], head, ...machineRows].map(csvLine).join('');
    expect(sha256(rowsText)).toBe(xpath('string(//*[@id="sha256"])'));
  });

  it('says in its header that machines were not read when the objects judge had none, and hashes the jobs alone', () => {
    const made = report(false);
    expect(made.machines).toBeNull();
    const rows = parseCsv(exportReport(made, 'csv').text);
    expect(rows.find((r) => r[0] === 'Machines')?.[1]).toMatch(/^not read in this report/);
    expect(rows.some((r) => r[0] === 'Machine')).toBe(false);
    const json = JSON.parse(exportReport(made, 'json').text) as { machines: unknown; dataRowsSha256: string };
    expect(json.machines).toBeNull();
    const header = rows.findIndex((r) => r[0] === 'Appliance' && r[1] === 'Job');
    expect(
      sha256(
        rows
          .slice(header + 1)
          .map(csvLine)
          .join(''),
      ),
    ).toBe(json.dataRowsSha256);
  });
});
