/**
 * Machines' compliance at fleet scale: 200 appliances × 50 jobs (10,000 jobs) with a year of
 * nightly runs, and the machines they back up: 100 per appliance on one or two of its jobs, one in
 * ten also backed up by the next appliance (one machine, two appliances), and 2,000 VMs of an
 * inventory that nothing backs up. The jobs' time is worked out once, as the report's read does;
 * measured is what machines add to it: combining every machine from its jobs' time, and the
 * machine rows of the 365-day report as CSV and HTML. Run alone:
 * `npx tsx tests/bench/machine-compliance-bench.ts` (a smaller fleet through
 * BACKWATCH_COMPLIANCE_APPLIANCES, e.g. 20).
 */
import { pathToFileURL } from 'node:url';
import { DAY_MS } from '../../src-main/common/compliance-ledger.js';
import { complianceTime } from '../../src-main/common/compliance-time.js';
import { streaksOf, summaryCompliance, type ComplianceRun } from '../../src-main/common/compliance.js';
import { machinesCompliance, type JobTime } from '../../src-main/common/object-compliance.js';
import type { BackedUpObject, InventoryObject } from '../../src-main/common/protected-objects.js';
import { periodInterval } from '../../src-main/common/report-period.js';
import { DEFAULT_SETTINGS } from '../../src-main/common/settings.js';
import { buildReport } from '../../src-main/core/reports/report-build.js';
import { exportReport } from '../../src-main/core/reports/report-export.js';
import { judgeReads } from '../support/object-fleet.js';
import { round } from './bench-support.js';

const JOBS_PER_APPLIANCE = 50;
const MACHINES_PER_APPLIANCE = 100;
const UNBACKED_VMS = 2_000;
const NOW = Date.UTC(2026, 11, 7, 9, 0);
const TODAY = Math.floor(NOW / DAY_MS) * DAY_MS;
const PERIOD = periodInterval({ lastDays: 365 }, NOW) as { startMs: number; endMs: number };

export interface MachineComplianceBenchFigures {
  readonly jobs: number;
  readonly machines: number;
  /** Every machine combined from its jobs' figures (and time, for a machine of several jobs) over 365 days, CPU ms (best of three). */
  readonly combineMs: number;
  /** The machine rows of the 365-day report: built, sorted, written as CSV and HTML, CPU ms. */
  readonly reportRowsMs: number;
  readonly reportHtmlKB: number;
}

/** A job's year of nightly runs (one night in 25 fails, one in 60 has none), as the rule takes it. */
function jobInputOf(seed: number) {
  const runs: ComplianceRun[] = [];
  for (let night = 366; night >= 1; night--) {
    const n = seed + night;
    if (n % 60 === 7) continue;
    const failed = n % 25 === 3;
    runs.push({ endMs: TODAY - night * DAY_MS + 2 * 3_600_000 + (seed % 120) * 60_000, protecting: !failed, failed });
  }
  const successEnds = runs.filter((r) => r.protecting).map((r) => r.endMs);
  const summary = { streaks: streaksOf(successEnds, DEFAULT_SETTINGS.rpoSec * 1000), failures: [], runs: runs.length };
  const input = {
    period: PERIOD,
    nowMs: NOW,
    knownFromMs: runs[0]!.endMs,
    rpo: [{ fromMs: -Infinity, rpoSec: DEFAULT_SETTINGS.rpoSec }],
    maintenance: [],
    summary,
  };
  return { input, lastSuccessMs: successEnds.at(-1) ?? null };
}

/** Each job's figures, and its time worked out once when a machine of several jobs first asks: as a report's read gives them. */
function jobTimes(inputs: ReadonlyMap<string, ReturnType<typeof jobInputOf>>): Map<string, JobTime> {
  const out = new Map<string, JobTime>();
  for (const [key, { input, lastSuccessMs }] of inputs) {
    let time: ReturnType<typeof complianceTime> | undefined;
    out.set(key, { time: () => (time ??= complianceTime(input)), figures: summaryCompliance(input), lastSuccessMs });
  }
  return out;
}

