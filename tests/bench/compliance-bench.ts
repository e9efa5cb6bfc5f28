/**
 * Compliance read from the history database at fleet scale: 200 appliances × 50 jobs (10,000
 * jobs) with a year of nightly runs (3.65 million sessions) and a weekly, a cron and a one-off
 * maintenance window. The first read builds every job's
 * ledger; later reads use them (a poll makes only its jobs' ledgers stale), decoded once and kept
 * (a fresh process decodes every row on its first read: measured too). Beside it, in the same
 * run, the naive way: every job's runs read and given to the rule. Then the 30-day report of the
 * 200 appliances as CSV and HTML. Run alone: `npx tsx tests/bench/compliance-bench.ts` (a smaller
 * fleet through BACKWATCH_COMPLIANCE_APPLIANCES, e.g. 20).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Sqlite from 'better-sqlite3';
import { DAY_MS } from '../../src-main/common/compliance-ledger.js';
import { jobCompliance } from '../../src-main/common/compliance.js';
import { maintenanceTime, type MaintenanceWindow } from '../../src-main/common/maintenance.js';
import type { Appliance, Session, SessionStatus } from '../../src-main/common/model.js';
import { NO_PROGRESS } from '../../src-main/common/model.js';
import { isProtecting } from '../../src-main/common/protection.js';
import { COMPLIANCE_DAYS, periodInterval } from '../../src-main/common/report-period.js';
import { DEFAULT_SETTINGS } from '../../src-main/common/settings.js';
import { SESSION_COLUMNS, sessionToRow } from '../../src-main/core/history/history-rows.js';
import { HISTORY_FILE_NAME, openHistoryStore, type HistoryStore } from '../../src-main/core/history/history-store.js';
import { silentLogger } from '../../src-main/core/logger.js';
import { cronWindows } from '../../src-main/core/maintenance/cron-starts.js';
import { readCompliance, type ComplianceSource } from '../../src-main/core/reports/compliance-read.js';
import { buildReport } from '../../src-main/core/reports/report-build.js';
import { exportReport } from '../../src-main/core/reports/report-export.js';
import { round } from './bench-support.js';

const JOBS_PER_APPLIANCE = 50;
const NIGHTS = 365;
const NOW = Date.UTC(2026, 11, 7, 9, 0);
const TODAY = Math.floor(NOW / DAY_MS) * DAY_MS;
/** One night in 25 fails, one in 60 has no run at all. */
const statusOf = (n: number): SessionStatus | null =>
  n % 60 === 7 ? null : n % 25 === 3 ? 'failed' : n % 9 === 0 ? 'warning' : 'succeeded';

/** Planned downtime as a fleet has it: a weekly window for all, a cron window on one appliance, one job's one-off. */
const MAINTENANCE: readonly MaintenanceWindow[] = [
  {
    id: 'weekend',
    label: 'Weekend patching',
    scope: { kind: 'all' },
    schedule: { kind: 'weekly', days: [6], start: '22:00', end: '04:00' },
  },
  {
    id: 'firmware',
    label: 'Storage firmware',
    scope: { kind: 'appliance', applianceId: 'appl-1' },
    schedule: { kind: 'cron', expression: '30 3 * * 3', durationMin: 90 },
  },
  {
    id: 'migration',
    label: 'Job migration',
    scope: { kind: 'job', applianceId: 'appl-2', jobId: 'job-7' },
    schedule: { kind: 'once', fromMs: NOW - 40 * DAY_MS, toMs: NOW - 38 * DAY_MS },
  },
];

export interface ComplianceBenchFigures {
  readonly appliances: number;
  readonly jobs: number;
  readonly sessions: number;
  /** The first read of the 365 days: every ledger built from the sessions, ms. */
  readonly firstReadMs: number;
  /** A read of each period once the ledgers are built, ms (target for 365 days: ≤ 200). */
  readonly readMs: Readonly<Record<string, number>>;
  /** CPU time of the 365-day read, ms. */
  readonly readCpuMs: number;
  /** The 365 days read by a process that decoded no ledger yet (another process built them), ms. */
  readonly freshProcessReadMs: number;
  /** The 365 days after a poll wrote a new run of 50 jobs (their ledgers built again), ms. */
  readonly readAfterPollMs: number;
  /** The naive way, 365 days: every job's runs read from the store and given to the rule, ms. */
  readonly naiveMs: number;
  readonly naiveRatio: number;
  /** The 30-day report of every appliance: read, built and written as CSV and HTML, ms, and the HTML's size. */
  readonly report30dMs: number;
  readonly reportHtmlKB: number;
}

