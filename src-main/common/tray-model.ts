/**
 * What the tray shows, as plain data: icon state, badge, tooltip and the context menu.
 * The Electron shell only renders this model (and the browser harness records it), so every
 * tray rule lives here, pure: `now` is passed in, nothing touches Electron.
 */
import { formatClock, HEALTH_LABELS, OVERALL_LABELS } from './format.js';
import type { NavigateTarget } from './ipc-contract.js';
import { objectCountWords } from './object-words.js';
import { ageWords, breachWords, lastSuccessWords } from './problems.js';
import type { ApplianceView, JobState, OverallStatus, StatusSnapshot } from './snapshot.js';
import { jobSeverity } from './status-rules.js';
import { systemLocalMinutes, toMs } from './time.js';

/** What a menu click asks the shell to do. */
export type TrayCommand =
  | { readonly type: 'open' }
  | { readonly type: 'navigate'; readonly target: NavigateTarget }
  | { readonly type: 'refresh' }
  /** Pause notifications until this ISO time; null resumes them now. */
  | { readonly type: 'pause'; readonly until: string | null }
  | { readonly type: 'start-at-login'; readonly enabled: boolean }
  /** Quit and install the update already downloaded. */
  | { readonly type: 'restart-to-update' }
  | { readonly type: 'quit' };

export type TrayMenuItem =
  | { readonly kind: 'separator' }
  /** Plain text, not clickable (e.g. "No problems"). */
  | { readonly kind: 'label'; readonly label: string }
  | { readonly kind: 'action'; readonly label: string; readonly command: TrayCommand }
  | { readonly kind: 'checkbox'; readonly label: string; readonly checked: boolean; readonly command: TrayCommand }
  | { readonly kind: 'submenu'; readonly label: string; readonly items: readonly TrayMenuItem[] };

export interface TrayModel {
  /** Which icon to show: one per overall status. */
  readonly icon: OverallStatus;
  /** Jobs needing attention (failed or at risk) for the badge (0 hides it). */
  readonly badge: number;
  readonly tooltipLines: readonly string[];
  /** `tooltipLines` joined by newlines. */
  readonly tooltip: string;
  readonly menu: readonly TrayMenuItem[];
}

export interface TrayModelOptions {
  /** Current state of the login item. */
  readonly startAtLogin: boolean;
  /** False hides the toggle where the platform has no login items (e.g. some Linux desktops). */
  readonly startAtLoginSupported: boolean;
  /** The version of an update downloaded and ready to install: offers "Restart to update". */
  readonly updateReady?: string | null;
  /** Minutes since local midnight of an epoch time; defaults to the process's time zone. */
  readonly localMinutes?: (epochMs: number) => number;
}

/** Menu entries for jobs (problems first, then running ones), as CCMenu lists its projects. */
export const TRAY_JOB_LIMIT = 10;
/** Tooltips get long fast (Windows cuts them at 127 characters): list this many appliances at most. */
export const TRAY_APPLIANCE_LINE_LIMIT = 8;
const PROBLEM_LABEL_MAX = 60;
const HOUR_MS = 3_600_000;
/** "Until tomorrow" means tomorrow morning, when an admin is back at work. */
const TOMORROW_HOUR = 8;

/** Builds the whole tray model from the latest snapshot. */
export function trayModel(snapshot: StatusSnapshot, now: number, opts: TrayModelOptions): TrayModel {
  const localMinutes = opts.localMinutes ?? systemLocalMinutes;
  const tooltipLines = trayTooltipLines(snapshot, now, localMinutes);
  return {
    icon: snapshot.overall,
    badge: Math.max(0, snapshot.jobsNeedingAttention),
    tooltipLines,
    tooltip: tooltipLines.join('\n'),
    menu: trayMenu(snapshot, now, opts, localMinutes),
  };
}

/** "Backwatch: Backup failed", one line per appliance, then "Last poll 12:04". */
export function trayTooltipLines(snapshot: StatusSnapshot, now: number, localMinutes: (ms: number) => number): string[] {
  const shown = snapshot.appliances.slice(0, TRAY_APPLIANCE_LINE_LIMIT).map((view) => applianceLine(view, now));
  const hidden = snapshot.appliances.length - shown.length;
  const lastPoll = toMs(snapshot.lastPoll);
  const machines = objectCountWords(snapshot.objects);
  return [
    `Backwatch: ${OVERALL_LABELS[snapshot.overall]}`,
    ...shown,
    ...(hidden > 0 ? [`…and ${hidden} more`] : []),
    ...(machines.length > 0 ? [machines.join(', ')] : []),
    lastPoll === null ? 'Not polled yet' : `Last poll ${formatClock(localMinutes(lastPoll))}`,
  ];
}

