/**
 * Compliance read from the history store: each job's ledger (or, where a ledger cannot say it
 * exactly, its runs) through the pure rule, with the RPO in force at each moment (as the store
 * recorded its changes) and the job's maintenance time, while planned, left out; then summed per appliance
 * and for the fleet, and combined per machine from the same jobs' time.
 */
import { ledgerSummary, DAY_MS, type JobLedger, type LedgerJob } from '../../common/compliance-ledger.js';
import { complianceBand, type JobComplianceBand } from '../../common/compliance-band.js';
import { complianceTime, type ComplianceTime } from '../../common/compliance-time.js';
import { combineCompliance, summarizeRuns, summaryCompliance, type ComplianceFigures, type RpoSpan } from '../../common/compliance.js';
import type { Interval } from '../../common/intervals.js';
import { CLOCK_SKEW_TOLERANCE_MS } from '../../common/time.js';
import type { MaintenanceWindow } from '../../common/maintenance.js';
import { plannedMaintenanceTimes, plannedWindows, type MaintenanceRecord } from '../../common/maintenance-timeline.js';
import { cronWindows } from '../maintenance/cron-starts.js';
import { machinesCompliance, type MachinesCompliance } from '../../common/object-compliance.js';
import type { JudgedObject } from '../../common/object-judgement.js';
import type { Appliance } from '../../common/model.js';
import { isProtecting, type ProtectionSettings } from '../../common/protection.js';
import { ledgerSplitMs, rpoTimeline, type RpoRecord } from '../../common/rpo-timeline.js';
import type { HistoryStore } from '../history/history-store.js';

export interface ComplianceSource {
  readonly history: Pick<HistoryStore, 'jobLedgers' | 'jobRuns' | 'rpoRecords' | 'maintenanceRecords'>;
  readonly appliances: readonly Appliance[];
  readonly settings: ProtectionSettings;
  /** The maintenance windows now; the history says since when each was planned. */
  readonly maintenance: readonly MaintenanceWindow[];
  readonly nowMs: number;
}

export interface JobFigures {
  readonly appliance: Appliance;
  readonly ledger: JobLedger;
  readonly figures: ComplianceFigures;
}

export interface ApplianceFigures {
  readonly appliance: Appliance;
  readonly figures: ComplianceFigures;
  /** Epoch ms of the oldest stored run's end: how far back the history reaches; null without any. */
  readonly historyFromMs: number | null;
}

export interface FleetFigures {
  /** The maintenance windows' changes the figures were judged by, as the store recorded them. */
  readonly maintenanceRecords: readonly MaintenanceRecord[];
  readonly jobs: readonly JobFigures[];
  readonly appliances: readonly ApplianceFigures[];
  readonly fleet: ComplianceFigures;
  /** Per machine, from the jobs above; null when the machines were not read (no objects given). */
  readonly machines: MachinesCompliance | null;
}

/** Maintenance time of a job over the read's period. */
type MaintenanceOf = ReturnType<typeof plannedMaintenanceTimes>;

/**
 * The maintenance time of the jobs for a period, each window only while planned (as the store
 * recorded the windows' changes): read on to now, past the period's end, so
 * that a failure near the end inside a window is judged by the window's whole stretch (a fix comes
 * by now at the latest).
 */
const maintenanceFor = (source: ComplianceSource, records: readonly MaintenanceRecord[], period: Interval): MaintenanceOf =>
  plannedMaintenanceTimes(
    plannedWindows(records, source.maintenance),
    { startMs: period.startMs, endMs: Math.max(period.endMs, source.nowMs + CLOCK_SKEW_TOLERANCE_MS + 1) },
    cronWindows,
  );

/** What the rule takes for one job: the ledger's summary (or its runs'), its RPO over time and its maintenance. */
function jobInput(
  source: ComplianceSource,
  ledger: JobLedger,
  rpo: readonly RpoSpan[],
  period: Interval,
  maintenanceOf: MaintenanceOf,
): Parameters<typeof summaryCompliance>[0] {
  const { history, settings, nowMs } = source;
  const summary =
    ledgerSummary(ledger, period, nowMs) ??
    summarizeRuns(
      history.jobRuns(ledger.applianceId, ledger.jobId).map((r) => ({
        endMs: r.endMs,
        protecting: isProtecting(r.status, settings.warningsAreUnprotected),
        failed: r.status === 'failed',
      })),
      nowMs,
      period,
    );
  return {
    period,
    nowMs,
    // Judged from its first stored run: neither a job created mid-period nor history not read yet is blamed.
    knownFromMs: ledger.firstEndMs ?? Number.POSITIVE_INFINITY,
    rpo,
    maintenance: maintenanceOf(ledger.applianceId, ledger.jobId),
    summary,
  };
}

