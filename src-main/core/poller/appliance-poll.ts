/**
 * One poll of one appliance: the connector calls in order, the in-memory window of its sessions,
 * its health, and the change events against what the previous poll (or a restart's watermark) saw.
 */
import { clockAheadOf, describeBacklog, describeClockAhead } from '../../common/appliance-notes.js';
import { detectChanges } from '../../common/changes.js';
import { DAY_MS } from '../../common/compliance-ledger.js';
import type { Appliance, ApplianceHealth, Job, Session } from '../../common/model.js';
import { isActiveStatus } from '../../common/model.js';
import type { Settings } from '../../common/settings.js';
import type { ApplianceState, FleetState } from '../../common/snapshot.js';
import { sessionKey } from '../../common/snapshot.js';
import type { Connector, SessionCursor } from '../connectors/connector.js';
import { ConnectorError, isConnectorError } from '../http/errors.js';
import type { Logger } from '../logger.js';
import type { MonitorUpdate } from './monitor-types.js';
import { backfillStep, storedBackfill, withBackfill, type BackfillPosition } from './backfill.js';
import { hasStored, keepPoll, loadStored, RUNS_PER_JOB, type PollHistory } from './poll-history.js';
import { readSessions, VANISHED_MESSAGE } from './session-read.js';
import { objectReadDue, readObjectsInto, type ObjectWatch } from './object-read.js';

/** What polling an appliance needs from the monitor that runs it. */
export interface PollDeps {
  readonly now: () => number;
  readonly settings: () => Settings;
  readonly connect: (appliance: Appliance) => Connector;
  readonly log: Logger;
  /** Jobs (names, schedules) are re-read at most this often, ms. */
  readonly jobsRefreshMs: number;
  readonly watermark?: ((applianceId: string) => string | null) | undefined;
  /** The history database: what a restart resumes from; absent, history lives in memory only. */
  readonly history?: PollHistory | undefined;
}

/** One watched appliance: its connector, what it last reported, and its place in the poll loop. */
export interface Watched extends ObjectWatch {
  appliance: Appliance;
  connector: Connector;
  health: ApplianceHealth;
  jobs: Job[];
  jobsReadAt: number;
  sessions: Map<string, Session>;
  /** `sessions` as a list, made again only after they changed: readers tell "unchanged" by identity. */
  sessionList: readonly Session[] | null;
  cursor: SessionCursor | null;
  /** Sessions the appliance listed that were left for the next poll. */
  behind: number;
  /** Whether the log already said that this appliance's clock is far ahead. */
  clockNoted: boolean;
  /** How far the background read of older history got. */
  backfill: BackfillPosition;
  /** Whether the window opened with sessions from the history database. */
  restored: boolean;
  /** False until the first good poll of this process. */
  baselined: boolean;
  failures: number;
  dueAt: number;
  running: Promise<void> | null;
  abort: AbortController;
  /** Callers of `refreshNow` waiting for the next poll that starts. */
  waiting: (() => void)[];
}

/** How often a demo appliance is polled, seconds: idle, and while a run is active (progress moves smoothly). */
export const DEMO_POLLING = { idle: 5, active: 2 } as const;

/** Not polled by this process yet; the last good poll is what an earlier run remembered, if any. */
const notPolledYet = (lastGoodPoll: string | null): ApplianceHealth => ({ state: 'ok', message: '', lastGoodPoll, lastPoll: null });

function healthOf(error: unknown, previous: ApplianceHealth, at: string): ApplianceHealth {
  const base = { lastGoodPoll: previous.lastGoodPoll, lastPoll: at };
  if (!isConnectorError(error)) {
    return { ...base, state: 'error', message: `Unexpected error: ${(error as Error)?.message ?? String(error)}` };
  }
  switch (error.kind) {
    case 'unreachable':
      return { ...base, state: 'unreachable', message: error.message };
    case 'auth_failed':
      return { ...base, state: 'auth_failed', message: error.message };
    case 'local':
      return { ...base, state: 'local_problem', message: error.message };
    case 'keychain_locked':
      return { ...base, state: 'keychain_locked', message: error.message };
    case 'untrusted_certificate':
      return {
        ...base,
        state: 'untrusted_certificate',
        message: `${error.message} Polling is stopped until you trust the new certificate.`,
        ...(error.extra.certificate ? { presentedCertificate: error.extra.certificate } : {}),
      };
    default:
      return { ...base, state: 'error', message: error.message };
  }
}

/** Keeps the newest `limit` sessions by start time, the newest runs of every job, and every active one. */
function trimWindow(sessions: Map<string, Session>, limit: number): string[] {
  if (sessions.size <= limit) return [];
  const finished = [...sessions.values()].filter((s) => !isActiveStatus(s.status));
  finished.sort((a, b) => (b.start ?? '').localeCompare(a.start ?? ''));
  const room = limit - (sessions.size - finished.length);
  const runsOf = new Map<string, number>();
  const excess = finished.filter((s, index) => {
    const runs = (runsOf.get(s.jobId) ?? 0) + 1;
    runsOf.set(s.jobId, runs);
    return index >= room && runs > RUNS_PER_JOB;
  });
  for (const s of excess) sessions.delete(s.id);
  return excess.map((s) => sessionKey(s));
}

