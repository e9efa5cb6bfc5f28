/**
 * The data rows of a compliance report: one a job, then (after a blank line and their own header)
 * one a machine, as CSV cells. The CSV and the HTML show the very same cells, and the report's
 * SHA-256 is taken over these rows as CSV lines, so a row edited in either shows. Pure.
 */
import {
  NO_SHARE_WORDS,
  percentText,
  type ComplianceReport,
  type JobComplianceView,
  type MachineComplianceView,
} from '../../common/compliance-report.js';

export const DATA_HEADER = [
  'Appliance',
  'Job',
  'Compliance %',
  'Runs',
  'Failed runs',
  'Longest gap (hours)',
  'Longest gap from',
  'Longest gap to',
  'Last success',
] as const;

export const MACHINE_HEADER = [
  'Machine',
  'Kind',
  'Backed up by',
  'Compliance %',
  'Runs',
  'Failed runs',
  'Longest gap (hours)',
  'Longest gap from',
  'Longest gap to',
  'Last success',
  'No share because',
] as const;

/** How a reader checks the digest against the CSV export. */
export const VERIFY_COMMAND = "sed '1,/^Appliance,Job,/d' report.csv | sha256sum";

/** A share as a number a spreadsheet reads; empty when nothing was judged. */
export const percentCell = (share: number | null): string => percentText(share) ?? '';

export const hoursCell = (ms: number): string => (ms / 3_600_000).toFixed(1);

export function jobCells(job: JobComplianceView): string[] {
  return [
    nameCell(job.applianceName),
    nameCell(job.jobName),
    percentCell(job.share),
    String(job.runs),
    String(job.failedRuns),
    job.longestGap === null ? '' : hoursCell(job.longestGap.unprotectedMs),
    job.longestGap?.from ?? '',
    job.longestGap?.to ?? '',
    job.lastSuccess ?? '',
  ];
}

export function machineCells(machine: MachineComplianceView): string[] {
  return [
    nameCell(machine.name),
    machine.kind,
    nameCell(machine.applianceNames.join('; ')),
    percentCell(machine.share),
    String(machine.runs),
    String(machine.failedRuns),
    machine.longestGap === null ? '' : hoursCell(machine.longestGap.unprotectedMs),
    machine.longestGap?.from ?? '',
    machine.longestGap?.to ?? '',
    machine.lastSuccess ?? '',
    machine.noShare === null ? '' : NO_SHARE_WORDS[machine.noShare],
  ];
}

/** One CSV cell (RFC 4180): quoted where it holds a comma, a quote or a line break. */
export function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A name an appliance sent, as a cell: one a spreadsheet would run as a formula (=, +, -, @
 * first) is kept as text with a leading ', in the CSV and the HTML alike, so both hash the same.
 */
export const nameCell = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

export const csvLine = (cells: readonly string[]): string => `${cells.map(csvCell).join(',')}\n`;

/**
 * The rows the digest covers: every job's line in the report's order, then, where the machines
 * were read, a blank line, the machines' header and every machine's line.
 */
export function dataRowsText(report: Pick<ComplianceReport, 'jobs' | 'machines'>): string {
  const jobs = report.jobs.map((job) => csvLine(jobCells(job))).join('');
  if (report.machines === null) return jobs;
  return `${jobs}\n${csvLine(MACHINE_HEADER)}${report.machines.rows.map((m) => csvLine(machineCells(m))).join('')}`;
}
