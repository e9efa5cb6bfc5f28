/**
 * A compliance report as it crosses IPC and goes into a file: per job, per appliance and for the
 * fleet, times as ISO text. Pure: the views are made from the rule's figures, worst first.
 */
import type { ComplianceFigures } from './compliance.js';
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
  readonly appliances: readonly ApplianceComplianceView[];
  readonly fleet: ComplianceView;
  readonly maintenance: readonly MaintenanceInPeriod[];
}

export interface ComplianceQuery {
  readonly period: ReportPeriod;
  /** One appliance; absent for every one. */
  readonly applianceId?: string;
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

/** A share as a percentage with two decimals ("99.97"), never rounded up to 100; null when nothing was judged. */
export function percentText(share: number | null): string | null {
  return share === null ? null : (Math.floor(share * 10_000) / 100).toFixed(2);
}