/** The previous state as it stood at `watermark`: sessions that ended or started later are "new". */
function stateAtWatermark(state: ApplianceState, watermark: string): ApplianceState {
  const sessions = state.sessions.filter((s) => (s.end ?? s.start ?? '') <= watermark && (s.start ?? '') <= watermark);
  return { ...state, sessions, health: { ...state.health, state: 'ok', message: '' } };
}

/** Starts watching an appliance; `previous` carries history over when only its settings changed. */
export function watch(deps: PollDeps, appliance: Appliance, previous?: Watched): Watched {
  const stored = previous ? null : loadStored(deps.history, deps.log, appliance, deps.settings().sessionWindow);
  // Until this process polls, the notes are what the history says: a backlog, a clock far ahead.
  const clockAheadMs = clockAheadOf(stored?.sessions ?? [], deps.now());
  const notes = { ...(stored?.behind ? { behind: stored.behind } : {}), ...(clockAheadMs === null ? {} : { clockAheadMs }) };
  return {
    appliance,
    connector: deps.connect(appliance),
    health: previous?.health ?? { ...notPolledYet(deps.watermark?.(appliance.id) ?? null), ...notes },
    jobs: previous?.jobs ?? [...(stored?.jobs ?? [])],
    jobsReadAt: 0,
    sessions: previous?.sessions ?? new Map(stored?.sessions.map((s) => [s.id, s])),
    sessionList: previous?.sessionList ?? null,
    cursor: previous?.cursor ?? stored?.cursor ?? null,
    behind: previous?.behind ?? stored?.behind ?? 0,
    clockNoted: previous?.clockNoted ?? false,
    backfill: previous?.backfill ?? storedBackfill(stored?.cursor),
    restored: previous?.restored ?? (stored?.sessions.length ?? 0) > 0,
    objects: previous?.objects,
    objectsDueAt: previous?.objectsDueAt ?? 0,
    baselined: previous?.baselined ?? false,
    failures: 0,
    dueAt: deps.now(),
    running: null,
    abort: new AbortController(),
    waiting: [],
  };
}

export function stateOf(w: Watched): ApplianceState {
  w.sessionList ??= [...w.sessions.values()];
  return { appliance: w.appliance, health: w.health, jobs: w.jobs, sessions: w.sessionList, ...(w.objects ? { objects: w.objects } : {}) };
}

/** Fast while a session of the appliance is active, its own or the global idle interval otherwise. */
export function pollIntervalMs(w: Watched, settings: Settings): number {
  // A backlog is read at the fast pace too, so a burst is caught up within a few polls.
  const hasActive = w.behind > 0 || [...w.sessions.values()].some((s) => isActiveStatus(s.status));
  // The demo's schedules are compressed: its appliances are polled at its pace, whatever the settings.
  const pace = w.appliance.demo
    ? DEMO_POLLING
    : { idle: w.appliance.options.pollIntervalSec ?? settings.pollIntervalSec, active: settings.activePollIntervalSec };
  return (hasActive ? Math.min(pace.idle, pace.active) : pace.idle) * 1000;
}

/** One poll of one appliance: the required connector calls, in order. */
async function fetchInto(deps: PollDeps, w: Watched, signal: AbortSignal): Promise<{ sessions: readonly Session[]; jobsRead: boolean }> {
  const { connector } = w;
  await connector.authenticate(signal);
  const jobsRead = deps.now() - w.jobsReadAt >= deps.jobsRefreshMs;
  if (jobsRead) {
    w.jobs = await connector.listJobs(signal);
    w.jobsReadAt = deps.now();
  }
  const { history } = deps;
  const seenBefore = history ? (id: string) => hasStored(history, w.appliance.id, id) : undefined;
  const read = await readSessions(
    connector,
    { sessions: w.sessions, cursor: w.cursor, ...(seenBefore ? { seenBefore } : {}) },
    deps.now,
    signal,
  );
  for (const id of read.vanished) deps.log.info(`${w.appliance.name}: active session ${id} is ${VANISHED_MESSAGE}; ended as unknown`);
  w.cursor = read.cursor;
  w.behind = read.behind;
  return { sessions: read.sessions, jobsRead };
}

/** One page of older history, after the first good poll and once caught up: for the window, or only for the database. */
async function readOlder(deps: PollDeps, w: Watched, settings: Settings): Promise<{ window: Session[]; storeOnly: Session[] }> {
  if (!w.baselined || w.behind > 0) return { window: [], storeOnly: [] };
  const keeping = { stored: deps.history !== undefined, keepFromMs: deps.now() - settings.historyRetentionDays * DAY_MS };
  const step = await backfillStep(
    { connector: w.connector, cursor: w.cursor, jobs: w.jobs, sessions: w.sessions, position: w.backfill },
    keeping,
    w.abort.signal,
  );
  w.backfill = step.position;
  if (!step.forWindow) return { window: [], storeOnly: step.older };
  for (const s of step.older) w.sessions.set(s.id, s);
  return { window: step.older, storeOnly: [] };
}

