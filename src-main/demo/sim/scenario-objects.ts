/**
 * What a scenario's runs leave per object (a VM, a mailbox...): the restore points its good runs
 * made and its newest failure, derived from the sessions on every read, so nothing is stored.
 * Vendor-neutral; each simulator renders these in its own shape.
 */
import { stableGuid } from './stable-guid.js';
import type { Scenario, ScenarioJob } from './scenario.js';

/** One restore point: a resource a finished run processed without failing. */
export interface ScenarioPoint {
  readonly id: string;
  /** The resource's name. */
  readonly name: string;
  readonly jobId: string;
  readonly sessionId: string;
  /** Epoch ms on the appliance's clock. */
  readonly createdAt: number;
}

/** One resource of the chosen jobs, as its runs left it. */
export interface ScenarioObject {
  readonly name: string;
  /** The jobs whose resources name it, in job order. */
  readonly jobIds: readonly string[];
  /** Its points, in the order of the runs that made them. */
  readonly points: readonly ScenarioPoint[];
  /** Epoch ms its newest failed or skipped processing ended; null if none. */
  readonly lastFailureAt: number | null;
}

/** The objects of the jobs `covers` chooses (all by default), in the order the jobs name them. */
export function scenarioObjects(scenario: Scenario, covers: (job: ScenarioJob) => boolean = () => true): ScenarioObject[] {
  const jobs = scenario.jobs().filter(covers);
  const objects = new Map<string, { jobIds: string[]; points: ScenarioPoint[]; lastFailureAt: number | null }>();
  for (const job of jobs) {
    for (const name of job.resources) {
      const object = objects.get(name) ?? { jobIds: [], points: [], lastFailureAt: null };
      object.jobIds.push(job.id);
      objects.set(name, object);
    }
  }
  const chosen = new Set(jobs.map((j) => j.id));
  for (const s of scenario.sessions()) {
    if (s.endedAt === null || !chosen.has(s.jobId)) continue;
    for (const r of scenario.resourcesOf(s)) {
      const object = objects.get(r.name);
      if (!object) continue;
      const at = r.endedAt ?? s.endedAt;
      if (r.state === 'succeeded' || r.state === 'warning') {
        object.points.push({ id: stableGuid(`point/${s.id}/${r.name}`), name: r.name, jobId: s.jobId, sessionId: s.id, createdAt: at });
      } else if (r.state === 'failed') {
        object.lastFailureAt = Math.max(object.lastFailureAt ?? 0, at);
      }
    }
  }
  return [...objects].map(([name, o]) => ({ name, ...o }));
}
