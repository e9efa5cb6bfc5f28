/**
 * A vendor-neutral, deterministic scenario engine for the appliance simulators.
 *
 * Jobs fire on interval schedules; each fire creates a session that queues, runs with advancing
 * progress and ends succeeded / warning / failed / canceled. Every random choice comes from a
 * PRNG seeded by (scenario seed, session sequence number), so the same seed and the same clock
 * give the same sessions whatever order or how often they are read. State is brought up to date
 * lazily on every read: no timers, nothing to stop.
 *
 * Each vendor simulator renders these sessions in its own shape (SPP job sessions, VB365 job
 * sessions, VCSA backup jobs); nothing here knows a vendor word.
 */
import { seededRandom } from './https-simulator.js';

/** How a finished session ended. */
export type RunOutcome = 'succeeded' | 'warning' | 'failed' | 'canceled';

/** Where a session is in its life. */
export type RunState = 'queued' | 'running' | RunOutcome;

/** What a job looks like when the scenario is created. */
export interface ScenarioJobSpec {
  readonly id: string;
  readonly name: string;
  /** Free vendor-level type words, e.g. `protection` / `vmware`; the engine only carries them. */
  readonly type: string;
  readonly subType?: string;
  /** Time between scheduled runs, ms. */
  readonly intervalMs: number;
  /** Phase of the schedule: runs fire at `offsetMs + k * intervalMs` (epoch ms). Default 0. */
  readonly offsetMs?: number;
  /** Typical run time, ms; each run takes 70 %..130 % of it. */
  readonly durationMs: number;
  /** Time a session stays queued before it runs, ms. Default 0. */
  readonly queueMs?: number;
  /** Names of the objects one run processes (VMs, databases, mailboxes...). At least one. */
  readonly resources: readonly string[];
  /** Typical bytes one resource transfers. Default 8 GiB. */
  readonly bytesPerResource?: number;
  /** Probability of each bad outcome per run (the rest succeeds). Default all 0. */
  readonly outcomes?: Partial<Readonly<Record<Exclude<RunOutcome, 'succeeded'>, number>>>;
  /** False: no scheduled runs (`nextRunAt` is null); `startRun` still works. Default true. */
  readonly enabled?: boolean;
  /**
   * History only: the job's one run in the history succeeded this long ago (real time, never
   * compressed), and it takes no part in the recent history, as a job past its RPO.
   */
  readonly lastRunAgoMs?: number;
}

/** One finished session `injectSessions` adds. */
export interface InjectedSession {
  readonly jobId: string;
  /** Epoch ms on the appliance's clock (may lie far in the past or the future). */
  readonly createdAt: number;
  readonly outcome: RunOutcome;
  /** How long it ran, ms (default one minute). */
  readonly runMs?: number;
}

/** How `startRun` starts a run. */
export interface RunStart {
  /** False: the run counts as one the schedule started (the demo opens on one). Default true. */
  readonly manual?: boolean;
  /** The run ends (or, failing, stops) this long from now, instead of after a drawn duration. */
  readonly endsInMs?: number;
}

/** A job as the simulators read it. */
export interface ScenarioJob extends ScenarioJobSpec {
  /** Epoch ms of the next scheduled fire, null when disabled. */
  readonly nextRunAt: number | null;
  /** The job's latest finished session, if any. */
  readonly lastFinished: ScenarioSession | null;
  /** Sessions of this job that have not ended (usually zero or one). */
  readonly activeCount: number;
}

/** One run of a job. Objects are updated in place as time passes; treat them as read-only. */
export interface ScenarioSession {
  /** Monotonic sequence number: sessions sorted by `seq` are sorted by `createdAt`. */
  readonly seq: number;
  /** Rendered by `ScenarioOptions.formatId` (default: the sequence number as text). */
  readonly id: string;
  readonly jobId: string;
  readonly jobName: string;
  readonly type: string;
  readonly subType: string | undefined;
  readonly state: RunState;
  /** Epoch ms the session was created (queued). Vendors call this "start". */
  readonly createdAt: number;
  /** Epoch ms it began running; null while queued. */
  readonly startedAt: number | null;
  /** Epoch ms it ended; null while active. */
  readonly endedAt: number | null;
  /** 0..1. Frozen at the point of failure or cancel. */
  readonly progress: number;
  /** Objects fully processed so far. */
  readonly processed: number;
  /** Objects this run processes (`resources.length`). */
  readonly total: number;
  readonly resources: readonly string[];
  readonly bytesPerResource: number;
  /** Why it failed / warned / was canceled; null otherwise. */
  readonly message: string | null;
  /** True for a run started by `startRun` rather than the schedule. */
  readonly manual: boolean;
}