const applianceOf = (a: number): Appliance => ({
  id: `appl-${a}`,
  name: `Appliance ${a}`,
  vendor: 'spp',
  baseUrl: `https://backup-${a}.example.com`,
  username: 'admin',
  credential: { kind: 'keychain' },
  options: {},
  enabled: true,
});

function sessionOf(a: number, j: number, night: number, status: SessionStatus, id: string): Session {
  const endMs = TODAY - night * DAY_MS + 2 * 3_600_000 + j * 60_000;
  return {
    id,
    applianceId: `appl-${a}`,
    vendor: 'spp',
    jobId: `job-${j}`,
    jobName: `Nightly VMs ${j}`,
    type: 'Backup',
    status,
    vendorStatus: status.toUpperCase(),
    start: new Date(endMs - 20 * 60_000).toISOString(),
    end: new Date(endMs).toISOString(),
    durationMs: 20 * 60_000,
    progress: NO_PROGRESS,
    message: null,
    logLink: null,
  };
}

/** Fills the file in big transactions, as a year of polls would have, and lists the jobs for their ledgers. */
function generate(file: string, appliances: number): number {
  const db = new Sqlite(file);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  const insert = db.prepare(
    `INSERT INTO sessions (${SESSION_COLUMNS.join(', ')}, updated_at) VALUES (${'?, '.repeat(SESSION_COLUMNS.length)}?)`,
  );
  let count = 0;
  const fill = db.transaction((a: number) => {
    for (let j = 0; j < JOBS_PER_APPLIANCE; j++) {
      for (let night = NIGHTS; night >= 1; night--) {
        const status = statusOf(a * 7919 + j * 131 + night);
        if (status === null) continue;
        const row = sessionToRow(`appl-${a}`, sessionOf(a, j, night, status, `s-${a}-${j}-${night}`));
        insert.run(...SESSION_COLUMNS.map((column) => row[column]), NOW);
        count++;
      }
    }
  });
  for (let a = 0; a < appliances; a++) fill(a);
  db.exec('INSERT INTO job_ledgers (appliance_id, job_id, job_type) SELECT appliance_id, job_id, max(type) FROM sessions GROUP BY 1, 2');
  db.pragma('journal_mode = WAL');
  db.close();
  return count;
}

const timed = (run: () => void): number => {
  const t0 = performance.now();
  run();
  return round(performance.now() - t0, 1);
};

/** CPU ms of `run` in this process: on a shared, busy machine wall time says more of the others than of this. */
const cpuTimed = (run: () => void): number => {
  const c0 = process.cpuUsage();
  run();
  const c = process.cpuUsage(c0);
  return round((c.user + c.system) / 1000, 1);
};

/** The naive way: each job's runs read and judged, as the rule takes them. */
function naiveRead(store: HistoryStore, source: ComplianceSource): void {
  const period = periodInterval({ lastDays: 365 }, NOW) as { startMs: number; endMs: number };
  for (const appliance of source.appliances) {
    for (let j = 0; j < JOBS_PER_APPLIANCE; j++) {
      const runs = store
        .jobRuns(appliance.id, `job-${j}`)
        .map((r) => ({ endMs: r.endMs, protecting: isProtecting(r.status, false), failed: r.status === 'failed' }));
      const knownFromMs = Math.min(...runs.map((r) => r.endMs));
      jobCompliance({
        period,
        nowMs: NOW,
        knownFromMs,
        runs,
        rpo: [{ fromMs: -Infinity, rpoSec: DEFAULT_SETTINGS.rpoSec }],
        maintenance: maintenanceTime(MAINTENANCE, appliance.id, `job-${j}`, period, cronWindows),
      });
    }
  }
}

