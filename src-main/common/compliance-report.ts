/**
 * A compliance report as it crosses IPC and goes into a file: per job, per machine, per appliance
 * and for the fleet, times as ISO text. Pure: the views are made from the rule's figures, worst first.
 */
import type { ComplianceFigures } from './compliance.js';
import type { MachineNoShare } from './object-compliance.js';
import type { ObjectKind } from './protected-objects.js';
import type { ReportPeriod } from './report-period.js';

/** The figures of a job, an appliance or the fleet over the period. */
export interface ComplianceView {
  /** Share of the judged time protected, 0..1; null when no time could be judged. */
  readonly share: number | null;
  readonly countedMs: number;
  readonly protectedMs: number;
  readonly runs: number;
  readonly failedRuns: number;
  readonly longestGap: { readonly from: string; readonly to: string; readonly unprotectedMs: number } | null;
}

export interface JobComplianceView extends ComplianceView {
  readonly applianceId: string;
  readonly applianceName: string;
  readonly jobId: string;
  readonly jobName: string;
  /** ISO end of the newest run that counted as a restore point, or null. */
  readonly lastSuccess: string | null;
}

export interface ApplianceComplianceView extends ComplianceView {
  readonly applianceId: string;
  readonly applianceName: string;
  /** ISO date (YYYY-MM-DD) of the oldest run stored: how far back this appliance's history reaches; null without any. */
  readonly historyFrom: string | null;
}

/** A machine (a VM, a computer, a Microsoft 365 user…) over the period, from the jobs that back it up. */
export interface MachineComplianceView extends ComplianceView {
  /** The objects judge's key: stable across polls and vendors. */
  readonly key: string;
  readonly name: string;
  readonly kind: ObjectKind;
  /** The appliances whose backups of it count in the report. */
  readonly applianceNames: readonly string[];
  /** ISO time of its newest good restore point (else its jobs' newest good run), or null. */
  readonly lastSuccess: string | null;
  /** Why it has no share (`share` is null); null when it has one. */
  readonly noShare: MachineNoShare | null;
}

/** The machines of a report. */
export interface MachinesInReport {
  /** Worst first: those in no backup, then the lowest share, the most failures, by name; the worst `machineRows` where the query limited them. */
  readonly rows: readonly MachineComplianceView[];
  /** Machines in the report, however many rows came. */
  readonly total: number;
  /** Machines an exclusion rule leaves out of the report. */
  readonly excluded: number;
}

/** Why a machine has no share, in words. */
export const NO_SHARE_WORDS: Readonly<Record<MachineNoShare, string>> = {
  in_no_backup: 'in no backup',
  no_job: 'its backups name no job',
  no_history: 'no run of its jobs stored',
  not_judged: 'no time of the period judged',
};

/** A maintenance window in force at some moment of the period, and when it was planned. */
export interface MaintenanceInPeriod {
  readonly label: string;
  /** `everything`, an appliance's name, or `appliance / job` (maintenance-words.ts). */
  readonly scope: string;
  /** What it plans, in words, in the local time of where the report was made. */
  readonly schedule: string;
  /** ISO time it was added; null for a window kept before windows were recorded (it counts since always). */
  readonly added: string | null;
  /** ISO time it was removed; null while it is kept. */
  readonly removed: string | null;
  /** Its time in the period while planned, left out of compliance, ms. */
  readonly leftOutMs: number;
}

export interface ComplianceReport {
  /** ISO start and end of the period (the end is now for a period that reaches today). */
  readonly from: string;
  readonly to: string;
  /** What the report covers, in words: every appliance, or one by name. */
  readonly scope: string;
  readonly generatedAt: string;
  readonly version: string;
  /** Worst first: the lowest share, then the most failures, then by name. */
  readonly jobs: readonly JobComplianceView[];
  /** Null when the machines were not read for this report (no appliance's objects read yet). */
  readonly machines: MachinesInReport | null;
  readonly appliances: readonly ApplianceComplianceView[];
  readonly fleet: ComplianceView;
  readonly maintenance: readonly MaintenanceInPeriod[];
}

export interface ComplianceQuery {
  readonly period: ReportPeriod;
  /** One appliance; absent for every one. */
  readonly applianceId?: string;
  /** At most this many machines' rows, the worst (absent: every one; 0: machines not read). A file always holds every one. */
  readonly machineRows?: number;
}

export const REPORT_FORMATS = ['csv', 'html', 'json'] as const;

/** The paper a printed report is laid out for. */
export const PDF_PAGE_SIZES = ['A4', 'Letter'] as const;
export type PdfPageSize = (typeof PDF_PAGE_SIZES)[number];
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** A report as a file to save or print. */
export interface ReportFile {
  readonly fileName: string;
  readonly mimeType: string;
  readonly text: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function complianceView(f: ComplianceFigures): ComplianceView {
  return {
    share: f.share,
    countedMs: f.countedMs,
    protectedMs: f.protectedMs,
    runs: f.runs,
    failedRuns: f.failedRuns,
    longestGap:
      f.longestGap === null
        ? null
        : { from: iso(f.longestGap.startMs), to: iso(f.longestGap.endMs), unprotectedMs: f.longestGap.unprotectedMs },
  };
}

/** Worst first: the lowest share (unjudged last), the most failed runs, then appliance and job names. */
export function worstFirst(a: JobComplianceView, b: JobComplianceView): number {
  return (
    (a.share ?? 2) - (b.share ?? 2) ||
    b.failedRuns - a.failedRuns ||
    a.applianceName.localeCompare(b.applianceName) ||
    a.jobName.localeCompare(b.jobName)
  );
}

// One collator for every comparison: a fleet's thousands of machines are sorted by name in every report.
const byName = new Intl.Collator().compare;

/** Machines in no backup first (they are unprotected), then the lowest share (unjudged last), the most failed runs, names. */
export function machinesWorstFirst(a: MachineComplianceView, b: MachineComplianceView): number {
  const rank = (m: MachineComplianceView) => (m.noShare === 'in_no_backup' ? 0 : 1);
  return (
    rank(a) - rank(b) || (a.share ?? 2) - (b.share ?? 2) || b.failedRuns - a.failedRuns || byName(a.name, b.name) || byName(a.key, b.key)
  );
}

/** What the report says of its machines in its header: how many, and those left out. */
export function machinesWords(machines: MachinesInReport | null): string {
  if (machines === null) return "not read in this report (no appliance's objects could be read)";
  const excluded = machines.excluded === 0 ? '' : `; ${machines.excluded} excluded by a rule and left out`;
  return `${machines.total} listed, worst first${excluded}`;
}

/** A share as a percentage with two decimals ("99.97"), never rounded up to 100; null when nothing was judged. */
export function percentText(share: number | null): string | null {
  return share === null ? null : (Math.floor(share * 10_000) / 100).toFixed(2);
}
