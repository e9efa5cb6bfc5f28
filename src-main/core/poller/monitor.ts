/**
 * The poller: one loop for every appliance, bounded concurrency, an interval per appliance
 * (fast while a session is active, back-off with jitter on failures), "refresh now", a clean stop.
 * What one poll of one appliance does is in appliance-poll.ts; this file decides when it runs.
 */
import { backoffDelayMs } from '../../common/backoff.js';
import { Emitter } from '../../common/event.js';
import type { Appliance } from '../../common/model.js';
import type { FleetState } from '../../common/snapshot.js';
import { pollIntervalMs, pollOnce, stateOf, watch, type PollDeps, type Watched } from './appliance-poll.js';
import type { Connector } from '../connectors/connector.js';
import { listenerFailure, type Logger } from '../logger.js';
import type { Monitor, MonitorUpdate } from './monitor-types.js';
import type { PollHistory } from './poll-history.js';
import type { Scheduler, TimerHandle } from './scheduler.js';
import { realScheduler } from './scheduler.js';
import type { Settings } from '../../common/settings.js';
import { objectBreachChanges, type ObjectBreaches } from '../../common/object-changes.js';
import { cachedObjectJudge, type ObjectJudge } from '../../common/object-status.js';

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
  /** The history database a restart resumes from (sessions, jobs, read positions). */
  readonly history?: PollHistory;
  /** The objects' judge the monitor's news shares with the status and the server (its own by default). */
  readonly judgeObjects?: ObjectJudge;
}

/** Brings the watched set in line with the configured appliances; a changed one starts afresh. */
function reconcile(deps: PollDeps, watched: Map<string, Watched>, appliances: readonly Appliance[]): void {
  const ids = new Set(appliances.map((a) => a.id));
  for (const [id, w] of watched) {
    if (ids.has(id)) continue;
    w.abort.abort();
    void w.connector.close();
    watched.delete(id);
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
    const next = watch(deps, appliance, sameTarget ? current : undefined);
    if (current?.health.state === 'untrusted_certificate') next.health = { ...current.health, state: 'ok', message: '' };
    watched.set(appliance.id, next);
  }
}

/** Polling stays stopped for an untrusted certificate until the admin trusts it. */
function pollableNow(w: Watched): boolean {
  return w.appliance.enabled && w.health.state !== 'untrusted_certificate';
}

/** The shortest time between two judgements of the fleet's objects for news, ms. */
const OBJECT_JUDGEMENT_GAP_MS = 60_000;

/**
 * After a poll that read objects, the fleet's objects judged again: breaches that are new join that
 * poll's changes. Only once every watched appliance that lists objects has tried a read (or failed
 * its poll): a VM one appliance backs up is not "unprotected" because another's inventory came first.
 */
function objectNews(
  deps: PollDeps,
  watched: ReadonlyMap<string, Watched>,
  judgeObjects: ObjectJudge,
): (update: MonitorUpdate) => MonitorUpdate {
  let breaches: ObjectBreaches | null = null;
  let judgedAt = Number.NEGATIVE_INFINITY;
  return (update) => {
    // Reads that end close together share one judgement and one round of news.
    if (!update.objectsRead || deps.now() - judgedAt < OBJECT_JUDGEMENT_GAP_MS) return update;
    const pending = [...watched.values()].some(
      (w) => pollableNow(w) && w.connector.readObjects !== undefined && w.objects === undefined && w.health.state === 'ok',
    );
    if (pending) return update;
    judgedAt = deps.now();
    const fleet = { at: new Date(deps.now()).toISOString(), appliances: [...watched.values()].map(stateOf) };
    const judged = judgeObjects(fleet, deps.settings(), deps.now());
    if (judged === null) return update;
    const news = objectBreachChanges(breaches, judged);
    breaches = news.breaches;
    return news.events.length === 0 ? update : { ...update, changes: [...update.changes, ...news.events] };
  };
}

/** When each watched appliance polls next: due times, the concurrency bound and the one sleep timer. */
class PollLoop {
  started = false;
  private timer: TimerHandle | null = null;
  private inFlight = 0;

