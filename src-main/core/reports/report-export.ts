/** A compliance report as a file: CSV, HTML or JSON, each carrying the SHA-256 of its data rows. */
import { createHash } from 'node:crypto';
import type { ComplianceReport, ReportFile, ReportFormat } from '../../common/compliance-report.js';
import { reportCsv } from './report-csv.js';
import { reportHtml } from './report-html.js';
import { dataRowsText, VERIFY_COMMAND } from './report-rows.js';

/** The SHA-256 (hex) of the report's data rows as CSV lines. */
export function dataRowsSha256(report: Pick<ComplianceReport, 'jobs' | 'machines'>): string {
  return createHash('sha256').update(dataRowsText(report), 'utf8').digest('hex');
}

const MIME: Readonly<Record<ReportFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  html: 'text/html; charset=utf-8',
  json: 'application/json',
};

export function exportReport(report: ComplianceReport, format: ReportFormat): ReportFile {
  const sha256 = dataRowsSha256(report);
  const text =
    format === 'csv'
      ? reportCsv(report, sha256)
      : format === 'html'
        ? reportHtml(report, sha256)
        : `${JSON.stringify({ ...report, dataRowsSha256: sha256, verify: `the CSV export's rows: ${VERIFY_COMMAND}` }, null, 2)}\n`;
  return {
    fileName: `backwatch-compliance-${report.from.slice(0, 10)}-to-${report.to.slice(0, 10)}.${format}`,
    mimeType: MIME[format],
    text,
  };
}
