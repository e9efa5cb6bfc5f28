/**
 * The HTML of a compliance report: one self-contained file (no script, no external asset, a CSP
 * that allows none) that reads on screen and prints on A4 and Letter alike: the page size is the
 * printer's, the table fits the narrower of the two, and its header repeats on every page. The
 * job and machine tables' cells are the CSV's cells, so the SHA-256 can be checked from either. Pure.
 */
import { machinesWords, type ComplianceReport } from '../../common/compliance-report.js';
import { DATA_HEADER, jobCells, MACHINE_HEADER, machineCells, SUMMARY_HEADER, summaryCells, VERIFY_COMMAND } from './report-rows.js';
import { MAINTENANCE_HEADER, maintenanceCells } from './report-csv.js';

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const STYLE = `
@page { margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font: 10pt/1.35 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1f24; margin: 0 auto; max-width: 186mm; padding: 8mm 0; }
h1 { font-size: 15pt; margin: 0 0 2mm; }
h2 { font-size: 11.5pt; margin: 6mm 0 2mm; break-after: avoid; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.5mm 4mm; margin: 0; }
dt { color: #57606a; }
dd { margin: 0; }
table { width: 100%; border-collapse: collapse; font-size: 8.5pt; font-variant-numeric: tabular-nums; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { text-align: left; padding: 1mm 1.5mm; border-bottom: 0.2mm solid #d0d7de; vertical-align: top; overflow-wrap: anywhere; }
th { font-weight: 600; background: #f6f8fa; overflow-wrap: normal; }
td.num, th.num { text-align: right; }
td.share:empty::before { content: "\\2014"; }
.time { overflow-wrap: normal; }
.digest { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 8pt; overflow-wrap: anywhere; }
footer { margin-top: 6mm; font-size: 8.5pt; color: #57606a; }
@media print { body { padding: 0; max-width: none; } }
`;

/** Columns of figures, aligned right. */
const NUMERIC = new Set(['Compliance %', 'Runs', 'Failed runs', 'Longest gap (hours)', 'Left out (hours)']);

/** A cell's text; an ISO time breaks only after its T, so a narrow column shows the date over the time, neither cut. */
function cellHtml(cell: string): string {
  const time = /^(\d{4}-\d\d-\d\dT)(\d\d:\d\d:\d\d(?:\.\d+)?Z)$/.exec(cell);
  return time ? `<span class="time">${time[1]}<wbr>${time[2]}</span>` : escapeHtml(cell);
}

function table(id: string, head: readonly string[], rows: readonly (readonly string[])[]): string {
  // A share no time was judged for is an empty cell, as in the CSV; the page shows it as a dash.
  const cls = (name: string) => (name === 'Compliance %' ? ' class="num share"' : NUMERIC.has(name) ? ' class="num"' : '');
  const th = head.map((h) => `<th scope="col"${cls(h)}>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((cell, i) => `<td${cls(head[i] ?? '')}>${cellHtml(cell)}</td>`).join('')}</tr>`);
  return `<table id="${id}"><thead><tr>${th}</tr></thead><tbody>\n${body.join('\n')}\n</tbody></table>`;
}

function summary(report: ComplianceReport): string {
  const rows = [
    ['Fleet', ...summaryCells(report.fleet), ''],
    ...report.appliances.map((a) => [a.applianceName, ...summaryCells(a), a.historyFrom ?? '']),
  ];
  return table('summary', ['Scope', ...SUMMARY_HEADER, 'History from'], rows);
}

function machines(report: ComplianceReport): string {
  if (report.machines === null) return `<p>Machines: ${escapeHtml(machinesWords(null))}.</p>`;
  return table('machines', MACHINE_HEADER, report.machines.rows.map(machineCells));
}

function maintenance(report: ComplianceReport): string {
  if (report.maintenance.length === 0) return '<p>No maintenance window in the period.</p>';
  return table('maintenance', MAINTENANCE_HEADER, report.maintenance.map(maintenanceCells));
}

export function reportHtml(report: ComplianceReport, sha256: string): string {
  const facts: [string, string][] = [
    ['Period', `${report.from} to ${report.to}`],
    ['Scope', report.scope],
    ['Generated at', report.generatedAt],
    ['Backwatch version', report.version],
    ['Machines', machinesWords(report.machines)],
    ['Times', 'UTC; runs counted by the UTC day they ended; maintenance time left out of compliance'],
  ];
  const dl = facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`Backwatch compliance report, ${report.from.slice(0, 10)} to ${report.to.slice(0, 10)}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Backwatch compliance report</h1>
<dl>${dl}</dl>
<h2>Summary</h2>
${summary(report)}
<h2>Maintenance windows in the period</h2>
${maintenance(report)}
<h2>Jobs, worst first</h2>
${table('jobs', DATA_HEADER, report.jobs.map(jobCells))}
<h2>Machines, worst first</h2>
${machines(report)}
<footer>
<p>Data rows SHA-256: <span class="digest" id="sha256">${sha256}</span></p>
<p>The digest covers the job rows written as CSV (RFC 4180, one line each ending in a line feed, UTF-8), then, where machines were read, an empty line, the machines' header and their rows, the cells exactly as in the tables above. The CSV export of this report holds the same rows below its header line; check it with <code>${escapeHtml(VERIFY_COMMAND)}</code>.</p>
</footer>
</body>
</html>
`;
}
