/**
 * The CSV export of a compliance report: what it covers and its summary as label rows, then a
 * blank line, the header and the job rows, then the machines' header and rows to the end of the
 * file, so `sed` can cut the rows the SHA-256 covers. Pure; the digest is passed in.
 */
import { machinesWords, type ComplianceReport, type MaintenanceInPeriod } from '../../common/compliance-report.js';
import { csvLine, DATA_HEADER, dataRowsText, hoursCell, nameCell, SUMMARY_HEADER, summaryCells, VERIFY_COMMAND } from './report-rows.js';

export const MAINTENANCE_HEADER = ['Window', 'Scope', 'Schedule (local time)', 'Added', 'Removed', 'Left out (hours)'];

/** A window's cells: a window kept before windows were recorded counts since always. */
export function maintenanceCells(m: MaintenanceInPeriod): string[] {
  return [
    nameCell(m.label),
    nameCell(m.scope),
    m.schedule,
    m.added ?? 'before windows were recorded',
    m.removed ?? '',
    hoursCell(m.leftOutMs),
  ];
}

export function reportCsv(report: ComplianceReport, sha256: string): string {
  const lines = [
    ['Backwatch compliance report'],
    ['Period from', report.from],
    ['Period to', report.to],
    ['Scope', report.scope],
    ['Generated at', report.generatedAt],
    ['Backwatch version', report.version],
    ['Machines', machinesWords(report.machines)],
    ['Times', 'UTC; runs counted by the UTC day they ended; maintenance time left out'],
    ['Summary', 'Name', ...SUMMARY_HEADER, 'History from'],
    ['Fleet', report.scope, ...summaryCells(report.fleet), ''],
    ...report.appliances.map((a) => ['Appliance', nameCell(a.applianceName), ...summaryCells(a), a.historyFrom ?? '']),
    ...(report.maintenance.length > 0 ? [['Maintenance windows', ...MAINTENANCE_HEADER]] : []),
    ...report.maintenance.map((m) => ['Maintenance window', ...maintenanceCells(m)]),
    ['Data rows SHA-256', sha256],
    ['Verify', VERIFY_COMMAND],
  ];
  return `${lines.map(csvLine).join('')}\n${csvLine(DATA_HEADER)}${dataRowsText(report)}`;
}
