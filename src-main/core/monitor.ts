/**
 * The poller: one loop for every appliance, bounded concurrency, an interval per appliance
 * (fast while a session is active, back-off with jitter on failures), "refresh now", a clean stop.
 * It keeps each appliance's recent sessions in memory (a bounded window) and reports every poll
 * round with the change events of that appliance.
 */
import { backoffDelayMs } from '../common/backoff.js';
import { detectChanges } from '../common/changes.js';
import type { Appliance, ApplianceHealth, Job, Session } from '../common/model.js';
import { isActiveStatus } from '../common/model.js';
import type { Settings } from '../common/settings.js';
import type { ApplianceState, FleetState } from '../common/snapshot.js';
import { sessionKey } from '../common/snapshot.js';
import type { Connector, SessionCursor } from './connectors/connector.js';
import { ConnectorError, isConnectorError } from './http/errors.js';
import type { Logger } from './logger.js';
import type { Monitor, MonitorUpdate } from './monitor-types.js';
import type { Scheduler, TimerHandle } from './scheduler.js';
import { readSessions, VANISHED_MESSAGE } from './session-read.js';
import { realScheduler } from './scheduler.js';

export interface MonitorOptions {
  readonly appliances: readonly Appliance[];
  /** Current settings (read at every scheduling decision, so changes apply without a restart). */
  readonly settings: () => Settings;
  /** Builds the connector of an appliance; may throw for an unknown vendor. */
  readonly connect: (appliance: Appliance) => Connector;
  readonly log: Logger;
  /** The clock, epoch ms (default `Date.now`). */
  readonly now?: () => number;
  /** The timers the poll loop sleeps on (default the real ones); tests pass a fake moved with `now`. */
  readonly scheduler?: Scheduler;
  /** Appliances polled at the same time (default 16). */
  readonly concurrency?: number;
  /** Jobs (names, schedules) are re-read at most this often, ms (default 5 min). */
  readonly jobsRefreshMs?: number;
  /**
   * Time of this appliance's last good poll in an earlier run, if any: sessions that ended after it
   * are reported as news on the first poll; without it, the first poll is a silent baseline.
   */
  readonly watermark?: (applianceId: string) => string | null;
}

interface Watched {
  appliance: Appliance;
  connector: Connector;
  health: ApplianceHealth;
  jobs: Job[];
  jobsReadAt: number;
  sessions: Map<string, Session>;
  cursor: SessionCursor | null;
  /** False until the first good poll of this process. */
  baselined: boolean;
  failures: number;
  dueAt: number;
  running: Promise<void> | null;
  abort: AbortController;
  /** Callers of `refreshNow` waiting for the next poll that starts. */
  waiting: (() => void)[];
}

const NEVER_POLLED: ApplianceHealth = { state: 'ok', message: '', lastGoodPoll: null, lastPoll: null };

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

/** Keeps the newest `limit` sessions by start time, and every active one. */
function trimWindow(sessions: Map<string, Session>, limit: number): string[] {
  if (sessions.size <= limit) return [];
  const finished = [...sessions.values()].filter((s) => !isActiveStatus(s.status));
  finished.sort((a, b) => (a.start ?? '').localeCompare(b.start ?? ''));
  const excess = finished.slice(0, sessions.size - limit);
  for (const s of excess) sessions.delete(s.id);
  return excess.map((s) => sessionKey(s));
}

/** The previous state as it stood at `watermark`: sessions that ended or started later are "new". */
function stateAtWatermark(state: ApplianceState, watermark: string): ApplianceState {
  const sessions = state.sessions.filter((s) => (s.end ?? s.start ?? '') <= watermark && (s.start ?? '') <= watermark);
  return { ...state, sessions, health: { ...state.health, state: 'ok', message: '' } };
}

