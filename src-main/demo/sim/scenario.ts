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
 * sessions, VCSA backup jobs, VBR sessions); nothing here knows a vendor word. What a scenario
 * serves is in scenario-model.ts, the runs over time in scenario-runner.ts, pre-filled history in
 * scenario-history.ts.
 */
import { logOf, resourcesOf, warnedIndex } from './scenario-derived.js';
import { generateHistory, injectSessions } from './scenario-history.js';
import type {
  InjectedSession,
  RunOutcome,
  RunStart,
  Scenario,
  ScenarioJob,
  ScenarioLogEntry,
  ScenarioOptions,
  ScenarioResource,
  ScenarioSession,
} from './scenario-model.js';
import { ScenarioRunner } from './scenario-runner.js';

export type {
  InjectedSession,
  RunOutcome,
  RunStart,
  RunState,
  Scenario,
  ScenarioJob,
  ScenarioJobSpec,
  ScenarioLogEntry,
  ScenarioOptions,
  ScenarioResource,
  ScenarioSession,
} from './scenario-model.js';

/** Creates a scenario. See {@link Scenario}. */
export function createScenario(options: ScenarioOptions): Scenario {
  return new RunningScenario(new ScenarioRunner(options));
}

/** A scenario's face to the simulators: every read first brings the runs up to now. */
class RunningScenario implements Scenario {
  constructor(private readonly runner: ScenarioRunner) {}

  readonly now = (): number => this.runner.now();

  readonly applianceNow = (): number => this.runner.local(this.runner.now());

  advance(ms: number): void {
    this.runner.skew += ms;
    this.runner.current();
  }

  setClockOffset(ms: number): void {
    this.runner.current();
    this.runner.clockOffset = ms;
  }

  injectSessions(specs: readonly InjectedSession[]): ScenarioSession[] {
    return injectSessions(this.runner, specs);
  }

  jobs(): readonly ScenarioJob[] {
    this.runner.current();
    return [...this.runner.runtimes.values()].map((rt) => this.runner.jobView(rt));
  }

  job(jobId: string): ScenarioJob | undefined {
    this.runner.current();
    const rt = this.runner.runtimes.get(jobId);
    return rt ? this.runner.jobView(rt) : undefined;
  }

  sessions(): readonly ScenarioSession[] {
    this.runner.current();
    return this.runner.all;
  }

  activeSessions(): readonly ScenarioSession[] {
    this.runner.current();
    return [...this.runner.active.values()];
  }

  session(id: string): ScenarioSession | undefined {
    this.runner.current();
    return this.runner.byId.get(id);
  }

  indexAtOrAfter(createdAt: number): number {
    this.runner.current();
    return this.runner.indexOf(createdAt, true);
  }

  generateHistory(count: number): void {
    generateHistory(this.runner, count);
  }

  startRun(jobId: string, start: RunStart = {}): ScenarioSession {
    const t = this.runner.local(this.runner.current());
    const s = this.runner.create(this.runner.runtime(jobId), t, start.manual ?? true, start.endsInMs);
    this.runner.step(s, t);
    return s;
  }

  finishRun(sessionId: string, outcome: RunOutcome): void {
    const t = this.runner.local(this.runner.current());
    const s = this.runner.active.get(sessionId);
    if (s) this.runner.end(s, outcome, t);
  }

  deleteSession(sessionId: string): boolean {
    return this.runner.deleteSession(sessionId);
  }

  failNext(jobId: string, outcome: Exclude<RunOutcome, 'succeeded'> = 'failed'): void {
    this.runner.current();
    this.runner.runtime(jobId).forced = outcome;
  }

  skipFrom(jobId: string, resource: string): void {
    this.runner.current();
    this.runner.runtime(jobId).skipping.add(resource);
  }

  resourcesOf(s: ScenarioSession): ScenarioResource[] {
    this.runner.current();
    return resourcesOf(s, warnedIndex(s, this.runner.seed));
  }

  logOf(s: ScenarioSession): ScenarioLogEntry[] {
    this.runner.current();
    return logOf(s, resourcesOf(s, warnedIndex(s, this.runner.seed)));
  }
}