/** The health of a good poll, with what the admin should know even then: a backlog, a clock far ahead. */
function goodHealth(deps: PollDeps, w: Watched, at: string): ApplianceHealth {
  const clockAheadMs = clockAheadOf(w.sessions.values(), deps.now());
  if (clockAheadMs !== null && !w.clockNoted) deps.log.warn(`${w.appliance.name}: ${describeClockAhead(clockAheadMs)}`);
  w.clockNoted = clockAheadMs !== null;
  if (w.behind > 0) deps.log.info(`${w.appliance.name}: ${describeBacklog(w.behind)}`);
  return {
    state: 'ok',
    message: '',
    lastGoodPoll: at,
    lastPoll: at,
    ...(w.behind > 0 ? { behind: w.behind } : {}),
    ...(clockAheadMs === null ? {} : { clockAheadMs }),
  };
}

/**
 * What this round is compared with: the last state; on the first good poll, what the history held
 * (less what ended after this process's last good poll: another process may have stored it
 * without notifying), else the state at the restart watermark, else nothing (a silent baseline).
 */
function previousFor(deps: PollDeps, w: Watched, before: ApplianceState, after: ApplianceState): FleetState | null {
  const at = before.health.lastPoll ?? new Date(0).toISOString();
  if (w.baselined) return { at, appliances: [before] };
  if (after.health.state !== 'ok') return before.health.lastPoll ? { at, appliances: [before] } : null;
  const watermark = deps.watermark?.(w.appliance.id) ?? null;
  if (w.restored) return { at: watermark ?? at, appliances: [watermark ? stateAtWatermark(before, watermark) : before] };
  return watermark ? { at: watermark, appliances: [stateAtWatermark(after, watermark)] } : null;
}

/** Polls once and says what changed; null when the poll was canceled (the appliance was removed or changed). */
export async function pollOnce(deps: PollDeps, w: Watched): Promise<MonitorUpdate | null> {
  const settings = deps.settings();
  let before = stateOf(w);
  const startedAt = deps.now();
  const at = new Date(startedAt).toISOString();
  let changed: Session[] = [];
  let removed: string[] = [];
  let errorKind: MonitorUpdate['errorKind'] = null;
  let objectsRead = false;
  try {
    const { sessions, jobsRead } = await fetchInto(deps, w, w.abort.signal);
    changed = sessions.filter((s) => JSON.stringify(w.sessions.get(s.id)) !== JSON.stringify(s));
    for (const s of changed) w.sessions.set(s.id, s);
    objectsRead = objectReadDue(w, changed, deps.now());
    if (objectsRead) await readObjectsInto(w, deps, w.abort.signal);
    // Older history is no news: it joins the state this poll is compared with, and the window.
    const older = await readOlder(deps, w, settings);
    before = { ...before, sessions: [...before.sessions, ...older.window] };
    changed.push(...older.window);
    if (w.cursor) {
      const cursor = withBackfill(w.cursor, w.backfill);
      const kept = [...changed, ...older.storeOnly];
      keepPoll(deps.history, deps.log, w.appliance, { sessions: kept, ...(jobsRead ? { jobs: w.jobs } : {}), cursor, behind: w.behind });
    }
    removed = trimWindow(w.sessions, settings.sessionWindow);
    if (changed.length > 0 || removed.length > 0) w.sessionList = null;
    w.health = goodHealth(deps, w, at);
    w.failures = 0;
  } catch (error) {
    if (isConnectorError(error) && error.kind === 'canceled') return null;
    errorKind = isConnectorError(error) ? error.kind : 'unexpected';
    if (!isConnectorError(error)) deps.log.error(`Poll of ${w.appliance.name} failed unexpectedly`, { error: String(error) });
    // The system's own code (EAI_AGAIN, a certificate error...) is for the log; the health says it in words.
    else
      deps.log.info(`Poll of ${w.appliance.name} failed: ${error.message}`, {
        code: (error.cause as { code?: unknown } | undefined)?.code,
      });
    w.health = healthOf(error, w.health, at);
    w.failures += 1;
    if (error instanceof ConnectorError && error.kind === 'rate_limited' && error.extra.retryAfterMs) {
      w.dueAt = deps.now() + Math.min(error.extra.retryAfterMs, settings.maxBackoffSec * 1000); // "100 years" is no wait
    }
  }
  const after = stateOf(w);
  const changes = detectChanges(
    previousFor(deps, w, before, after),
    { at, appliances: [after] },
    { missedRunGraceMs: settings.missedRunGraceMin * 60_000, now: deps.now(), protection: settings },
  );
  if (w.health.state === 'ok') w.baselined = true;
  return {
    appliance: after,
    changes,
    changedSessions: changed,
    removedSessionKeys: removed,
    durationMs: deps.now() - startedAt,
    errorKind,
    ...(objectsRead ? { objectsRead } : {}),
  };
}