/**
 * "Backup prod: 2 failed, 1 running", "Mail backup: unreachable", "Hypervisors: OK", and for jobs at
 * risk the one at risk longest: "Backup prod: 1 at risk — SQL Nightly, last success 31 h ago, RPO 26 h".
 */
export function applianceLine(view: ApplianceView, now: number): string {
  if (!view.enabled) return `${view.name}: paused`;
  const parts = [
    view.health.state === 'ok' ? '' : (HEALTH_LABELS[view.health.state] ?? 'error'),
    countPart(view.jobCounts.failed, 'failed'),
    countPart(view.jobCounts.warning, 'with warnings'),
    countPart(view.runningSessionIds.length, 'running'),
    countPart(view.protectionCounts.at_risk, 'at risk'),
    view.maintenanceUntil ? 'in maintenance' : countPart(view.jobs.filter((job) => job.maintenanceUntil).length, 'in maintenance'),
  ].filter((part) => part !== '');
  const longest = longestAtRisk(view.jobs);
  const detail = longest === null ? '' : ` — ${longest.jobName}, ${breachWords(longest, now)}`;
  if (parts.length > 0) return `${view.name}: ${parts.join(', ')}${detail}`;
  return `${view.name}: ${view.status === 'no_data' ? 'no data yet' : 'OK'}`;
}

/** The unacknowledged job at risk for the longest time, or null. */
function longestAtRisk(jobs: readonly JobState[]): JobState | null {
  let longest: JobState | null = null;
  for (const job of jobs) {
    if (job.protection !== 'at_risk' || job.breachAcknowledged) continue;
    if (longest === null || (job.atRiskSince ?? '') < (longest.atRiskSince ?? '')) longest = job;
  }
  return longest;
}

function countPart(count: number | undefined, word: string): string {
  return count !== undefined && count > 0 ? `${count} ${word}` : '';
}

function trayMenu(snapshot: StatusSnapshot, now: number, opts: TrayModelOptions, localMinutes: (ms: number) => number): TrayMenuItem[] {
  return [
    { kind: 'action', label: 'Open Backwatch', command: { type: 'open' } },
    { kind: 'separator' },
    ...objectItems(snapshot),
    ...jobItems(snapshot, now),
    { kind: 'separator' },
    { kind: 'action', label: 'Refresh now', command: { type: 'refresh' } },
    pauseSubmenu(snapshot.notificationsPausedUntil, now, localMinutes),
    ...(opts.startAtLoginSupported
      ? [
          {
            kind: 'checkbox',
            label: 'Start at login',
            checked: opts.startAtLogin,
            command: { type: 'start-at-login', enabled: !opts.startAtLogin },
          } as const,
        ]
      : []),
    { kind: 'separator' },
    ...(opts.updateReady
      ? [{ kind: 'action', label: `Restart to update (${opts.updateReady})`, command: { type: 'restart-to-update' } } as const]
      : []),
    { kind: 'action', label: 'Quit Backwatch', command: { type: 'quit' } },
  ];
}

/** "3 machines unprotected" above the jobs: each opens the window (the machines are listed there). */
function objectItems(snapshot: StatusSnapshot): TrayMenuItem[] {
  const words = objectCountWords(snapshot.objects);
  return words.map((label): TrayMenuItem => ({ kind: 'action', label, command: { type: 'open' } }));
}

interface ListedJob {
  readonly job: JobState;
  readonly applianceName: string;
  readonly severity: OverallStatus;
}

/** Most recent first; the job name breaks ties so the menu does not shuffle between polls. */
function byRecent(at: (job: JobState) => string | null) {
  return (a: ListedJob, b: ListedJob) => (toMs(at(b.job)) ?? 0) - (toMs(at(a.job)) ?? 0) || a.job.jobName.localeCompare(b.job.jobName);
}

