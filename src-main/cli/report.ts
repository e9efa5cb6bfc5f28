/** Plain-text rendering of statuses and sessions for the terminal. */
import { formatDuration, formatRelative, STATUS_LABELS } from '../common/format.js';
import { healthNotes } from '../common/appliance-notes.js';
import { describeChangeEvent } from '../common/change-text.js';
import { type Session } from '../common/model.js';
import { runKindOf } from '../common/vendors/index.js';
import { displayWidth, padToWidth, withoutControlCharacters } from '../common/text.js';
import type { JobView } from '../common/ipc-contract.js';
import { breachWords } from '../common/problems.js';
import { type ApplianceView, type ChangeEvent, type OverallStatus, type StatusSnapshot, type TeamServerView } from '../common/snapshot.js';
import { jobSeverity } from '../common/status-rules.js';
import { elapsedMs } from '../common/time.js';
import { EXIT } from './exit-codes.js';
import { objectCountWords, objectProblemTitle } from '../common/object-words.js';

/** Monitoring-plugin convention: 0 ok, 1 warning, 2 critical, 3 unknown. */
export const EXIT_CODE_OF: Readonly<Record<OverallStatus, number>> = {
  ok: EXIT.ok,
  running: EXIT.ok,
  warning: EXIT.warning,
  // Planned downtime: a monitoring check stays quiet, as an Alertmanager inhibition does.
  maintenance: EXIT.ok,
  failed: EXIT.critical,
  at_risk: EXIT.critical,
  appliance_problem: EXIT.critical,
  no_data: EXIT.unknown,
};

/** Why the Backwatch server cannot be read, one line naming it (once: a message may name it already). */
export function teamServerTrouble(server: TeamServerView): string {
  const said = server.message.includes(server.url)
    ? server.message
    : `The Backwatch server ${server.url} cannot be read: ${server.message}`;
  return withoutControlCharacters(said);
}

/**
 * Lays out rows in columns padded to the widest cell, measured in terminal columns. Cells hold text from appliances and config
 * files: control and bidi characters are neutralised so no cell can rewrite the terminal.
 */
export function table(rawRows: readonly (readonly string[])[]): string {
  const rows = rawRows.map((row) => row.map(withoutControlCharacters));
  const widths = rows.reduce<number[]>((w, row) => row.map((cell, i) => Math.max(w[i] ?? 0, displayWidth(cell))), []);
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : padToWidth(cell, widths[i] ?? 0))).join('  ')).join('\n');
}

/**
 * A column shown only where some row has a value: KIND stays out of the tables of a fleet whose
 * vendors tell no kinds of job apart. `cell(i)` is row i's cell, or nothing when the column is out.
 */
export function optionalColumn(name: string, values: readonly (string | null)[]): { head: string[]; cell: (i: number) => string[] } {
  const shown = values.some((v) => v !== null);
  return { head: shown ? [name] : [], cell: (i) => (shown ? [values[i] ?? ''] : []) };
}

const PLUGIN_STATE = ['OK', 'WARNING', 'CRITICAL', 'UNKNOWN'] as const;

/** Jobs counted by the one word each weighs with (see `jobSeverity`), and appliances that cannot be polled. */
export interface FleetCounts {
  readonly failed: number;
  readonly at_risk: number;
  readonly warning: number;
  readonly running: number;
  readonly ok: number;
  readonly appliances_down: number;
}

export function fleetCounts(snapshot: StatusSnapshot, jobs: readonly JobView[]): FleetCounts {
  const watched = new Set(snapshot.appliances.filter((a) => a.enabled).map((a) => a.id));
  const counts = { failed: 0, at_risk: 0, warning: 0, running: 0, ok: 0 };
  for (const job of jobs) {
    const word = jobSeverity(job);
    if (watched.has(job.applianceId) && word in counts) counts[word as keyof typeof counts] += 1;
  }
  const down = snapshot.appliances.filter((a) => a.enabled && a.health.state !== 'ok').length;
  return { ...counts, appliances_down: down };
}

/**
 * `objects_unprotected=3 objects_at_risk=1 objects_protected=812 objects_acknowledged=1`, once objects
 * were read; the acknowledged are a part of the unprotected and at-risk counts.
 */
function objectPerfdata(snapshot: StatusSnapshot): string[] {
  const summary = snapshot.objects;
  if (summary === undefined) return [];
  const { counts, acknowledged } = summary;
  return [
    `objects_unprotected=${counts.unprotected}`,
    `objects_at_risk=${counts.at_risk}`,
    `objects_protected=${counts.protected}`,
    `objects_acknowledged=${acknowledged.unprotected + acknowledged.at_risk}`,
  ];
}

/** One line per problem object the snapshot names (the worst 20), then how many more. */
function objectProblemLines(snapshot: StatusSnapshot): string[] {
  const summary = snapshot.objects;
  if (summary === undefined) return [];
  const lines = summary.problems.map((view) => {
    const where = view.backups[0]?.applianceName ?? view.inventory?.applianceName;
    return `${where === undefined ? '' : `${where}: `}${objectProblemTitle(view)}`;
  });
  return summary.problemsOmitted > 0 ? [...lines, `and ${summary.problemsOmitted} more`] : lines;
}

