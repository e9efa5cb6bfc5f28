/**
 * A compliance report from the figures read out of the store: views with ISO times, jobs worst
 * first, and the maintenance windows in force in the period with when they were added and removed. Pure.
 */
import { complianceView, worstFirst, type ComplianceReport, type MaintenanceInPeriod } from '../../common/compliance-report.js';
import { totalMs, type Interval } from '../../common/intervals.js';
import type { MaintenanceWindow } from '../../common/maintenance.js';
import { plannedDuring, plannedIntervals, plannedWindows, type PlannedWindow } from '../../common/maintenance-timeline.js';
import { scheduleWords } from '../../common/maintenance-words.js';
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
}

const iso = (ms: number) => new Date(ms).toISOString();

function scopeWords(window: MaintenanceWindow, appliances: readonly Appliance[]): string {
  const { scope } = window;
  if (scope.kind === 'all') return 'Everything';
  const name = appliances.find((a) => a.id === scope.applianceId)?.name ?? scope.applianceId;
  return scope.kind === 'appliance' ? name : `${name} / ${scope.jobId}`;
}

/** The windows in force in the period, oldest first, with their time left out; windows of appliances outside the report's scope left out. */
function maintenanceIn(figures: FleetFigures, context: ReportContext): MaintenanceInPeriod[] {
  const { period, appliance } = context;
  const planned = plannedWindows(figures.maintenanceRecords, context.maintenance);
  const inScope = ({ window }: PlannedWindow) =>
    appliance === null || window.scope.kind === 'all' || window.scope.applianceId === appliance.id;
  const judged: Interval = { startMs: period.startMs, endMs: Math.min(period.endMs, context.generatedAtMs) };
  return plannedDuring(planned.filter(inScope), period).map((planned) => ({
    label: planned.window.label,
    scope: scopeWords(planned.window, context.appliances),
    schedule: scheduleWords(planned.window.schedule),
    added: Number.isFinite(planned.addedMs) ? iso(planned.addedMs) : null,
    removed: Number.isFinite(planned.removedMs) ? iso(planned.removedMs) : null,
    leftOutMs: totalMs(plannedIntervals(planned, judged, cronWindows)),
  }));
}

export function buildReport(figures: FleetFigures, context: ReportContext): ComplianceReport {
  const { period } = context;
  return {
    from: iso(period.startMs),
    to: iso(Math.min(period.endMs, context.generatedAtMs)),
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
    appliances: figures.appliances.map(({ appliance, figures: f, historyFromMs }) => ({
      ...complianceView(f),
      applianceId: appliance.id,
      applianceName: appliance.name,
      historyFrom: historyFromMs === null ? null : isoDate(historyFromMs),
    })),
    fleet: complianceView(figures.fleet),
    maintenance: maintenanceIn(figures, context),
  };
}
