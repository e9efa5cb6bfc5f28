/**
 * The notification policy: which change events deserve a desktop notification, when, and in
 * what words. Pure: the shell passes the ledger of keys already notified, the events held so
 * far, the clock and the local time of day, and persists what comes back.
 */
import type { NavigateTarget } from './ipc-contract.js';
import type { HealthState, Session } from './model.js';
import { formatRpo } from './duration.js';
import { formatClock, formatDuration } from './format.js';
import { objectNotice } from './object-notices.js';
import { ageWords } from './problems.js';
import type { NotificationRules, Settings } from './settings.js';
import type { ChangeEvent, ChangeKind } from './snapshot.js';
import { jobKey, sessionKey } from './snapshot.js';
import { isInEffect, parseClock, toMs } from './time.js';
import { heldInMaintenance, scopeOf } from './maintenance-hold.js';

/** Where a click on a notification leads: anywhere the window can be sent, or nowhere. */
export type NoticeTarget = NavigateTarget | null;

/** One desktop notification to show. */
export interface Notice {
  readonly kind: ChangeKind | 'digest';
  readonly title: string;
  readonly body: string;
  readonly target: NoticeTarget;
  /** Keys of the events this notice covers (one, or many for a digest). */
  readonly keys: readonly string[];
}

export interface NotificationInput {
  readonly events: readonly ChangeEvent[];
  readonly settings: Pick<Settings, 'notifications' | 'quietHours' | 'mutedJobs' | 'notificationsPausedUntil'> &
    Partial<Pick<Settings, 'maintenanceNotices'>>;
  /** Keys already notified (persisted, so a restart does not repeat them). */
  readonly ledger: ReadonlySet<string>;
  /** Events held back during quiet hours or a pause, from earlier rounds. */
  readonly held: readonly ChangeEvent[];
  readonly now: number;
  /** Minutes since local midnight of an epoch time (e.g. `systemLocalMinutes`). */
  readonly localMinutes: (epochMs: number) => number;
  readonly applianceName: (applianceId: string) => string;
  /** Whether an open maintenance window covers a job (or, with `jobId` null, an appliance); none is open when absent. */
  readonly inMaintenance?: (applianceId: string, jobId: string | null) => boolean;
}

export interface NotificationPlan {
  /** Show these now. */
  readonly notices: Notice[];
  /** Keep these for a later round (quiet hours, a pause, a maintenance window); replaces the previous `held`. */
  readonly held: ChangeEvent[];
  /** Add these to the ledger once the notices are shown. */
  readonly notifiedKeys: string[];
}

type NotifiableKind =
  | 'session_failed'
  | 'job_recovered'
  | 'appliance_unhealthy'
  | 'missed_run'
  | 'overrun'
  | 'rpo_breached'
  | 'protection_restored'
  | 'object_breached'
  | 'object_restored';

/** The setting that switches each notifiable kind; other kinds never notify. */
const RULE_OF_KIND: Readonly<Record<NotifiableKind, keyof Omit<NotificationRules, 'digestThreshold'>>> = {
  session_failed: 'failure',
  job_recovered: 'recovery',
  appliance_unhealthy: 'applianceProblems',
  missed_run: 'missedRuns',
  overrun: 'overruns',
  rpo_breached: 'rpoBreaches',
  protection_restored: 'recovery',
  // An object without a restore point within its RPO is the same news as a job's, one level down.
  object_breached: 'rpoBreaches',
  object_restored: 'recovery',
};

type NotifiableEvent = Extract<ChangeEvent, { readonly kind: NotifiableKind }>;

function isNotifiable(kind: ChangeKind): kind is NotifiableKind {
  return kind in RULE_OF_KIND;
}

/** The job an event is about, for mutes; null for appliance events. */
function jobOf(event: ChangeEvent): string | null {
  const [applianceId, jobId] = scopeOf(event);
  return jobId === null ? null : jobKey(applianceId, jobId);
}

function applianceOf(event: ChangeEvent): string {
  return 'session' in event ? event.session.applianceId : event.applianceId;
}

function wanted(event: ChangeEvent, input: NotificationInput): event is NotifiableEvent {
  const { settings, ledger, now } = input;
  if (!isNotifiable(event.kind) || !settings.notifications[RULE_OF_KIND[event.kind]]) return false;
  if (ledger.has(event.key)) return false;
  // A machine protected again is news only to those who were told it was not.
  if (event.kind === 'object_restored' && !ledger.has(event.breachKey)) return false;
  const job = jobOf(event);
  const mute = job === null ? undefined : settings.mutedJobs[job];
  return mute === undefined || !isInEffect(mute.until, now);
}