/** Where one resource of a session stands (derived, never stored). */
export interface ScenarioResource {
  readonly name: string;
  /** Index in the session's resources. */
  readonly index: number;
  readonly state: 'pending' | RunState;
  /** 0..1 */
  readonly fraction: number;
  readonly bytes: number;
  /** Epoch ms; null while pending. */
  readonly startedAt: number | null;
  readonly endedAt: number | null;
}

export type ScenarioLogLevel = 'info' | 'warning' | 'error' | 'summary';

/** One line of a session's log (derived, never stored, so history costs nothing). */
export interface ScenarioLogEntry {
  /** Epoch ms. */
  readonly time: number;
  readonly level: ScenarioLogLevel;
  readonly message: string;
}

export interface ScenarioOptions {
  readonly jobs: readonly ScenarioJobSpec[];
  /** Epoch ms; default `Date.now`. `advance()` adds to it. */
  readonly now?: () => number;
  /** PRNG seed; default 1. */
  readonly seed?: number;
  /** Turns a sequence number into the vendor's session id (must be unique). */
  readonly formatId?: (seq: number, createdAt: number) => string;
}

export interface Scenario {
  /** Scenario time, epoch ms: the injected clock plus everything `advance()` added. */
  now(): number;
  /** Moves scenario time forward and processes what happened meanwhile. */
  advance(ms: number): void;
  /**
   * The appliance's own clock: scenario time plus the clock offset. Sessions are dated by it, and
   * the simulators send it as their `Date` header.
   */
  applianceNow(): number;
  /** Sets how far the appliance's clock is ahead of scenario time (negative: behind), ms. */
  setClockOffset(ms: number): void;
  /**
   * Adds finished sessions as they would appear at once (an imported catalog, a burst while
   * nobody polled), each dated as given on the appliance's clock; sessions stay sorted by `createdAt`.
   */
  injectSessions(specs: readonly InjectedSession[]): ScenarioSession[];
  jobs(): readonly ScenarioJob[];
  job(jobId: string): ScenarioJob | undefined;
  /** All sessions, oldest first (sorted by `createdAt`). The array is live: do not mutate. */
  sessions(): readonly ScenarioSession[];
  /** Sessions not yet ended, oldest first. O(active). */
  activeSessions(): readonly ScenarioSession[];
  session(id: string): ScenarioSession | undefined;
  /** Index in `sessions()` of the first session created at or after `createdAt` (binary search). */
  indexAtOrAfter(createdAt: number): number;
  /**
   * Pre-fills `count` finished sessions before now, spread over the jobs (10,000 in a few ms); a
   * job with `lastRunAgoMs` gets its one session there, and the others share the rest.
   * Only valid before any session exists; throws otherwise.
   */
  generateHistory(count: number): void;
  /** Starts a run of a job now, manual unless told (queued first if the job has `queueMs`). */
  startRun(jobId: string, start?: RunStart): ScenarioSession;
  /** Ends an active session now with `outcome`; no-op on a finished one. */
  finishRun(sessionId: string, outcome: RunOutcome): void;
  /**
   * Deletes a session, as an admin (or the appliance's history clean-up) does: it leaves every list
   * and lookup, so its own URL answers 404. False when there is no such session.
   */
  deleteSession(sessionId: string): boolean;
  /** The job's next created session will end `failed` (or `outcome`). */
  failNext(jobId: string, outcome?: Exclude<RunOutcome, 'succeeded'>): void;
  /** Per-resource state of a session. */
  resourcesOf(session: ScenarioSession): ScenarioResource[];
  /** The log lines of a session up to now. */
  logOf(session: ScenarioSession): ScenarioLogEntry[];
}

