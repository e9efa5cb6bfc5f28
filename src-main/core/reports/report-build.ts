/**
 * A compliance report from the figures read out of the store: views with ISO times, jobs and
 * machines worst first, and the maintenance windows in force in the period with when they were
 * added and removed. Pure.
 */
import {
  complianceView,
  machinesWorstFirst,
  worstFirst,
  type ComplianceReport,
  type MachinesInReport,
  type MaintenanceInPeriod,
} from '../../common/compliance-report.js';
import type { MachinesCompliance } from '../../common/object-compliance.js';
import { totalMs, type Interval } from '../../common/intervals.js';
import type { MaintenanceWindow } from '../../common/maintenance.js';
import { plannedDuring, plannedIntervals, plannedWindows, type PlannedWindow } from '../../common/maintenance-timeline.js';
import { scheduleWords, scopeWords } from '../../common/maintenance-words.js';
import { cronWindows } from '../maintenance/cron-starts.js';
import type { Appliance } from '../../common/model.js';
import { isoDate, type FleetFigures } from './compliance-read.js';

export interface ReportContext {
  readonly period: Interval;
  /** The one appliance reported on, or null for every one. */
  readonly appliance: Appliance | null;
  readonly appliances: readonly Appliance[];
  /** The maintenance windows now (the figures carry since when each was planned). */
  readonly maintenance: readonly MaintenanceWindow[];
  readonly generatedAtMs: number;
  readonly version: string;
  /** At most this many machines' rows, the worst; absent for every one. */
  readonly machineRows?: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The report's end: now, for a period that reaches today or later. */
const reportEndMs = (context: ReportContext): number => Math.min(context.period.endMs, context.generatedAtMs);

/**
 * The windows in force in the period, oldest first, with when each was added and removed and its
 * time left out up to the report's end, its scope named as the window names it; windows of
 * appliances outside the report's scope left out.
 */
function maintenanceIn(context: ReportContext, figures: FleetFigures): MaintenanceInPeriod[] {
  const { period, appliance } = context;
  const inScope = ({ window }: PlannedWindow) =>
    appliance === null || window.scope.kind === 'all' || window.scope.applianceId === appliance.id;
  const applianceName = (id: string) => context.appliances.find((a) => a.id === id)?.name ?? id;
  const jobName = (applianceId: string, jobId: string) =>
    figures.jobs.find((j) => j.appliance.id === applianceId && j.ledger.jobId === jobId)?.ledger.jobName ?? jobId;
  const reported = { startMs: period.startMs, endMs: reportEndMs(context) };
  const planned = plannedWindows(figures.maintenanceRecords, context.maintenance).filter(inScope);
  return plannedDuring(planned, period).map((p) => ({
    label: p.window.label,
    scope: scopeWords(p.window.scope, applianceName, jobName),
    schedule: scheduleWords(p.window.schedule),
    added: Number.isFinite(p.addedMs) ? iso(p.addedMs) : null,
    removed: Number.isFinite(p.removedMs) ? iso(p.removedMs) : null,
    leftOutMs: totalMs(plannedIntervals(p, reported, cronWindows)),
  }));
}

/** The machines as the report lists them, their appliances by name. */
function machinesIn(machines: MachinesCompliance, appliances: readonly Appliance[], limit: number): MachinesInReport {
  const nameOf = (id: string) => appliances.find((a) => a.id === id)?.name ?? id;
  const rows = machines.machines.map(({ object, figures, lastSuccessMs, noShare, applianceIds }) => ({
    ...complianceView(figures),
    key: object.key,
    name: object.name,
    kind: object.kind,
    applianceNames: applianceIds.map(nameOf),
    lastSuccess: lastSuccessMs === null ? null : iso(lastSuccessMs),
    noShare,
  }));
  return { rows: rows.sort(machinesWorstFirst).slice(0, limit), total: rows.length, excluded: machines.excluded };
}

export function buildReport(figures: FleetFigures, context: ReportContext): ComplianceReport {
  const { period } = context;
  return {
    from: iso(period.startMs),
    to: iso(reportEndMs(context)),
    scope: context.appliance === null ? 'All appliances' : `Appliance ${context.appliance.name}`,
    generatedAt: iso(context.generatedAtMs),
    version: context.version,
    jobs: figures.jobs
      .map(({ appliance, ledger, figures: f }) => ({
        ...complianceView(f),
        applianceId: appliance.id,
        applianceName: appliance.name,
        jobId: ledger.jobId,
        jobName: ledger.jobName,
        lastSuccess: ledger.lastSuccessMs === null ? null : iso(ledger.lastSuccessMs),
      }))
      .sort(worstFirst),
    machines: figures.machines === null ? null : machinesIn(figures.machines, context.appliances, context.machineRows ?? Infinity),
    appliances: figures.appliances.map(({ appliance, figures: f, historyFromMs }) => ({
      ...complianceView(f),
      applianceId: appliance.id,
      applianceName: appliance.name,
      historyFrom: historyFromMs === null ? null : isoDate(historyFromMs),
    })),
    fleet: complianceView(figures.fleet),
    maintenance: maintenanceIn(context, figures),
  };
}