  constructor(
    private readonly deps: PollDeps,
    readonly watched: Map<string, Watched>,
    private readonly updates: Emitter<MonitorUpdate>,
    private readonly withObjectNews: (update: MonitorUpdate) => MonitorUpdate,
    private readonly scheduler: Scheduler,
    private readonly concurrency: number,
  ) {}

  private schedule(w: Watched): void {
    const settings = this.deps.settings();
    const interval = pollIntervalMs(w, settings);
    const delay = w.failures > 0 ? backoffDelayMs(w.failures, { baseMs: interval, capMs: settings.maxBackoffSec * 1000 }) : interval;
    w.dueAt = w.waiting.length > 0 ? this.deps.now() : Math.max(w.dueAt, this.deps.now() + delay);
  }

  private run(w: Watched): void {
    this.inFlight += 1;
    const waiting = w.waiting.splice(0);
    w.running = pollOnce(this.deps, w)
      .then((update) => {
        if (update) this.updates.fire(this.withObjectNews(update));
      })
      .catch((error: unknown) => this.deps.log.error(`Poll loop error for ${w.appliance.name}`, { error: String(error) }))
      .finally(() => {
        this.inFlight -= 1;
        w.running = null;
        for (const resolve of waiting) resolve();
        if (this.watched.get(w.appliance.id) === w) this.schedule(w);
        this.tick();
      });
  }

  /** Starts what is due, within the concurrency bound, and sleeps until the next due time. */
  tick(): void {
    this.clearTimer();
    const t = this.deps.now();
    const idle = [...this.watched.values()].filter((w) => !w.running && pollableNow(w) && (this.started || w.waiting.length > 0));
    const due = idle.filter((w) => w.dueAt <= t).sort((a, b) => a.dueAt - b.dueAt);
    for (const w of due.slice(0, Math.max(0, this.concurrency - this.inFlight))) this.run(w);
    const waiting = idle.filter((w) => !w.running);
    if (waiting.length === 0) return;
    const next = Math.min(...waiting.map((w) => w.dueAt));
    const sleepMs = Math.max(this.inFlight >= this.concurrency ? 50 : 0, Math.min(next - this.deps.now(), 60_000));
    this.timer = this.scheduler.setTimeout(() => this.tick(), sleepMs);
  }

  clearTimer(): void {
    if (this.timer !== null) this.scheduler.clearTimeout(this.timer);
    this.timer = null;
  }
}

export function createMonitor(options: MonitorOptions): Monitor {
  const now = options.now ?? Date.now;
  const deps: PollDeps = { ...options, now, jobsRefreshMs: options.jobsRefreshMs ?? 5 * 60_000 };
  // A listener that throws is logged and the others still hear: the ledger is never skipped for it.
  const updates = new Emitter<MonitorUpdate>({ onListenerError: listenerFailure(options.log, 'poll updates') });
  const watched = new Map<string, Watched>();
  const loop = new PollLoop(
    deps,
    watched,
    updates,
    objectNews(deps, watched, options.judgeObjects ?? cachedObjectJudge()),
    options.scheduler ?? realScheduler,
    options.concurrency ?? 16,
  );

  reconcile(deps, watched, options.appliances);

  return {
    start() {
      loop.started = true;
      loop.tick();
    },
    async stop() {
      loop.started = false;
      loop.clearTimer();
      for (const w of watched.values()) w.abort.abort();
      await Promise.allSettled([...watched.values()].map((w) => w.running));
      await Promise.allSettled([...watched.values()].map((w) => w.connector.close()));
    },
    async refreshNow(applianceId) {
      const targets = [...watched.values()].filter((w) => (!applianceId || w.appliance.id === applianceId) && pollableNow(w));
      const done = targets.map(
        (w) =>
          new Promise<void>((resolve) => {
            w.waiting.push(resolve);
            if (!w.running) w.dueAt = 0;
          }),
      );
      loop.tick();
      await Promise.all(done);
    },
    setAppliances(appliances) {
      reconcile(deps, watched, appliances);
      loop.tick();
    },
    fleet: (): FleetState => ({ at: new Date(now()).toISOString(), appliances: [...watched.values()].map(stateOf) }),
    connector: (id): Connector | undefined => watched.get(id)?.connector,
    onUpdate: updates.event,
  };
}