const DEFAULT_BYTES_PER_RESOURCE = 8 * 1024 ** 3;
const FAILURE_REASONS = [
  'snapshot creation timed out',
  'the storage target is out of space',
  'the connection to the proxy was lost',
  'the guest file system could not be quiesced',
];

type MutableSession = { -readonly [K in keyof ScenarioSession]: ScenarioSession[K] };

/** The fate drawn when a session is created: how long it runs and how it ends. */
interface Plan {
  readonly runMs: number;
  readonly outcome: RunOutcome;
  /** Fraction at which a failed/canceled run stops. */
  readonly stopAt: number;
  readonly reason: string;
}

interface JobRuntime {
  readonly spec: ScenarioJobSpec;
  nextRunAt: number | null;
  lastFinished: MutableSession | null;
  activeCount: number;
  forced: Exclude<RunOutcome, 'succeeded'> | null;
}

/** Creates a scenario. See {@link Scenario}. */
export function createScenario(options: ScenarioOptions): Scenario {
  const clock = options.now ?? Date.now;
  const seed = options.seed ?? 1;
  const formatId = options.formatId ?? ((seq: number) => String(seq));
  let skew = 0;
  let clockOffset = 0;
  let seq = 0;
  const all: MutableSession[] = [];
  const byId = new Map<string, MutableSession>();
  const active = new Map<string, MutableSession>();
  const plans = new Map<MutableSession, Plan>();
  const runtimes = new Map<string, JobRuntime>();
  const now = (): number => clock() + skew;
  /** Scenario time `t` on the appliance's clock: every session time is on it. */
  const local = (t: number): number => t + clockOffset;

  for (const spec of options.jobs) {
    if (spec.resources.length === 0) throw new Error(`job ${spec.id} has no resources`);
    runtimes.set(spec.id, { spec, nextRunAt: null, lastFinished: null, activeCount: 0, forced: null });
  }
  for (const rt of runtimes.values()) rt.nextRunAt = nextFire(rt.spec, now());

  const rngFor = (n: number): (() => number) => seededRandom(Math.imul(seed, 0x9e3779b1) ^ Math.imul(n, 0x85ebca6b));

  function drawPlan(rt: JobRuntime, n: number): Plan {
    const rng = rngFor(n);
    const runMs = Math.round(rt.spec.durationMs * (0.7 + 0.6 * rng()));
    const roll = rng();
    let outcome: RunOutcome = 'succeeded';
    let acc = 0;
    for (const o of ['failed', 'warning', 'canceled'] as const) {
      acc += rt.spec.outcomes?.[o] ?? 0;
      if (roll < acc) {
        outcome = o;
        break;
      }
    }
    if (rt.forced) {
      outcome = rt.forced;
      rt.forced = null;
    }
    const stopAt = 0.2 + 0.6 * rng();
    const reason = FAILURE_REASONS[Math.floor(rng() * FAILURE_REASONS.length)] ?? 'unknown error';
    return { runMs, outcome, stopAt, reason };
  }

  function create(rt: JobRuntime, createdAt: number, manual: boolean, endsInMs?: number): MutableSession {
    const n = ++seq;
    const s: MutableSession = {
      seq: n,
      id: formatId(n, createdAt),
      jobId: rt.spec.id,
      jobName: rt.spec.name,
      type: rt.spec.type,
      subType: rt.spec.subType,
      state: 'queued',
      createdAt,
      startedAt: null,
      endedAt: null,
      progress: 0,
      processed: 0,
      total: rt.spec.resources.length,
      resources: rt.spec.resources,
      bytesPerResource: rt.spec.bytesPerResource ?? DEFAULT_BYTES_PER_RESOURCE,
      message: null,
      manual,
    };
    const plan = drawPlan(rt, n);
    plans.set(s, endsInMs === undefined ? plan : timedPlan(plan, endsInMs - (rt.spec.queueMs ?? 0)));
    all.splice(insertionIndex(createdAt), 0, s);
    byId.set(s.id, s);
    active.set(s.id, s);
    rt.activeCount++;
    return s;
  }

  function end(s: MutableSession, outcome: RunOutcome, at: number): void {
    const plan = plans.get(s);
    s.state = outcome;
    s.endedAt = at;
    s.startedAt ??= at;
    if (outcome === 'succeeded' || outcome === 'warning') s.progress = 1;
    s.processed = Math.floor(s.progress * s.total);
    const reason = plan?.reason ?? 'stopped by the test';
    s.message =
      outcome === 'failed'
        ? `${s.resources[stoppedIndex(s)] ?? ''}: ${reason}`
        : outcome === 'warning'
          ? `${s.resources[warnedIndex(s, seed)] ?? ''}: completed with warnings (${reason})`
          : outcome === 'canceled'
            ? 'canceled by the administrator'
            : null;
    plans.delete(s);
    active.delete(s.id);
    const rt = runtimes.get(s.jobId);
    if (rt) {
      rt.activeCount--;
      if (!rt.lastFinished || rt.lastFinished.createdAt <= s.createdAt) rt.lastFinished = s;
    }
  }

  /** Moves one active session to time `t`. */
  function step(s: MutableSession, t: number): void {
    const plan = plans.get(s);
    const rt = runtimes.get(s.jobId);
    if (!plan || !rt) return;
    if (s.startedAt === null) {
      const startAt = s.createdAt + (rt.spec.queueMs ?? 0);
      if (t < startAt) return;
      s.startedAt = startAt;
      s.state = 'running';
    }
    const stops = plan.outcome === 'failed' || plan.outcome === 'canceled';
    const endFraction = stops ? plan.stopAt : 1;
    const endAt = s.startedAt + Math.round(plan.runMs * endFraction);
    if (t >= endAt) {
      s.progress = endFraction;
      end(s, plan.outcome, endAt);
      return;
    }
    s.progress = Math.min(endFraction, (t - s.startedAt) / plan.runMs);
    s.processed = Math.floor(s.progress * s.total);
  }

  /** Fires every schedule due by `t`, in time order, then moves active sessions to `t`. */
  function sync(t: number): void {
    for (;;) {
      let due: JobRuntime | null = null;
      for (const rt of runtimes.values()) {
        if (rt.nextRunAt !== null && rt.nextRunAt <= t && (!due || rt.nextRunAt < (due.nextRunAt ?? Infinity))) due = rt;
      }
      if (!due || due.nextRunAt === null) break;
      const at = due.nextRunAt;
      // Let earlier sessions end first, so the "already running" check below sees the truth.
      for (const s of [...active.values()]) step(s, local(at));
      // A job that is still running skips this fire, as schedulers do.
      if (due.activeCount === 0) create(due, local(at), false);
      due.nextRunAt = at + due.spec.intervalMs;
    }
    for (const s of [...active.values()]) step(s, local(t));
  }

  const current = (): number => {
    const t = now();
    sync(t);
    return t;
  };

  const jobView = (rt: JobRuntime): ScenarioJob => ({
    ...rt.spec,
    nextRunAt: rt.nextRunAt,
    lastFinished: rt.lastFinished,
    activeCount: rt.activeCount,
  });

  function deleteSession(sessionId: string): boolean {
    current();
    const s = byId.get(sessionId);
    if (!s) return false;
    byId.delete(sessionId);
    all.splice(all.indexOf(s), 1);
    const rt = runtimes.get(s.jobId);
    if (active.delete(sessionId)) {
      plans.delete(s);
      if (rt) rt.activeCount--;
    }
    if (rt?.lastFinished === s) rt.lastFinished = all.findLast((x) => x.jobId === s.jobId && x.endedAt !== null) ?? null;
    return true;
  }

  /** Where a session created at `createdAt` goes in `all`: after every one created at or before it. */
  function insertionIndex(createdAt: number): number {
    if ((all.at(-1)?.createdAt ?? -Infinity) <= createdAt) return all.length;
    let lo = 0;
    let hi = all.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((all[mid]?.createdAt ?? Infinity) <= createdAt) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  function injectSessions(specs: readonly InjectedSession[]): ScenarioSession[] {
    current();
    return specs.map((spec) => {
      const s = create(runtime(spec.jobId), spec.createdAt, true);
      const plan = plans.get(s);
      s.startedAt = spec.createdAt;
      if (spec.outcome === 'failed' || spec.outcome === 'canceled') s.progress = plan?.stopAt ?? 0.5;
      end(s, spec.outcome, spec.createdAt + (spec.runMs ?? 60_000));
      return s;
    });
  }

  function runtime(jobId: string): JobRuntime {
    const rt = runtimes.get(jobId);
    if (!rt) throw new Error(`no job ${jobId} in the scenario`);
    return rt;
  }

  /** One finished history session; its run is capped at `maxRunMs` so it ends before the next slot. */
  function pastRun(rt: JobRuntime, createdAt: number, maxRunMs: number, outcome?: RunOutcome): void {
    const s = create(rt, createdAt, false);
    const plan = plans.get(s);
    if (!plan) return;
    const ending = outcome ?? plan.outcome;
    const stops = ending === 'failed' || ending === 'canceled';
    s.startedAt = createdAt + (rt.spec.queueMs ?? 0);
    const runMs = Math.min(Math.round(plan.runMs * (stops ? plan.stopAt : 1)), maxRunMs);
    s.progress = stops ? plan.stopAt : 1;
    end(s, ending, s.startedAt + Math.max(runMs, 1000));
  }

  function generateHistory(count: number): void {
    if (all.length > 0) throw new Error('generateHistory must run before any session exists');
    const everyJob = [...runtimes.values()];
    const specs = everyJob.filter((rt) => rt.spec.lastRunAgoMs === undefined);
    const t = now();
    // Jobs that ran long ago come first, so sessions stay in creation order.
    const lapsed = everyJob
      .filter((rt) => rt.spec.lastRunAgoMs !== undefined)
      .sort((a, b) => (b.spec.lastRunAgoMs ?? 0) - (a.spec.lastRunAgoMs ?? 0))
      .slice(0, Math.max(0, count));
    const minInterval = Math.min(...specs.map((rt) => rt.spec.intervalMs));
    const spacing = Math.max(60_000, Math.floor(minInterval / Math.max(1, specs.length)));
    const recent = Math.max(0, count - lapsed.length);
    const firstRecent = specs.length === 0 || recent === 0 ? t : t - (recent + 1) * spacing;
    for (const rt of lapsed) {
      const createdAt = Math.min(t - (rt.spec.lastRunAgoMs ?? 0), firstRecent - spacing);
      pastRun(rt, createdAt, Math.min(rt.spec.durationMs, spacing - 1000), 'succeeded');
    }
    if (specs.length === 0) return;
    for (let k = 0; k < recent; k++) {
      const rt = specs[k % specs.length];
      if (rt) pastRun(rt, t - (recent - k + 1) * spacing, spacing - 1000);
    }
  }

  return {
    now,
    advance(ms) {
      skew += ms;
      current();
    },
    applianceNow: () => local(now()),
    setClockOffset(ms) {
      current();
      clockOffset = ms;
    },
    injectSessions,
    jobs: () => {
      current();
      return [...runtimes.values()].map(jobView);
    },
    job(jobId) {
      current();
      const rt = runtimes.get(jobId);
      return rt ? jobView(rt) : undefined;
    },
    sessions: () => {
      current();
      return all;
    },
    activeSessions: () => {
      current();
      return [...active.values()];
    },
    session(id) {
      current();
      return byId.get(id);
    },
    indexAtOrAfter(createdAt) {
      current();
      let lo = 0;
      let hi = all.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((all[mid]?.createdAt ?? Infinity) < createdAt) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    },
    generateHistory,
    startRun(jobId, start = {}) {
      const t = local(current());
      const s = create(runtime(jobId), t, start.manual ?? true, start.endsInMs);
      step(s, t);
      return s;
    },
    finishRun(sessionId, outcome) {
      const t = local(current());
      const s = active.get(sessionId);
      if (s) end(s, outcome, t);
    },
    deleteSession,
    failNext(jobId, outcome = 'failed') {
      current();
      runtime(jobId).forced = outcome;
    },
    resourcesOf(s) {
      current();
      return resourcesOf(s, warnedIndex(s, seed));
    },
    logOf(s) {
      current();
      return logOf(s, resourcesOf(s, warnedIndex(s, seed)));
    },
  };
}

/** A plan whose run ends (or stops, if it fails) `endsInMs` after it starts. */
function timedPlan(plan: Plan, endsInMs: number): Plan {
  const stops = plan.outcome === 'failed' || plan.outcome === 'canceled';
  return { ...plan, runMs: Math.max(1000, Math.round(endsInMs / (stops ? plan.stopAt : 1))) };
}

/** The first scheduled fire strictly after `t`. */
function nextFire(spec: ScenarioJobSpec, t: number): number | null {
  if (spec.enabled === false || spec.intervalMs <= 0) return null;
  const offset = spec.offsetMs ?? 0;
  return offset + (Math.floor((t - offset) / spec.intervalMs) + 1) * spec.intervalMs;
}

/** The resource a warning is blamed on: a pure function of the session, so nothing is stored. */
function warnedIndex(s: ScenarioSession, seed: number): number {
  return (Math.imul(s.seq ^ seed, 0x27d4eb2d) >>> 0) % s.total;
}

/** The resource being processed when a run stopped (failed or canceled). */
function stoppedIndex(s: ScenarioSession): number {
  return Math.min(s.total - 1, Math.floor(s.progress * s.total));
}

/**
 * Resources are processed one after another: resource i covers progress [i/n, (i+1)/n).
 * A failure or cancel lands on the resource being processed; a warning on `warned`.
 */
function resourcesOf(s: ScenarioSession, warned: number): ScenarioResource[] {
  const n = s.total;
  const start = s.startedAt;
  const runSpan = start === null ? 0 : (s.endedAt ?? start) - start;
  const stoppedAt = stoppedIndex(s);
  const ended = s.endedAt !== null;
  return s.resources.map((name, index) => {
    const fraction = Math.min(1, Math.max(0, s.progress * n - index));
    let state: ScenarioResource['state'] = fraction >= 1 ? 'succeeded' : fraction > 0 ? 'running' : 'pending';
    if (ended && (s.state === 'failed' || s.state === 'canceled')) {
      if (index === stoppedAt) state = s.state;
      else if (index > stoppedAt) state = 'canceled';
    } else if (ended && s.state === 'warning' && index === warned) {
      state = 'warning';
    }
    const perResource = s.progress > 0 && runSpan > 0 ? runSpan / (s.progress * n) : 0;
    return {
      name,
      index,
      state,
      fraction,
      bytes: Math.round(fraction * s.bytesPerResource * (0.8 + ((index * 7919) % 40) / 100)),
      startedAt: start === null || fraction === 0 ? null : Math.round(start + index * perResource),
      endedAt: start === null || fraction < 1 ? (ended && fraction > 0 ? s.endedAt : null) : Math.round(start + (index + 1) * perResource),
    };
  });
}

function logOf(s: ScenarioSession, resources: readonly ScenarioResource[]): ScenarioLogEntry[] {
  const lines: ScenarioLogEntry[] = [{ time: s.createdAt, level: 'info', message: `Job ${s.jobName} queued` }];
  if (s.startedAt !== null) lines.push({ time: s.startedAt, level: 'info', message: `Job ${s.jobName} started` });
  for (const r of resources) {
    if (r.startedAt !== null) lines.push({ time: r.startedAt, level: 'info', message: `Processing ${r.name}` });
    const at = r.endedAt ?? r.startedAt ?? s.createdAt;
    if (r.state === 'succeeded') lines.push({ time: at, level: 'info', message: `${r.name} completed` });
    if (r.state === 'warning') lines.push({ time: at, level: 'warning', message: `${r.name}: ${s.message ?? 'warning'}` });
    if (r.state === 'failed') lines.push({ time: at, level: 'error', message: s.message ?? `${r.name} failed` });
  }
  if (s.endedAt !== null) {
    lines.push({
      time: s.endedAt,
      level: 'summary',
      message: `Job ${s.jobName} ${s.state}: ${s.processed} of ${s.total} resources processed`,
    });
  }
  return lines;
}