function summaryOf(snapshot: StatusSnapshot, counts: FleetCounts): string {
  if (snapshot.appliances.length === 0) return 'no appliance is configured';
  const said = [
    counts.failed > 0 ? `${counts.failed} failed` : '',
    counts.at_risk > 0 ? `${counts.at_risk} at risk` : '',
    ...objectCountWords(snapshot.objects),
    counts.appliances_down > 0 ? `${counts.appliances_down} appliance${counts.appliances_down === 1 ? '' : 's'} down` : '',
    counts.warning > 0 ? `${counts.warning} with warnings` : '',
  ].filter(Boolean);
  if (said.length > 0) return said.join(', ');
  if (snapshot.overall === 'no_data') return 'no data yet';
  return `${counts.ok} jobs OK${counts.running > 0 ? `, ${counts.running} running` : ''}`;
}

/** A problem job in one line: what is wrong, and since when. */
function problemLine(job: JobView, now: number): string | null {
  const word = jobSeverity(job);
  if (word === 'failed') return `${job.applianceName}: Backup failed: ${job.jobName}`;
  if (word === 'at_risk') return `${job.applianceName}: At risk: ${job.jobName}, ${breachWords(job, now)}`;
  if (word === 'warning' && job.lastOutcome !== null)
    return `${job.applianceName}: ${job.jobName}: ${STATUS_LABELS[job.lastOutcome].toLowerCase()}`;
  return null;
}

/**
 * The monitoring-plugin output (Nagios, Icinga, Checkmk): `BACKWATCH STATE - summary | perfdata`,
 * then one line per problem. The exit code follows the same state.
 */
export function renderStatus(snapshot: StatusSnapshot, jobs: readonly JobView[], now: number): string {
  const counts = fleetCounts(snapshot, jobs);
  const perf = [...Object.entries(counts).map(([label, n]) => `${label}=${n}`), ...objectPerfdata(snapshot)].join(' ');
  const head = `BACKWATCH ${PLUGIN_STATE[statusExitCode(snapshot)]} - ${summaryOf(snapshot, counts)} | ${perf}`;
  return [head, ...problemLines(snapshot, jobs, now)].join('\n');
}

/** What is wrong, one line each: appliances that cannot be polled, then problem jobs, then the appliances' notes. */
export function problemLines(snapshot: StatusSnapshot, jobs: readonly JobView[], now: number): string[] {
  const down = snapshot.appliances
    .filter((a) => a.enabled && a.health.state !== 'ok')
    .map((a) => `${a.name}: ${a.health.state.replace(/_/g, ' ')} — ${a.health.message}`);
  const problems = jobs.flatMap((job) => problemLine(job, now) ?? []);
  return [...down, ...problems, ...objectProblemLines(snapshot), ...noteLines(snapshot.appliances)].map(withoutControlCharacters);
}

/**
 * The plugin's exit code: a fleet whose only problem is this computer's own (a password it cannot
 * give) is UNKNOWN, not CRITICAL: nothing is known of those appliances.
 */
export function statusExitCode(snapshot: StatusSnapshot): number {
  const down = snapshot.appliances.filter((a) => a.enabled && a.health.state !== 'ok');
  const onlyLocal = down.length > 0 && down.every((a) => a.health.state === 'local_problem' || a.health.state === 'keychain_locked');
  return snapshot.overall === 'appliance_problem' && onlyLocal ? EXIT_CODE_OF.no_data : EXIT_CODE_OF[snapshot.overall];
}

/** "SPP prod: the appliance's clock is 74 years ahead", one line a note. */
export function noteLines(appliances: readonly ApplianceView[]): string[] {
  return appliances.flatMap((a) => healthNotes(a.health).map((note) => `${a.name}: ${note}`));
}

export function renderSessions(sessions: readonly Session[], applianceName: (id: string) => string, now: number): string {
  if (sessions.length === 0) return 'No sessions match.';
  const kind = optionalColumn(
    'KIND',
    sessions.map((s) => runKindOf(s.vendor, s.type)?.label ?? null),
  );
  const rows = sessions.map((s, i) => [
    formatRelative(s.start, now),
    applianceName(s.applianceId),
    s.jobName,
    ...kind.cell(i),
    STATUS_LABELS[s.status] + (s.progress.percent !== null && s.end === null ? ` ${Math.round(s.progress.percent)}%` : ''),
    formatDuration(elapsedMs(s, now)),
    s.message ?? '',
  ]);
  return table([['STARTED', 'APPLIANCE', 'JOB', ...kind.head, 'STATUS', 'DURATION', 'MESSAGE'], ...rows]);
}

/** One line per change event, for `watch` in a terminal; safe to print (no control characters). */
export function describeChange(event: ChangeEvent, applianceName: (id: string) => string): string {
  return withoutControlCharacters(`${new Date().toLocaleTimeString()}  ${describeChangeEvent(event, applianceName)}`);
}
