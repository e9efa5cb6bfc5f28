/** Plain-text rendering of statuses and sessions for the terminal. */
import { formatDuration, formatRelative, OVERALL_LABELS, STATUS_LABELS } from '../common/format.js';
import { describeChangeEvent } from '../common/change-text.js';
import type { Session } from '../common/model.js';
import { withoutControlCharacters } from '../common/text.js';
import type { ApplianceView, ChangeEvent, OverallStatus, StatusSnapshot } from '../common/snapshot.js';

/** Monitoring-plugin convention: 0 ok, 1 warning, 2 critical, 3 unknown. */
export const EXIT_CODE_OF: Readonly<Record<OverallStatus, number>> = {
  ok: 0,
  running: 0,
  warning: 1,
  failed: 2,
  at_risk: 2,
  appliance_problem: 2,
  no_data: 3,
};

/**
 * Lays out rows in columns padded to the widest cell. Cells hold text from appliances and config
 * files: control and bidi characters are neutralised so no cell can rewrite the terminal.
 */
export function table(rawRows: readonly (readonly string[])[]): string {
  const rows = rawRows.map((row) => row.map(withoutControlCharacters));
  const widths = rows.reduce<number[]>((w, row) => row.map((cell, i) => Math.max(w[i] ?? 0, cell.length)), []);
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')).join('\n');
}

function applianceLine(a: ApplianceView): string[] {
  const counts = Object.entries(a.jobCounts)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status}`)
    .join(', ');
  const health = a.health.state === 'ok' ? 'ok' : `${a.health.state}: ${a.health.message}`;
  return [a.name, a.vendor, OVERALL_LABELS[a.status], health, counts || 'no jobs yet'];
}

export function renderStatus(snapshot: StatusSnapshot): string {
  const head = `Backwatch: ${OVERALL_LABELS[snapshot.overall]}${snapshot.failedJobs ? ` (${snapshot.failedJobs} failed jobs)` : ''}`;
  if (snapshot.appliances.length === 0) return `${head}\nNo appliance is configured. Add one with: backwatch appliance add --help`;
  return `${head}\n\n${table([['APPLIANCE', 'VENDOR', 'STATUS', 'HEALTH', 'JOBS'], ...snapshot.appliances.map(applianceLine)])}`;
}

export function renderSessions(sessions: readonly Session[], applianceName: (id: string) => string, now: number): string {
  if (sessions.length === 0) return 'No sessions match.';
  const rows = sessions.map((s) => [
    formatRelative(s.start, now),
    applianceName(s.applianceId),
    s.jobName,
    STATUS_LABELS[s.status] + (s.progress.percent !== null && s.end === null ? ` ${Math.round(s.progress.percent)}%` : ''),
    formatDuration(s.durationMs),
    s.message ?? '',
  ]);
  return table([['STARTED', 'APPLIANCE', 'JOB', 'STATUS', 'DURATION', 'MESSAGE'], ...rows]);
}

/** One line per change event, for `watch` in a terminal; safe to print (no control characters). */
export function describeChange(event: ChangeEvent, applianceName: (id: string) => string): string {
  return withoutControlCharacters(`${new Date().toLocaleTimeString()}  ${describeChangeEvent(event, applianceName)}`);
}
