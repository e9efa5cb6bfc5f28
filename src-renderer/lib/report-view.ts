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

/** A row of the Reports view's tables: a job's or a machine's figures, in words. */
export interface ReportRow {
  readonly key: string;
  readonly name: string;
  /** Where it is: a job's appliance; a machine's kind and the appliances that back it up ("VM · VBR prod, SPP"). */
  readonly where: string;
  readonly share: string;
  readonly tone: ComplianceTone;
  /** Why it has no share ("in no backup"); empty when it has one, or for a job. */
  readonly noShare: string;
  readonly runs: number;
  readonly failedRuns: number;
  readonly gap: ReturnType<typeof gapText>;
  readonly lastSuccess: string;
}

/** The cells every row has, from its figures. */
const figureWords = (view: ComplianceView & { readonly lastSuccess: string | null }) => ({
  share: shareText(view.share),
  runs: view.runs,
  failedRuns: view.failedRuns,
  gap: gapText(view.longestGap),
  lastSuccess: formatDateTime(view.lastSuccess),
});

/** The jobs' rows, in the report's order (worst first). */
export function reportRows(jobs: readonly JobComplianceView[]): ReportRow[] {
  return jobs.map((job) => ({
    ...figureWords(job),
    key: `${job.applianceId}/${job.jobId}`,
    name: job.jobName,
    where: job.applianceName,
    tone: complianceTone(job.share),
    noShare: '',
  }));
}

/** The machines' rows main sent (the worst, at most as many as the view asked), in the report's order. */
export function machineReportRows(machines: MachinesInReport): ReportRow[] {
  return machines.rows.map((m) => ({
    ...figureWords(m),
    key: m.key,
    name: m.name,
    where: [kindWord(m.kind), m.applianceNames.join(', ')].filter(Boolean).join(' · '),
    // A machine nothing backs up is unprotected: never shown in the quiet tone of "nothing judged".
    tone: m.noShare === 'in_no_backup' ? 'failed' : complianceTone(m.share),
    noShare: m.noShare === null ? '' : NO_SHARE_WORDS[m.noShare],
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