/** An appliance's ledgers, each built for its job's RPO over time, and that RPO (worked out once a job). */
function ledgersOf(source: ComplianceSource, records: readonly RpoRecord[], appliance: Appliance) {
  const spans = new Map<string, RpoSpan[]>();
  const rpoOf = (job: LedgerJob): RpoSpan[] => {
    let found = spans.get(job.jobId);
    if (found === undefined) {
      found = rpoTimeline(records, source.settings, appliance, { id: job.jobId, type: job.jobType });
      spans.set(job.jobId, found);
    }
    return found;
  };
  const { warningsAreUnprotected } = source.settings;
  const ledgers = source.history.jobLedgers(appliance.id, (job) => ({ splitMs: ledgerSplitMs(rpoOf(job)), warningsAreUnprotected }));
  return { ledgers, rpoOf };
}

/** Where each job's time went, by appliance and job: worked out only when a machine of several jobs asks, then kept. */
type JobTimes = Map<string, () => ComplianceTime>;

const jobKey = (applianceId: string, jobId: string) => `${applianceId}\n${jobId}`;

/** Each machine's figures from the jobs' of this read, found by appliance and job. */
function machinesOf(
  jobs: readonly JobFigures[],
  times: JobTimes,
  objects: readonly JudgedObject[],
  applianceId: string | null,
): MachinesCompliance {
  const byJob = new Map(jobs.map((j) => [jobKey(j.appliance.id, j.ledger.jobId), j]));
  return machinesCompliance(
    objects,
    (appliance, jobId) => {
      const job = byJob.get(jobKey(appliance, jobId));
      const time = times.get(jobKey(appliance, jobId));
      return job === undefined || time === undefined ? undefined : { time, figures: job.figures, lastSuccessMs: job.ledger.lastSuccessMs };
    },
    applianceId,
  );
}

/**
 * Compliance of every job of the appliances (or of one) over the period, and of every machine
 * of `objects` (the objects judge's current machines) in that scope. Periods start at a UTC midnight.
 */
export function readCompliance(
  source: ComplianceSource,
  period: Interval,
  applianceId: string | null,
  objects: readonly JudgedObject[] | null = null,
): FleetFigures {
  const jobs: JobFigures[] = [];
  const appliances: ApplianceFigures[] = [];
  const records = source.history.rpoRecords();
  const maintenanceRecords = source.history.maintenanceRecords();
  const maintenanceOf = maintenanceFor(source, maintenanceRecords, period);
  // Kept only when machines are asked for: a jobs-only read keeps no job's input past its figures.
  const times: JobTimes | null = objects === null ? null : new Map();
  const figuresOf = (appliance: Appliance, ledger: JobLedger, input: Parameters<typeof summaryCompliance>[0]): JobFigures => {
    if (times !== null) {
      let time: ComplianceTime | undefined;
      times.set(jobKey(appliance.id, ledger.jobId), () => (time ??= complianceTime(input)));
    }
    return { appliance, ledger, figures: summaryCompliance(input) };
  };
  for (const appliance of source.appliances) {
    if (applianceId !== null && appliance.id !== applianceId) continue;
    const { ledgers, rpoOf } = ledgersOf(source, records, appliance);
    // A job with no finished run stored (one whose runs the prune removed) has nothing to report.
    const own = ledgers
      .filter((ledger) => ledger.firstEndMs !== null)
      .map((ledger) => figuresOf(appliance, ledger, jobInput(source, ledger, rpoOf(ledger), period, maintenanceOf)));
    const firstEnds = ledgers.flatMap((l) => (l.firstEndMs === null ? [] : [l.firstEndMs]));
    jobs.push(...own);
    appliances.push({
      appliance,
      figures: combineCompliance(own.map((j) => j.figures)),
      historyFromMs: firstEnds.length > 0 ? Math.min(...firstEnds) : null,
    });
  }
  const machines = objects === null || times === null ? null : machinesOf(jobs, times, objects, applianceId);
  return { maintenanceRecords, jobs, appliances, fleet: combineCompliance(appliances.map((a) => a.figures)), machines };
}

/** One job's band over the period: where it was protected, at risk or in maintenance; null for a job with no run stored. */
export function readJobBand(source: ComplianceSource, period: Interval, appliance: Appliance, jobId: string): JobComplianceBand | null {
  const { ledgers, rpoOf } = ledgersOf(source, source.history.rpoRecords(), appliance);
  const ledger = ledgers.find((l) => l.jobId === jobId && l.firstEndMs !== null);
  if (ledger === undefined) return null;
  const input = jobInput(source, ledger, rpoOf(ledger), period, maintenanceFor(source, source.history.maintenanceRecords(), period));
  return complianceBand(complianceTime(input), period, summaryCompliance(input).share);
}

/** The ISO date of a time, for "history from". */
export const isoDate = (ms: number): string => new Date(Math.floor(ms / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
