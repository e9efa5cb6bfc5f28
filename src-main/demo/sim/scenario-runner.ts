/**
 * The scenario's runs as time passes: schedules fire, each fire creates a session whose fate (run
 * time, outcome, where it stops) is drawn from a PRNG seeded by (scenario seed, sequence number),
 * and every read first brings the sessions up to the current time.
 */
import { seededRandom } from './seeded-random.js';
import { warnedIndex, stoppedIndex } from './scenario-derived.js';
import type { RunOutcome, ScenarioJob, ScenarioJobSpec, ScenarioOptions, ScenarioSession } from './scenario-model.js';

const DEFAULT_BYTES_PER_RESOURCE = 8 * 1024 ** 3;
const FAILURE_REASONS = [
  'snapshot creation timed out',
  'the storage target is out of space',
  'the connection to the proxy was lost',
  'the guest file system could not be quiesced',
];

export type MutableSession = { -readonly [K in keyof ScenarioSession]: ScenarioSession[K] };

/** The fate drawn when a session is created: how long it runs and how it ends. */
export interface Plan {
  readonly runMs: number;
  readonly outcome: RunOutcome;
  /** Fraction at which a failed/canceled run stops. */
  readonly stopAt: number;
  readonly reason: string;
}

export interface JobRuntime {
  readonly spec: ScenarioJobSpec;
  nextRunAt: number | null;
  lastFinished: MutableSession | null;
  activeCount: number;
  forced: Exclude<RunOutcome, 'succeeded'> | null;
  /** Resources the job's next runs skip. */
  readonly skipping: Set<string>;
}

/** Whether a run of this outcome stops part-way. */
export const stops = (outcome: RunOutcome): boolean => outcome === 'failed' || outcome === 'canceled';

export class ScenarioRunner {
  readonly seed: number;
  /** Every session, sorted by `createdAt`. */
  readonly all: MutableSession[] = [];
  readonly byId = new Map<string, MutableSession>();
  readonly active = new Map<string, MutableSession>();
  readonly plans = new Map<MutableSession, Plan>();
  readonly runtimes = new Map<string, JobRuntime>();
  /** What `advance()` added to the injected clock. */
  skew = 0;
  /** How far the appliance's clock is ahead of scenario time. */
  clockOffset = 0;
  #seq = 0;
  readonly #clock: () => number;
  readonly #formatId: (seq: number, createdAt: number) => string;

  constructor(options: ScenarioOptions) {
    this.#clock = options.now ?? Date.now;
    this.seed = options.seed ?? 1;
    this.#formatId = options.formatId ?? ((seq: number) => String(seq));
    for (const spec of options.jobs) {
      if (spec.resources.length === 0) throw new Error(`job ${spec.id} has no resources`);
      this.runtimes.set(spec.id, { spec, nextRunAt: null, lastFinished: null, activeCount: 0, forced: null, skipping: new Set() });
    }
    for (const rt of this.runtimes.values()) rt.nextRunAt = nextFire(rt.spec, this.now());
  }

  /** Scenario time, epoch ms. */
  now(): number {
    return this.#clock() + this.skew;
  }

  /** Scenario time `t` on the appliance's clock: every session time is on it. */
  local(t: number): number {
    return t + this.clockOffset;
  }

  /** Scenario time, with every session brought up to it. */
  current(): number {
    const t = this.now();
    this.#sync(t);
    return t;
  }

  runtime(jobId: string): JobRuntime {
    const rt = this.runtimes.get(jobId);
    if (!rt) throw new Error(`no job ${jobId} in the scenario`);
    return rt;
  }

  jobView(rt: JobRuntime): ScenarioJob {
    return { ...rt.spec, nextRunAt: rt.nextRunAt, lastFinished: rt.lastFinished, activeCount: rt.activeCount };
  }

  #drawPlan(rt: JobRuntime, n: number): Plan {
    const rng = seededRandom(Math.imul(this.seed, 0x9e3779b1) ^ Math.imul(n, 0x85ebca6b));
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

