/**
 * The data rows of a compliance report: one a job, then (after a blank line and their own header)
 * one a machine, as CSV cells. The CSV and the HTML show the very same cells, and the report's
 * SHA-256 is taken over these rows as CSV lines, so a row edited in either shows. Pure.
 */
import {
  NO_SHARE_WORDS,
  percentText,
  type ComplianceReport,
  type ComplianceView,
  type JobComplianceView,
  type MachineComplianceView,
} from '../../common/compliance-report.js';

/** The figures of a view, in the summary (fleet, appliances) and in every data row. */
export const SUMMARY_HEADER = ['Compliance %', 'Runs', 'Failed runs', 'Longest gap (hours)', 'Longest gap from', 'Longest gap to'];

/** The figure columns of a job's and a machine's row alike. */
const FIGURE_HEADER = [...SUMMARY_HEADER, 'Last success'];

export const DATA_HEADER = ['Appliance', 'Job', ...FIGURE_HEADER];

export const MACHINE_HEADER = ['Machine', 'Backed up by', ...FIGURE_HEADER, 'Note'];

/** How a reader checks the digest against the CSV export. */
export const VERIFY_COMMAND = "sed '1,/^Appliance,Job,/d' report.csv | sha256sum";

/** A share as a number a spreadsheet reads; empty when nothing was judged. */
export const percentCell = (share: number | null): string => percentText(share) ?? '';

export const hoursCell = (ms: number): string => (ms / 3_600_000).toFixed(1);

/** The summary cells of a view: compliance %, runs, failed runs, longest gap (hours), its start and end. */
export function summaryCells(view: ComplianceView): string[] {
  return [
    percentCell(view.share),
    String(view.runs),
    String(view.failedRuns),
    view.longestGap === null ? '' : hoursCell(view.longestGap.unprotectedMs),
    view.longestGap?.from ?? '',
    view.longestGap?.to ?? '',
  ];
}

/** The figure cells of a data row, under `FIGURE_HEADER`. */
const figureCells = (view: JobComplianceView | MachineComplianceView): string[] => [...summaryCells(view), view.lastSuccess ?? ''];

export function jobCells(job: JobComplianceView): string[] {
  return [nameCell(job.applianceName), nameCell(job.jobName), ...figureCells(job)];
}

export function machineCells(machine: MachineComplianceView): string[] {
  const noShare = machine.noShare === null ? '' : NO_SHARE_WORDS[machine.noShare];
  return [nameCell(machine.name), nameCell(machine.applianceNames.join('; ')), ...figureCells(machine), noShare];
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
