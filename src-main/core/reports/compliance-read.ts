/**
 * Compliance read from the history store: each job's ledger (or, where a ledger cannot say it
 * exactly, its runs) through the pure rule, with the RPO in force at each moment (as the store
 * recorded its changes) and the maintenance time of the job left out; then summed per appliance
 * and for the fleet.
 */
import { ledgerSummary, DAY_MS, type JobLedger, type LedgerJob } from '../../common/compliance-ledger.js';
import { combineCompliance, summarizeRuns, summaryCompliance, type ComplianceFigures, type RpoSpan } from '../../common/compliance.js';
import type { Interval } from '../../common/intervals.js';
import { maintenanceTime, type MaintenanceWindow } from '../../common/maintenance.js';
import { cronStarts } from '../maintenance/cron-starts.js';
import type { Appliance } from '../../common/model.js';
import { isProtecting, type ProtectionSettings } from '../../common/protection.js';
import { ledgerSplitMs, rpoTimeline, type RpoRecord } from '../../common/rpo-timeline.js';
import type { HistoryStore } from '../history/history-store.js';

export interface ComplianceSource {
  readonly history: Pick<HistoryStore, 'jobLedgers' | 'jobRuns' | 'rpoRecords'>;
  readonly appliances: readonly Appliance[];
  readonly settings: ProtectionSettings;
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
  readonly jobs: readonly JobFigures[];
  readonly appliances: readonly ApplianceFigures[];
  readonly fleet: ComplianceFigures;
}

function jobFigures(source: ComplianceSource, ledger: JobLedger, rpo: readonly RpoSpan[], period: Interval): ComplianceFigures {
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
  return summaryCompliance({
    period,
    nowMs,
    // Judged from its first stored run: neither a job created mid-period nor history not read yet is blamed.
    knownFromMs: ledger.firstEndMs ?? Number.POSITIVE_INFINITY,
    rpo,
    maintenance: maintenanceTime(source.maintenance, ledger.applianceId, ledger.jobId, period, cronStarts),
    summary,
  });
}

/** Each job's RPO over time, worked out once a job for both its ledger's basis and its figures. */
function rpoSpansOf(source: ComplianceSource, records: readonly RpoRecord[], appliance: Appliance) {
  const spans = new Map<string, RpoSpan[]>();
  return (job: LedgerJob): RpoSpan[] => {
    let found = spans.get(job.jobId);
    if (found === undefined) {
      found = rpoTimeline(records, source.settings, appliance, { id: job.jobId, type: job.jobType });
      spans.set(job.jobId, found);
    }
    return found;
  };
}

/** Compliance of every job of the appliances (or of one) over the period. Periods start at a UTC midnight. */
export function readCompliance(source: ComplianceSource, period: Interval, applianceId: string | null): FleetFigures {
  const jobs: JobFigures[] = [];
  const appliances: ApplianceFigures[] = [];
  const records = source.history.rpoRecords();
  const { warningsAreUnprotected } = source.settings;
  for (const appliance of source.appliances) {
    if (applianceId !== null && appliance.id !== applianceId) continue;
    const rpoOf = rpoSpansOf(source, records, appliance);
    const ledgers = source.history.jobLedgers(appliance.id, (job) => ({ splitMs: ledgerSplitMs(rpoOf(job)), warningsAreUnprotected }));
    // A job with no finished run stored (one whose runs the prune removed) has nothing to report.
    const own = ledgers
      .filter((ledger) => ledger.firstEndMs !== null)
      .map((ledger) => ({ appliance, ledger, figures: jobFigures(source, ledger, rpoOf(ledger), period) }));
    const firstEnds = ledgers.flatMap((l) => (l.firstEndMs === null ? [] : [l.firstEndMs]));
    jobs.push(...own);
    appliances.push({
      appliance,
      figures: combineCompliance(own.map((j) => j.figures)),
      historyFromMs: firstEnds.length > 0 ? Math.min(...firstEnds) : null,
    });
  }
  return { jobs, appliances, fleet: combineCompliance(appliances.map((a) => a.figures)) };
}

/** The ISO date of a time, for "history from". */
export const isoDate = (ms: number): string => new Date(Math.floor(ms / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