/** True while the local time of day lies in the quiet window (which may wrap midnight). */
export function inQuietHours(quiet: Settings['quietHours'], minutesOfDay: number): boolean {
  const start = parseClock(quiet.start);
  const end = parseClock(quiet.end);
  if (!quiet.enabled || start === null || end === null || start === end) return false;
  return start < end ? minutesOfDay >= start && minutesOfDay < end : minutesOfDay >= start || minutesOfDay < end;
}

function isHolding(input: NotificationInput): boolean {
  const paused = input.settings.notificationsPausedUntil;
  if (paused !== null && isInEffect(paused, input.now)) return true;
  return inQuietHours(input.settings.quietHours, input.localMinutes(input.now));
}

/** Held and new events that should notify, without repeats; one appliance problem per appliance. */
function candidates(input: NotificationInput): NotifiableEvent[] {
  const byKey = new Map<string, NotifiableEvent>();
  // A breach still held whose machine is protected again is no longer news.
  const ended = new Set(input.events.flatMap((e) => (e.kind === 'object_restored' ? [e.breachKey] : [])));
  for (const e of [...input.held, ...input.events]) if (wanted(e, input) && !ended.has(e.key)) byKey.set(e.key, e);
  const latestProblem = new Map<string, string>();
  const restored = new Set<string>();
  for (const e of byKey.values()) {
    if (e.kind === 'appliance_unhealthy') latestProblem.set(e.applianceId, e.key);
    if (e.kind === 'protection_restored') restored.add(sessionKey(e.session));
  }
  // One success that both ends a failure and restores protection says so once, as the restoration.
  return [...byKey.values()].filter(
    (e) =>
      (e.kind !== 'appliance_unhealthy' || latestProblem.get(e.applianceId) === e.key) &&
      (e.kind !== 'job_recovered' || !restored.has(sessionKey(e.session))),
  );
}

/**
 * Decides the notifications of one round. Events of kinds switched off, of muted jobs, or whose
 * key is in the ledger are dropped. During quiet hours or a pause everything is held; when that
 * ends, what was held comes out as one digest (a single notice if it is just one event). Events
 * of what an open maintenance window covers are held the same way until it closes, or dropped
 * when `maintenanceNotices` says so. More than `digestThreshold` events in one round also become one digest.
 */
export function planNotifications(input: NotificationInput): NotificationPlan {
  const events = candidates(input);
  const allKeys = [...input.held, ...input.events].filter((e) => wanted(e, input)).map((e) => e.key);
  if (isHolding(input)) return { notices: [], held: events, notifiedKeys: [] };
  const { inWindow, held } = heldInMaintenance(events, input);
  const heldKeys = new Set(held.map((e) => e.key));
  const notifiedKeys = [...new Set(allKeys)].filter((key) => !heldKeys.has(key));
  const due = events.filter((e) => !inWindow.includes(e));
  if (due.length === 0) return { notices: [], held, notifiedKeys };
  const wasHeld = new Set(input.held.map((e) => e.key));
  const releasing = due.some((e) => wasHeld.has(e.key));
  const threshold = Math.max(1, input.settings.notifications.digestThreshold);
  const digest = due.length > 1 && (releasing || due.length > threshold);
  const dueKeys = notifiedKeys.filter((key) => !inWindow.some((e) => e.key === key));
  const notices = digest ? [digestNotice(due, dueKeys, input)] : due.map((e) => singleNotice(e, input));
  return { notices, held, notifiedKeys };
}

function clockOf(iso: string | null, input: NotificationInput): string | null {
  const ms = toMs(iso);
  return ms === null ? null : formatClock(input.localMinutes(ms));
}

function sessionTarget(session: Session): NoticeTarget {
  return { view: 'session', ref: { applianceId: session.applianceId, sessionId: session.id } };
}

const HEALTH_PHRASES: Readonly<Record<HealthState, string>> = {
  ok: 'is healthy',
  unreachable: 'is unreachable',
  auth_failed: 'refused the login',
  local_problem: 'cannot be signed in to from this computer',
  keychain_locked: 'waits for this computer’s keychain to be unlocked',
  untrusted_certificate: 'presents an untrusted certificate',
  error: 'reports an error',
};