function fleetOf(appliances: number) {
  const platform = (a: number, m: number) => ({ instanceUuid: 'vc-bench', moref: `vm-${a}-${m}` });
  const backedUp: BackedUpObject[] = [];
  for (let a = 0; a < appliances; a++) {
    for (let m = 0; m < MACHINES_PER_APPLIANCE; m++) {
      const jobIds =
        m % 3 === 0 ? [`job-${m % JOBS_PER_APPLIANCE}`, `job-${(m + 1) % JOBS_PER_APPLIANCE}`] : [`job-${m % JOBS_PER_APPLIANCE}`];
      const object = {
        applianceId: `appl-${a}`,
        id: `o-${m}`,
        name: `vm-${a}-${m}`,
        kind: 'vm' as const,
        platform: platform(a, m),
        jobIds,
        lastGoodPointMs: null,
        lastFailureMs: null,
      };
      backedUp.push(object);
      // One in ten is backed up by the next appliance too: the same VM, one machine.
      if (m % 10 === 0) backedUp.push({ ...object, applianceId: `appl-${(a + 1) % appliances}`, id: `copy-${a}-${m}` });
    }
  }
  const inventory: InventoryObject[] = Array.from({ length: UNBACKED_VMS }, (_, v) => ({
    inventoryId: 'vc',
    platform: { instanceUuid: 'vc-bench', moref: `unbacked-${v}` },
    name: `unbacked-${v}`,
    folder: null,
    tags: [],
  }));
  return judgeReads({ backedUp, inventory }, NOW).objects;
}

/** CPU ms of `run` in this process: on a shared, busy machine wall time says more of the others than of this. */
const cpuTimed = (run: () => void): number => {
  const c0 = process.cpuUsage();
  run();
  const c = process.cpuUsage(c0);
  return round((c.user + c.system) / 1000, 1);
};

export function machineComplianceFigures(options: { appliances?: number } = {}): MachineComplianceBenchFigures {
  const count = options.appliances ?? Number(process.env.BACKWATCH_COMPLIANCE_APPLIANCES ?? 200);
  const inputs = new Map<string, ReturnType<typeof jobInputOf>>();
  for (let a = 0; a < count; a++)
    for (let j = 0; j < JOBS_PER_APPLIANCE; j++) inputs.set(`appl-${a}\n job-${j}`, jobInputOf(a * 7919 + j * 131));
  const objects = fleetOf(count);
  let machines = machinesCompliance(objects, () => undefined, null);
  const combineMs = Math.min(
    ...[0, 1, 2].map(() => {
      // The jobs' figures are the read's; what machines add is timed: their union, and the time of the jobs it needs.
      const jobs = jobTimes(inputs);
      return cpuTimed(() => (machines = machinesCompliance(objects, (applianceId, jobId) => jobs.get(`${applianceId}\n ${jobId}`), null)));
    }),
  );
  const fleet = { countedMs: 0, protectedMs: 0, share: null, runs: 0, failedRuns: 0, longestGap: null };
  let html = '';
  const reportRowsMs = cpuTimed(() => {
    const context = { period: PERIOD, appliance: null, appliances: [], maintenance: [], generatedAtMs: NOW, version: 'bench' };
    const report = buildReport({ maintenanceRecords: [], jobs: [], appliances: [], fleet, machines }, context);
    exportReport(report, 'csv');
    html = exportReport(report, 'html').text;
  });
  return {
    jobs: inputs.size,
    machines: machines.machines.length,
    combineMs,
    reportRowsMs,
    reportHtmlKB: round(Buffer.byteLength(html) / 1024, 0),
  };
}

export function describeMachineComplianceFigures(f: MachineComplianceBenchFigures): string {
  return `  machines' compliance: ${f.machines} machines over ${f.jobs} jobs × 365 days combined in ${f.combineMs} ms CPU; their report rows as CSV and HTML in ${f.reportRowsMs} ms CPU (HTML ${f.reportHtmlKB} KB)`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(describeMachineComplianceFigures(machineComplianceFigures()));
}
