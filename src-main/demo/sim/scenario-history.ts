/** The sessions a scenario holds from before it started: pre-filled history and injected bursts. */
import type { InjectedSession, RunOutcome, ScenarioSession } from './scenario-model.js';
import type { JobRuntime, ScenarioRunner } from './scenario-runner.js';
import { stops } from './scenario-runner.js';

/** Adds finished sessions as they would appear at once, each dated as given on the appliance's clock. */
export function injectSessions(runner: ScenarioRunner, specs: readonly InjectedSession[]): ScenarioSession[] {
  runner.current();
  return specs.map((spec) => {
    const s = runner.create(runner.runtime(spec.jobId), spec.createdAt, true);
    const plan = runner.plans.get(s);
    s.startedAt = spec.createdAt;
    if (stops(spec.outcome)) s.progress = plan?.stopAt ?? 0.5;
    runner.end(s, spec.outcome, spec.createdAt + (spec.runMs ?? 60_000));
    return s;
  });
}

/** One finished history session; its run is capped at `maxRunMs` so it ends before the next slot. */
function pastRun(runner: ScenarioRunner, rt: JobRuntime, createdAt: number, maxRunMs: number, outcome?: RunOutcome): void {
  const s = runner.create(rt, createdAt, false);
  const plan = runner.plans.get(s);
  if (!plan) return;
  const ending = outcome ?? plan.outcome;
  s.startedAt = createdAt + (rt.spec.queueMs ?? 0);
  const runMs = Math.min(Math.round(plan.runMs * (stops(ending) ? plan.stopAt : 1)), maxRunMs);
  s.progress = stops(ending) ? plan.stopAt : 1;
  runner.end(s, ending, s.startedAt + Math.max(runMs, 1000));
}

/**
 * Pre-fills `count` finished sessions before now, spread over the jobs; a job with `lastRunAgoMs`
 * gets its one session there, and the others share the rest.
 */
export function generateHistory(runner: ScenarioRunner, count: number): void {
  if (runner.all.length > 0) throw new Error('generateHistory must run before any session exists');
  const everyJob = [...runner.runtimes.values()];
  const specs = everyJob.filter((rt) => rt.spec.lastRunAgoMs === undefined);
  const t = runner.now();
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
    pastRun(runner, rt, createdAt, Math.min(rt.spec.durationMs, spacing - 1000), 'succeeded');
  }
  if (specs.length === 0) return;
  for (let k = 0; k < recent; k++) {
    const rt = specs[k % specs.length];
    if (rt) pastRun(runner, rt, t - (recent - k + 1) * spacing, spacing - 1000);
  }
}