  create(rt: JobRuntime, createdAt: number, manual: boolean, endsInMs?: number): MutableSession {
    const n = ++this.#seq;
    const { spec } = rt;
    const s: MutableSession = {
      seq: n,
      id: this.#formatId(n, createdAt),
      jobId: spec.id,
      jobName: spec.name,
      type: spec.type,
      subType: spec.subType,
      state: 'queued',
      createdAt,
      startedAt: null,
      endedAt: null,
      progress: 0,
      processed: 0,
      total: spec.resources.length,
      resources: spec.resources,
      bytesPerResource: spec.bytesPerResource ?? DEFAULT_BYTES_PER_RESOURCE,
      message: null,
      manual,
      skipped: [...rt.skipping],
    };
    const plan = this.#drawPlan(rt, n);
    this.plans.set(s, endsInMs === undefined ? plan : timedPlan(plan, endsInMs - (spec.queueMs ?? 0)));
    this.all.splice(this.#insertionIndex(createdAt), 0, s);
    this.byId.set(s.id, s);
    this.active.set(s.id, s);
    rt.activeCount++;
    return s;
  }

  end(s: MutableSession, outcome: RunOutcome, at: number): void {
    const reason = this.plans.get(s)?.reason ?? 'stopped by the test';
    s.state = outcome;
    s.endedAt = at;
    s.startedAt ??= at;
    if (outcome === 'succeeded' || outcome === 'warning') s.progress = 1;
    s.processed = Math.floor(s.progress * s.total);
    s.message =
      outcome === 'failed'
        ? `${s.resources[stoppedIndex(s)] ?? ''}: ${reason}`
        : outcome === 'warning'
          ? `${s.resources[warnedIndex(s, this.seed)] ?? ''}: completed with warnings (${reason})`
          : outcome === 'canceled'
            ? 'canceled by the administrator'
            : null;
    this.plans.delete(s);
    this.active.delete(s.id);
    const rt = this.runtimes.get(s.jobId);
    if (rt) {
      rt.activeCount--;
      if (!rt.lastFinished || rt.lastFinished.createdAt <= s.createdAt) rt.lastFinished = s;
    }
  }

  /** Moves one active session to time `t`. */
  step(s: MutableSession, t: number): void {
    const plan = this.plans.get(s);
    const rt = this.runtimes.get(s.jobId);
    if (!plan || !rt) return;
    if (s.startedAt === null) {
      const startAt = s.createdAt + (rt.spec.queueMs ?? 0);
      if (t < startAt) return;
      s.startedAt = startAt;
      s.state = 'running';
    }
    const endFraction = stops(plan.outcome) ? plan.stopAt : 1;
    const endAt = s.startedAt + Math.round(plan.runMs * endFraction);
    if (t >= endAt) {
      s.progress = endFraction;
      this.end(s, plan.outcome, endAt);
      return;
    }
    s.progress = Math.min(endFraction, (t - s.startedAt) / plan.runMs);
    s.processed = Math.floor(s.progress * s.total);
  }

  /** Fires every schedule due by `t`, in time order, then moves active sessions to `t`. */
  #sync(t: number): void {
    for (;;) {
      let due: JobRuntime | null = null;
      for (const rt of this.runtimes.values()) {
        if (rt.nextRunAt !== null && rt.nextRunAt <= t && (!due || rt.nextRunAt < (due.nextRunAt ?? Infinity))) due = rt;
      }
      if (!due || due.nextRunAt === null) break;
      const at = due.nextRunAt;
      // Let earlier sessions end first, so the "already running" check below sees the truth.
      for (const s of [...this.active.values()]) this.step(s, this.local(at));
      // A job that is still running skips this fire, as schedulers do.
      if (due.activeCount === 0) this.create(due, this.local(at), false);
      due.nextRunAt = at + due.spec.intervalMs;
    }
    for (const s of [...this.active.values()]) this.step(s, this.local(t));
  }

  /** Index in `all` of the first session created at or after `createdAt` (`inclusive`), or after it. */
  indexOf(createdAt: number, inclusive: boolean): number {
    let lo = 0;
    let hi = this.all.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const at = this.all[mid]?.createdAt ?? Infinity;
      if (inclusive ? at < createdAt : at <= createdAt) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Where a session created at `createdAt` goes in `all`: after every one created at or before it. */
  #insertionIndex(createdAt: number): number {
    return (this.all.at(-1)?.createdAt ?? -Infinity) <= createdAt ? this.all.length : this.indexOf(createdAt, false);
  }

  deleteSession(sessionId: string): boolean {
    this.current();
    const s = this.byId.get(sessionId);
    if (!s) return false;
    this.byId.delete(sessionId);
    this.all.splice(this.all.indexOf(s), 1);
    const rt = this.runtimes.get(s.jobId);
    if (this.active.delete(sessionId)) {
      this.plans.delete(s);
      if (rt) rt.activeCount--;
    }
    if (rt?.lastFinished === s) rt.lastFinished = this.all.findLast((x) => x.jobId === s.jobId && x.endedAt !== null) ?? null;
    return true;
  }
}

/** A plan whose run ends (or stops, if it fails) `endsInMs` after it starts. */
function timedPlan(plan: Plan, endsInMs: number): Plan {
  return { ...plan, runMs: Math.max(1000, Math.round(endsInMs / (stops(plan.outcome) ? plan.stopAt : 1))) };
}

/** The first scheduled fire strictly after `t`. */
function nextFire(spec: ScenarioJobSpec, t: number): number | null {
  if (spec.enabled === false || spec.intervalMs <= 0) return null;
  const offset = spec.offsetMs ?? 0;
  return offset + (Math.floor((t - offset) / spec.intervalMs) + 1) * spec.intervalMs;
}