export function createMonitor(options: MonitorOptions): Monitor {
  const now = options.now ?? Date.now;
  const scheduler = options.scheduler ?? realScheduler;
  const concurrency = options.concurrency ?? 16;
  const jobsRefreshMs = options.jobsRefreshMs ?? 5 * 60_000;
  const listeners = new Set<(update: MonitorUpdate) => void>();
  const watched = new Map<string, Watched>();
  let started = false;
  let timer: TimerHandle | null = null;
  let inFlight = 0;

  function watch(appliance: Appliance, previous?: Watched): Watched {
    return {
      appliance,
      connector: options.connect(appliance),
      health: previous?.health ?? NEVER_POLLED,
      jobs: previous?.jobs ?? [],
      jobsReadAt: 0,
      sessions: previous?.sessions ?? new Map(),
      cursor: previous?.cursor ?? null,
      baselined: previous?.baselined ?? false,
      failures: 0,
      dueAt: now(),
      running: null,
      abort: new AbortController(),
      waiting: [],
    };
  }

  function stateOf(w: Watched): ApplianceState {
    return { appliance: w.appliance, health: w.health, jobs: w.jobs, sessions: [...w.sessions.values()] };
  }

  function fleet(): FleetState {
    return { at: new Date(now()).toISOString(), appliances: [...watched.values()].map(stateOf) };
  }

  function pollIntervalMs(w: Watched): number {
    const settings = options.settings();
    const hasActive = [...w.sessions.values()].some((s) => isActiveStatus(s.status));
    const idle = w.appliance.options.pollIntervalSec ?? settings.pollIntervalSec;
    return (hasActive ? Math.min(idle, settings.activePollIntervalSec) : idle) * 1000;
  }

  /** One poll of one appliance: the required connector calls, in order. */
  async function fetchInto(w: Watched, signal: AbortSignal): Promise<readonly Session[]> {
    const { connector } = w;
    await connector.authenticate(signal);
    if (now() - w.jobsReadAt >= jobsRefreshMs) {
      w.jobs = await connector.listJobs(signal);
      w.jobsReadAt = now();
    }
    const read = await readSessions(connector, w, now, signal);
    for (const id of read.vanished) options.log.info(`${w.appliance.name}: active session ${id} is ${VANISHED_MESSAGE}; ended as unknown`);
    w.cursor = read.cursor;
    return read.sessions;
  }

  async function poll(w: Watched): Promise<void> {
    const settings = options.settings();
    const before = stateOf(w);
    const startedAt = now();
    const at = new Date(startedAt).toISOString();
    let changed: Session[] = [];
    let removed: string[] = [];
    let errorKind: MonitorUpdate['errorKind'] = null;
    try {
      const sessions = await fetchInto(w, w.abort.signal);
      changed = sessions.filter((s) => JSON.stringify(w.sessions.get(s.id)) !== JSON.stringify(s));
      for (const s of changed) w.sessions.set(s.id, s);
      removed = trimWindow(w.sessions, settings.sessionWindow);
      w.health = { state: 'ok', message: '', lastGoodPoll: at, lastPoll: at };
      w.failures = 0;
    } catch (error) {
      if (isConnectorError(error) && error.kind === 'canceled') return;
      errorKind = isConnectorError(error) ? error.kind : 'unexpected';
      if (!isConnectorError(error)) options.log.error(`Poll of ${w.appliance.name} failed unexpectedly`, { error: String(error) });
      w.health = healthOf(error, w.health, at);
      w.failures += 1;
      if (error instanceof ConnectorError && error.kind === 'rate_limited' && error.extra.retryAfterMs) {
        w.dueAt = now() + error.extra.retryAfterMs;
      }
    }
    const after = stateOf(w);
    const prev = previousFor(w, before, after);
    const changes = detectChanges(
      prev,
      { at, appliances: [after] },
      { missedRunGraceMs: settings.missedRunGraceMin * 60_000, now: now(), protection: settings },
    );
    if (w.health.state === 'ok') w.baselined = true;
    const update: MonitorUpdate = {
      appliance: after,
      changes,
      changedSessions: changed,
      removedSessionKeys: removed,
      durationMs: now() - startedAt,
      errorKind,
    };
    for (const listener of listeners) listener(update);
  }

  /** What this round is compared with: the last state, or on the first good poll a baseline. */
  function previousFor(w: Watched, before: ApplianceState, after: ApplianceState): FleetState | null {
    const at = before.health.lastPoll ?? new Date(0).toISOString();
    if (w.baselined) return { at, appliances: [before] };
    if (after.health.state !== 'ok') return before.health.lastPoll ? { at, appliances: [before] } : null;
    const watermark = options.watermark?.(w.appliance.id) ?? null;
    return watermark ? { at: watermark, appliances: [stateAtWatermark(after, watermark)] } : null;
  }

  function schedule(w: Watched): void {
    const settings = options.settings();
    const interval = pollIntervalMs(w);
    const delay = w.failures > 0 ? backoffDelayMs(w.failures, { baseMs: interval, capMs: settings.maxBackoffSec * 1000 }) : interval;
    w.dueAt = w.waiting.length > 0 ? now() : Math.max(w.dueAt, now() + delay);
  }

  function run(w: Watched): Promise<void> {
    if (w.running) return w.running;
    inFlight += 1;
    const waiting = w.waiting.splice(0);
    w.running = poll(w)
      .catch((error: unknown) => options.log.error(`Poll loop error for ${w.appliance.name}`, { error: String(error) }))
      .finally(() => {
        inFlight -= 1;
        w.running = null;
        for (const resolve of waiting) resolve();
        if (watched.get(w.appliance.id) === w) schedule(w);
        tick();
      });
    return w.running;
  }

  /** Starts what is due, within the concurrency bound, and sleeps until the next due time. */
  function pollable(w: Watched): boolean {
    return w.appliance.enabled && w.health.state !== 'untrusted_certificate' && (started || w.waiting.length > 0);
  }

  function tick(): void {
    if (timer !== null) scheduler.clearTimeout(timer);
    timer = null;
    const t = now();
    const due = [...watched.values()].filter((w) => !w.running && pollable(w) && w.dueAt <= t).sort((a, b) => a.dueAt - b.dueAt);
    for (const w of due.slice(0, Math.max(0, concurrency - inFlight))) void run(w);
    const waiting = [...watched.values()].filter((w) => !w.running && pollable(w));
    if (waiting.length === 0) return;
    const next = Math.min(...waiting.map((w) => w.dueAt));
    timer = scheduler.setTimeout(tick, Math.max(inFlight >= concurrency ? 50 : 0, Math.min(next - now(), 60_000)));
  }

  function setAppliances(appliances: readonly Appliance[]): void {
    const ids = new Set(appliances.map((a) => a.id));
    for (const [id, w] of watched) {
      if (!ids.has(id)) {
        w.abort.abort();
        void w.connector.close();
        watched.delete(id);
      }
    }
    for (const appliance of appliances) {
      const current = watched.get(appliance.id);
      if (current && JSON.stringify(current.appliance) === JSON.stringify(appliance)) continue;
      if (current) {
        current.abort.abort();
        void current.connector.close();
      }
      // Same place, new settings (e.g. a newly trusted certificate): keep history, poll again now.
      const sameTarget = current && current.appliance.baseUrl === appliance.baseUrl && current.appliance.vendor === appliance.vendor;
      const next = watch(appliance, sameTarget ? current : undefined);
      if (current?.health.state === 'untrusted_certificate') next.health = { ...current.health, state: 'ok', message: '' };
      watched.set(appliance.id, next);
    }
    tick();
  }

  for (const appliance of options.appliances) watched.set(appliance.id, watch(appliance));

  return {
    start() {
      started = true;
      tick();
    },
    async stop() {
      started = false;
      if (timer !== null) scheduler.clearTimeout(timer);
      timer = null;
      for (const w of watched.values()) w.abort.abort();
      await Promise.allSettled([...watched.values()].map((w) => w.running));
      await Promise.allSettled([...watched.values()].map((w) => w.connector.close()));
    },
    async refreshNow(applianceId) {
      // Polling stays stopped for an untrusted certificate until the admin trusts it.
      const targets = [...watched.values()].filter(
        (w) => (!applianceId || w.appliance.id === applianceId) && w.appliance.enabled && w.health.state !== 'untrusted_certificate',
      );
      const done = targets.map(
        (w) =>
          new Promise<void>((resolve) => {
            w.waiting.push(resolve);
            if (!w.running) w.dueAt = 0;
          }),
      );
      tick();
      await Promise.all(done);
    },
    setAppliances,
    fleet,
    connector: (id) => watched.get(id)?.connector,
    onUpdate(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
