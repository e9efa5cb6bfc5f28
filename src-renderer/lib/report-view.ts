/**
 * What the Reports view shows of a compliance report, in words: a job's and a machine's row, an
 * appliance's reach of history, and the state a share stands for. Pure: the report comes from
 * main, worst first.
 */
import { countOf, formatDateTime, formatDuration, NO_VALUE } from '../../src-main/common/format.js';
import {
  NO_SHARE_WORDS,
  percentText,
  type ComplianceView,
  type JobComplianceView,
  type MachinesInReport,
  type PdfPageSize,
} from '../../src-main/common/compliance-report.js';
import { kindWord } from './machine-words.js';

/** The window's state a share of protected time shows in: met, slipping, missed, or nothing judged. */
export type ComplianceTone = 'ok' | 'warning' | 'failed' | 'no-data';

/** At or above this share the RPO counts as met over the period; under the lower one, as missed. */
const COMPLIANCE_MET = 0.99;
const COMPLIANCE_SLIPPING = 0.95;

export function complianceTone(share: number | null): ComplianceTone {
  if (share === null) return 'no-data';
  return share >= COMPLIANCE_MET ? 'ok' : share >= COMPLIANCE_SLIPPING ? 'warning' : 'failed';
}

/** A share as "99.97 %", or a dash when no time could be judged. */
export function shareText(share: number | null): string {
  const percent = percentText(share);
  return percent === null ? NO_VALUE : `${percent} %`;
}

/** The longest unprotected gap: how long, and from when to when. */
export function gapText(gap: ComplianceView['longestGap']): { readonly length: string; readonly dates: string } {
  if (gap === null) return { length: NO_VALUE, dates: '' };
  return { length: formatDuration(gap.unprotectedMs), dates: `${formatDateTime(gap.from)} – ${formatDateTime(gap.to)}` };
}

export interface ReportRow {
  readonly key: string;
  readonly jobName: string;
  readonly applianceName: string;
  readonly share: string;
  readonly tone: ComplianceTone;
  readonly runs: number;
  readonly failedRuns: number;
  readonly gap: ReturnType<typeof gapText>;
  readonly lastSuccess: string;
}

/** The table's rows, in the report's order (worst first). */
export function reportRows(jobs: readonly JobComplianceView[]): ReportRow[] {
  return jobs.map((job) => ({
    key: `${job.applianceId}/${job.jobId}`,
    jobName: job.jobName,
    applianceName: job.applianceName,
    share: shareText(job.share),
    tone: complianceTone(job.share),
    runs: job.runs,
    failedRuns: job.failedRuns,
    gap: gapText(job.longestGap),
    lastSuccess: formatDateTime(job.lastSuccess),
  }));
}

export interface MachineReportRow {
  readonly key: string;
  readonly name: string;
  /** Its kind and the appliances that back it up: "VM · VBR prod, SPP". */
  readonly where: string;
  readonly share: string;
  readonly tone: ComplianceTone;
  /** Why it has no share ("in no backup"); empty when it has one. */
  readonly noShare: string;
  readonly runs: number;
  readonly failedRuns: number;
  readonly gap: ReturnType<typeof gapText>;
  readonly lastSuccess: string;
}

/** The machines' rows main sent (the worst, at most as many as the view asked), in the report's order. */
export function machineReportRows(machines: MachinesInReport): MachineReportRow[] {
  return machines.rows.map((m) => ({
    key: m.key,
    name: m.name,
    where: [kindWord(m.kind), m.applianceNames.join(', ')].filter(Boolean).join(' · '),
    share: shareText(m.share),
    // A machine nothing backs up is unprotected: never shown in the quiet tone of "nothing judged".
    tone: m.noShare === 'in_no_backup' ? 'failed' : complianceTone(m.share),
    noShare: m.noShare === null ? '' : NO_SHARE_WORDS[m.noShare],
    runs: m.runs,
    failedRuns: m.failedRuns,
    gap: gapText(m.longestGap),
    lastSuccess: formatDateTime(m.lastSuccess),
  }));
}

/** What the view says under the machines: how many it shows of how many, and those excluded. */
export function machinesCountText(machines: MachinesInReport): string {
  const { rows, total, excluded } = machines;
  const listed = rows.length < total ? `The worst ${rows.length} of ${countOf(total, 'machines')}` : countOf(total, 'machines');
  return excluded > 0 ? `${listed}; ${countOf(excluded, 'machines')} excluded by a rule left out.` : `${listed}.`;
}

/** How far back an appliance's stored history reaches, in words. */
export function historyReach(historyFrom: string | null): string {
  return historyFrom === null ? 'no history stored yet' : `history from ${historyFrom}`;
}

/** Where Letter is the paper in use (CLDR's US-letter territories); A4 everywhere else. */
const LETTER_REGIONS = new Set(['BZ', 'CA', 'CL', 'CO', 'CR', 'GT', 'MX', 'NI', 'PA', 'PH', 'PR', 'SV', 'US', 'VE']);

/** The paper a report is printed on by default in a locale (`en-US` → Letter, `de-DE` → A4). */
export function paperFor(locale: string): PdfPageSize {
  try {
    return LETTER_REGIONS.has(new Intl.Locale(locale).maximize().region ?? '') ? 'Letter' : 'A4';
  } catch {
    return 'A4';
  }
}
