/**
 * Compliance read from the history store: each job's ledger (or, where a ledger cannot say it
 * exactly, its runs) through the pure rule, with the RPO in effect now and the maintenance time
 * of the job left out; then summed per appliance and for the fleet.
 */
import { ledgerSummary, DAY_MS, type JobLedger, type LedgerJob } from '../../common/compliance-ledger.js';
import { combineCompliance, summarizeRuns, summaryCompliance, type ComplianceFigures } from '../../common/compliance.js';
import type { Interval } from '../../common/intervals.js';
import { maintenanceTime, type MaintenanceWindow } from '../../common/maintenance.js';
import { cronStarts } from '../maintenance/cron-starts.js';
import type { Appliance } from '../../common/model.js';
import { isProtecting, rpoSecOf, type ProtectionSettings } from '../../common/protection.js';
import type { HistoryStore } from '../history/history-store.js';

export interface ComplianceSource {
  readonly history: Pick<HistoryStore, 'jobLedgers' | 'jobRuns'>;
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

/** The RPO of a ledger's job now, and the basis its ledger must be built for to answer it exactly. */
function rpoOf(source: ComplianceSource, appliance: Appliance, job: LedgerJob): number | null {
  return rpoSecOf(source.settings, appliance, { id: job.jobId, type: job.jobType });
}

function jobFigures(source: ComplianceSource, appliance: Appliance, ledger: JobLedger, period: Interval): ComplianceFigures {
  const { history, settings, nowMs } = source;
  const summary =
    ledgerSummary(ledger, period, nowMs) ??
    summarizeRuns(
      history.jobRuns(appliance.id, ledger.jobId).map((r) => ({
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
    rpo: [{ fromMs: Number.NEGATIVE_INFINITY, rpoSec: rpoOf(source, appliance, ledger) }],
    maintenance: maintenanceTime(source.maintenance, appliance.id, ledger.jobId, period, cronStarts),
    summary,
  });
}

/** Compliance of every job of the appliances (or of one) over the period. Periods start at a UTC midnight. */
export function readCompliance(source: ComplianceSource, period: Interval, applianceId: string | null): FleetFigures {
  const jobs: JobFigures[] = [];
  const appliances: ApplianceFigures[] = [];
  for (const appliance of source.appliances) {
    if (applianceId !== null && appliance.id !== applianceId) continue;
    const ledgers = source.history.jobLedgers(appliance.id, (job) => {
      const rpoSec = rpoOf(source, appliance, job);
      return { splitMs: rpoSec === null ? 0 : rpoSec * 1000, warningsAreUnprotected: source.settings.warningsAreUnprotected };
    });
    // A job with no finished run stored (one whose runs the prune removed) has nothing to report.
    const own = ledgers
      .filter((ledger) => ledger.firstEndMs !== null)
      .map((ledger) => ({ appliance, ledger, figures: jobFigures(source, appliance, ledger, period) }));
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