function jobLabel({ job, applianceName, severity }: ListedJob, now: number): string {
  const name = `${job.jobName} (${applianceName})`;
  switch (severity) {
    case 'failed':
      return `${name} — failed ${ageWords(job.lastOutcomeAt, now)}`;
    case 'at_risk':
      return `${name} — at risk, ${lastSuccessWords(job.lastSuccess, now)}`;
    case 'warning':
      return `${name} — ${job.lastOutcome ?? 'warning'} ${ageWords(job.lastOutcomeAt, now)}`;
    default:
      return `${name} — running${job.progressPercent === null ? '' : ` ${Math.round(job.progressPercent)}%`}`;
  }
}

/** A job opens the session it is about (the failure, the run, the last success), else its appliance. */
function jobTarget({ job, severity }: ListedJob): NavigateTarget {
  const sessionId =
    severity === 'running' ? job.activeSessionId : severity === 'at_risk' ? job.lastSuccessSessionId : job.lastOutcomeSessionId;
  return sessionId === null
    ? { view: 'appliance', applianceId: job.applianceId }
    : { view: 'session', ref: { applianceId: job.applianceId, sessionId } };
}

/**
 * Appliances that cannot be polled, then problem jobs (failed, at risk, warning, each with its
 * age), then running ones with their percent — at most TRAY_JOB_LIMIT — then "N more OK".
 */
function jobItems(snapshot: StatusSnapshot, now: number): TrayMenuItem[] {
  const watched = snapshot.appliances.filter((a) => a.enabled);
  const health = watched
    .filter((a) => a.health.state !== 'ok')
    .map((a): TrayMenuItem => ({
      kind: 'action',
      label: truncate(`${a.name}: ${HEALTH_LABELS[a.health.state] ?? 'error'}`, PROBLEM_LABEL_MAX),
      command: { type: 'navigate', target: { view: 'appliance', applianceId: a.id } },
    }));
  const jobs = watched.flatMap((a) => a.jobs.map((job): ListedJob => ({ job, applianceName: a.name, severity: jobSeverity(job) })));
  const problems = (['failed', 'at_risk', 'warning'] as const).flatMap((severity) =>
    jobs.filter((j) => j.severity === severity).sort(byRecent((job) => (severity === 'at_risk' ? job.atRiskSince : job.lastOutcomeAt))),
  );
  const running = jobs.filter((j) => j.severity === 'running').sort(byRecent(() => null));
  const listed = [...problems, ...running].slice(0, Math.max(0, TRAY_JOB_LIMIT - health.length));
  const ok = jobs.filter((j) => j.severity === 'ok').length;
  const items: TrayMenuItem[] = [
    ...health,
    ...listed.map((j): TrayMenuItem => ({
      kind: 'action',
      label: truncate(jobLabel(j, now), PROBLEM_LABEL_MAX),
      command: { type: 'navigate', target: jobTarget(j) },
    })),
  ];
  const unlisted = problems.length + running.length - listed.length;
  if (unlisted > 0) items.push({ kind: 'label', label: `${unlisted} more need a look` });
  if (ok > 0) items.push({ kind: 'label', label: items.length > 0 ? `${ok} more OK` : ok === 1 ? '1 job, OK' : `All ${ok} jobs OK` });
  return items.length > 0 ? items : [{ kind: 'label', label: 'No jobs yet' }];
}

function pauseSubmenu(pausedUntil: string | null, now: number, localMinutes: (ms: number) => number): TrayMenuItem {
  const until = toMs(pausedUntil);
  const paused = until !== null && until > now;
  const at = (ms: number) => new Date(ms).toISOString();
  return {
    kind: 'submenu',
    label: paused ? `Notifications paused until ${formatClock(localMinutes(until))}` : 'Pause notifications',
    items: [
      { kind: 'action', label: 'For 1 hour', command: { type: 'pause', until: at(now + HOUR_MS) } },
      { kind: 'action', label: 'For 4 hours', command: { type: 'pause', until: at(now + 4 * HOUR_MS) } },
      { kind: 'action', label: 'Until tomorrow', command: { type: 'pause', until: at(tomorrowMorning(now)) } },
      { kind: 'checkbox', label: 'Off', checked: !paused, command: { type: 'pause', until: null } },
    ],
  };
}

/** Tomorrow at 08:00 in the process's time zone (Date handles month ends and DST). */
export function tomorrowMorning(now: number): number {
  const d = new Date(now);
  d.setDate(d.getDate() + 1);
  d.setHours(TOMORROW_HOUR, 0, 0, 0);
  return d.getTime();
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
