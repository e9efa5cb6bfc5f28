/**
 * A compliance report from the figures read out of the store: views with ISO times, jobs and
 * machines worst first, and the maintenance windows of the period with their times. Pure.
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
import type { Interval } from '../../common/intervals.js';
import { windowIntervals, type MaintenanceWindow } from '../../common/maintenance.js';
import { cronStarts } from '../maintenance/cron-starts.js';
import type { Appliance } from '../../common/model.js';
import { isoDate, type FleetFigures } from './compliance-read.js';

export interface ReportContext {
  readonly period: Interval;
  /** The one appliance reported on, or null for every one. */
  readonly appliance: Appliance | null;
  readonly appliances: readonly Appliance[];
  readonly maintenance: readonly MaintenanceWindow[];
  readonly generatedAtMs: number;
  readonly version: string;
  /** At most this many machines' rows, the worst; absent for every one. */
  readonly machineRows?: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

function scopeWords(window: MaintenanceWindow, appliances: readonly Appliance[]): string {
  const { scope } = window;
  if (scope.kind === 'all') return 'Everything';
  const name = appliances.find((a) => a.id === scope.applianceId)?.name ?? scope.applianceId;
  return scope.kind === 'appliance' ? name : `${name} / ${scope.jobId}`;
}

/** Each window's stretches inside the period, oldest first; windows of appliances outside the report's scope left out. */
function maintenanceIn(context: ReportContext): MaintenanceInPeriod[] {
  const inScope = (w: MaintenanceWindow) =>
    context.appliance === null || w.scope.kind === 'all' || w.scope.applianceId === context.appliance.id;
  return context.maintenance
    .filter(inScope)
    .flatMap((w) =>
      windowIntervals(w, context.period, cronStarts).map((i) => ({
        label: w.label,
        scope: scopeWords(w, context.appliances),
        from: iso(i.startMs),
        to: iso(i.endMs),
      })),
    )
    .sort((a, b) => a.from.localeCompare(b.from));
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
    machines: figures.machines === null ? null : machinesIn(figures.machines, context.appliances, context.machineRows ?? Infinity),
    appliances: figures.appliances.map(({ appliance, figures: f, historyFromMs }) => ({
      ...complianceView(f),
      applianceId: appliance.id,
      applianceName: appliance.name,
      historyFrom: historyFromMs === null ? null : isoDate(historyFromMs),
    })),
    fleet: complianceView(figures.fleet),
    maintenance: maintenanceIn(context),
  };
}