/** Words for one event on its own. */
function singleNotice(event: NotifiableEvent, input: NotificationInput): Notice {
  const appliance = input.applianceName(applianceOf(event));
  const base = { kind: event.kind, keys: [event.key] };
  switch (event.kind) {
    case 'job_recovered': {
      const at = clockOf(event.session.end, input);
      return {
        ...base,
        title: `Backup recovered: ${event.session.jobName} on ${appliance}`,
        body: `Succeeded${at ? ` at ${at}` : ''} after an earlier failure.`,
        target: sessionTarget(event.session),
      };
    }
    case 'appliance_unhealthy': {
      const since = clockOf(event.health.lastGoodPoll, input);
      const lines = [event.health.message, since ? `Last good poll at ${since}.` : 'Never polled successfully.'];
      return {
        ...base,
        title: `${appliance} ${HEALTH_PHRASES[event.health.state]}`,
        body: lines.filter(Boolean).join('\n'),
        target: { view: 'appliance', applianceId: event.applianceId },
      };
    }
    case 'missed_run':
      return {
        ...base,
        title: `Missed run: ${event.job.name} on ${appliance}`,
        body: `It was due at ${clockOf(event.dueAt, input) ?? event.dueAt} and has not started.`,
        target: { view: 'appliance', applianceId: event.applianceId },
      };
    case 'overrun': {
      const elapsed = input.now - (toMs(event.session.start) ?? input.now);
      return {
        ...base,
        title: `Running long: ${event.session.jobName} on ${appliance}`,
        body: `Running for ${formatDuration(elapsed)}; it usually takes about ${formatDuration(event.medianMs)}.`,
        target: sessionTarget(event.session),
      };
    }
    case 'rpo_breached':
      return {
        ...base,
        title: `No successful backup within RPO: ${event.jobName} on ${appliance}`,
        body: `${event.lastSuccess === null ? 'It has never succeeded' : `Last success ${ageWords(event.lastSuccess, input.now)}`}; its RPO is ${formatRpo(event.rpoSec)}.`,
        target: { view: 'appliance', applianceId: event.applianceId },
      };
    case 'object_breached':
    case 'object_restored':
      return { ...base, ...objectNotice(event, appliance, input.now) };
    case 'protection_restored': {
      const at = clockOf(event.session.end, input);
      return {
        ...base,
        title: `Protection restored: ${event.session.jobName} on ${appliance}`,
        body: `Succeeded${at ? ` at ${at}` : ''}, within its RPO again.`,
        target: sessionTarget(event.session),
      };
    }
    case 'session_failed': {
      const { session } = event;
      const at = clockOf(session.end ?? session.start, input);
      return {
        ...base,
        title: `Backup failed: ${session.jobName} on ${appliance}`,
        body: [session.message || 'The appliance gave no reason.', at ? `Ended at ${at}.` : ''].filter(Boolean).join('\n'),
        target: sessionTarget(session),
      };
    }
  }
}

/** How a digest counts events of one kind: "4 jobs failed". */
const DIGEST_PHRASES: Readonly<Record<NotifiableKind, (n: number) => string>> = {
  session_failed: (n) => `${n} ${n === 1 ? 'job' : 'jobs'} failed`,
  job_recovered: (n) => `${n} ${n === 1 ? 'job' : 'jobs'} recovered`,
  appliance_unhealthy: (n) => `${n} appliance ${n === 1 ? 'problem' : 'problems'}`,
  missed_run: (n) => `${n} missed ${n === 1 ? 'run' : 'runs'}`,
  overrun: (n) => `${n} ${n === 1 ? 'session' : 'sessions'} running long`,
  rpo_breached: (n) => `${n} ${n === 1 ? 'job' : 'jobs'} at risk`,
  protection_restored: (n) => `${n} ${n === 1 ? 'job' : 'jobs'} protected again`,
  object_breached: (n) => `${n} ${n === 1 ? 'machine' : 'machines'} not protected`,
  object_restored: (n) => `${n} ${n === 1 ? 'machine' : 'machines'} protected again`,
};

/** Lines listed in a digest's body before "and N more". */
const DIGEST_LINES = 5;

function digestNotice(events: readonly NotifiableEvent[], keys: readonly string[], input: NotificationInput): Notice {
  const kinds = new Set(events.map((e) => e.kind));
  const appliances = [...new Set(events.map(applianceOf))];
  const [onlyKind] = kinds;
  const [onlyAppliance] = appliances;
  const where =
    appliances.length === 1 && onlyAppliance !== undefined ? input.applianceName(onlyAppliance) : `${appliances.length} appliances`;
  const what =
    kinds.size === 1 && onlyKind !== undefined
      ? DIGEST_PHRASES[onlyKind](events.length)
      : `${events.length} backup ${['job_recovered', 'protection_restored', 'object_restored'].some((k) => kinds.has(k as NotifiableKind)) ? 'events' : 'problems'}`;
  const lines = events.slice(0, DIGEST_LINES).map((e) => singleNotice(e, input).title);
  if (events.length > DIGEST_LINES) lines.push(`and ${events.length - DIGEST_LINES} more`);
  return {
    kind: 'digest',
    title: `${what} on ${where}`,
    body: lines.join('\n'),
    target: appliances.length === 1 && onlyAppliance !== undefined ? { view: 'appliance', applianceId: onlyAppliance } : null,
    keys,
  };
}