export async function complianceFigures(options: { appliances?: number } = {}): Promise<ComplianceBenchFigures> {
  const count = options.appliances ?? Number(process.env.BACKWATCH_COMPLIANCE_APPLIANCES ?? 200);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'backwatch-compliance-bench-'));
  try {
    openHistoryStore(dir, silentLogger).close();
    const sessions = generate(path.join(dir, HISTORY_FILE_NAME), count);
    const store = openHistoryStore(dir, silentLogger);
    try {
      const source: ComplianceSource = {
        history: store,
        appliances: Array.from({ length: count }, (_, a) => applianceOf(a)),
        settings: DEFAULT_SETTINGS,
        maintenance: MAINTENANCE,
        nowMs: NOW,
      };
      const read = (days: number) =>
        readCompliance(source, periodInterval({ lastDays: days }, NOW) as { startMs: number; endMs: number }, null);
      const firstReadMs = timed(() => read(365));
      const readMs = Object.fromEntries(
        COMPLIANCE_DAYS.map((days) => [`${days}d`, Math.min(...[0, 1, 2].map(() => timed(() => read(days))))]),
      );
      const readCpuMs = Math.min(...[0, 1, 2].map(() => cpuTimed(() => read(365))));
      const other = openHistoryStore(dir, silentLogger);
      const freshProcessReadMs = timed(() =>
        readCompliance({ ...source, history: other }, periodInterval({ lastDays: 365 }, NOW) as { startMs: number; endMs: number }, null),
      );
      other.close();
      const poll = Array.from({ length: JOBS_PER_APPLIANCE }, (_, j) => sessionOf(0, j, 0, 'succeeded', `new-${j}`));
      store.recordPoll('appl-0', { sessions: poll, cursor: {}, behind: 0 });
      const readAfterPollMs = timed(() => read(365));
      const naiveMs = timed(() => naiveRead(store, source));
      let html = '';
      const report30dMs = timed(() => {
        const period = periodInterval({ lastDays: 30 }, NOW) as { startMs: number; endMs: number };
        const report = buildReport(readCompliance(source, period, null), {
          period,
          appliance: null,
          appliances: source.appliances,
          maintenance: MAINTENANCE,
          generatedAtMs: NOW,
          version: 'bench',
        });
        exportReport(report, 'csv');
        html = exportReport(report, 'html').text;
      });
      const jobs = count * JOBS_PER_APPLIANCE;
      const naiveRatio = round(naiveMs / readMs['365d']!, 1);
      return {
        appliances: count,
        jobs,
        sessions,
        firstReadMs,
        readMs,
        readCpuMs,
        freshProcessReadMs,
        readAfterPollMs,
        naiveMs,
        naiveRatio,
        report30dMs,
        reportHtmlKB: round(html.length / 1024),
      };
    } finally {
      store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function describeComplianceFigures(f: ComplianceBenchFigures): string {
  return [
    `compliance from the history database, ${f.jobs.toLocaleString('en')} jobs × a year of nightly runs (${f.sessions.toLocaleString('en')} sessions):`,
    `  365 days: ${f.readMs['365d']} ms (≤ 200; ${f.readCpuMs} ms of CPU) once the ledgers are built; 7/30/90 days: ${f.readMs['7d']} / ${f.readMs['30d']} / ${f.readMs['90d']} ms`,
    `  first read (every ledger built): ${f.firstReadMs} ms; in a fresh process (every ledger decoded): ${f.freshProcessReadMs} ms; after a poll of 50 jobs: ${f.readAfterPollMs} ms`,
    `  naive (every job's runs read and judged): ${f.naiveMs} ms, ${f.naiveRatio} × the ledgers`,
    `  30-day report of ${f.appliances} appliances as CSV and HTML: ${f.report30dMs} ms (HTML ${f.reportHtmlKB} KB)`,
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await complianceFigures();
  console.log(JSON.stringify(figures));
  console.log(describeComplianceFigures(figures));
}
