/** Plain-text rendering of statuses and sessions for the terminal. */
import { formatDuration, formatRelative, OVERALL_LABELS, STATUS_LABELS } from '../common/format.js';
import type { Session } from '../common/model.js';
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

/** Lays out rows in columns padded to the widest cell. */
export function table(rows: readonly (readonly string[])[]): string {
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

/** One line per change event, for `watch` in a terminal. */
export function describeChange(event: ChangeEvent, applianceName: (id: string) => string): string {
  const time = new Date().toLocaleTimeString();
  switch (event.kind) {
    case 'session_started':
    case 'session_finished':
    case 'session_failed':
    case 'job_recovered':
    case 'overrun':
      return `${time}  ${event.kind.replace('_', ' ')}: ${event.session.jobName} on ${applianceName(event.session.applianceId)} (${STATUS_LABELS[event.session.status]})`;
    case 'missed_run':
      return `${time}  missed run: ${event.job.name} on ${applianceName(event.applianceId)}, due ${event.dueAt}`;
    case 'appliance_unhealthy':
      return `${time}  ${event.applianceName}: ${event.health.state} — ${event.health.message}`;
    case 'appliance_healthy':
      return `${time}  ${event.applianceName}: healthy again`;
    case 'rpo_breached':
      return `${time}  no successful backup within RPO: ${event.jobName} on ${applianceName(event.applianceId)} (last success ${event.lastSuccess ?? 'never'})`;
    case 'protection_restored':
      return `${time}  protection restored: ${event.session.jobName} on ${applianceName(event.session.applianceId)}`;
  }
}
