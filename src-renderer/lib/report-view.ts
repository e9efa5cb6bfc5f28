/**
 * What the Reports view shows of a compliance report, in words: a job's row, an appliance's reach
 * of history, and the state a share stands for. Pure: the report comes from main, worst first.
 */
import { formatDateTime, formatDuration, NO_VALUE } from '../../src-main/common/format.js';
import { percentText, type ComplianceView, type JobComplianceView, type PdfPageSize } from '../../src-main/common/compliance-report.js';

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
