/**
 * What the scenario engine (scenario.ts) serves the appliance simulators: jobs, the runs they fire,
 * each run's resources and log lines. Vendor-neutral: each simulator renders these in its own shape.
 */

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
  /** Resources this run skips: each ends failed while the run goes on (see `Scenario.skipFrom`). */
  readonly skipped: readonly string[];
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
  /**
   * Every run of the job created from now on skips `resource`: it ends failed inside a run that
   * ends as drawn, as a VM locked by another tool is skipped in a run that still reports success.
   */
  skipFrom(jobId: string, resource: string): void;
  /** Per-resource state of a session. */
  resourcesOf(session: ScenarioSession): ScenarioResource[];
  /** The log lines of a session up to now. */
  logOf(session: ScenarioSession): ScenarioLogEntry[];
}
