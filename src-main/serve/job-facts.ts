/**
 * What serve mode's feeds say about every job, gathered once per request from the core's current
 * state: the job's state (protection, last outcome), its latest finished session and the session
 * running now. Metrics and the CCTray feed read the same facts.
 */
import type { JobView } from '../common/ipc-contract.js';
import { isActiveStatus, type Appliance, type Session } from '../common/model.js';
import type { FleetState } from '../common/snapshot.js';

export interface JobFacts {
  readonly job: JobView;
  readonly appliance: Appliance;
  /** The job's name, with its id added when another job of the same appliance has the same name. */
  readonly label: string;
  /** The session `job.lastOutcomeSessionId` names, when it is still in memory. */
  readonly lastFinished: Session | null;
  /** The newest active session of the job, if one runs. */
  readonly running: Session | null;
}

/** What the feeds read from the core. `AppCore` provides it. */
export interface JobSource {
  jobs(): Promise<readonly JobView[]>;
  fleet(): FleetState;
}

/** Each job's label: its name, with its id added when another job of the same appliance has the same name. */
export function jobLabels(own: readonly JobView[]): (job: JobView) => string {
  const nameCounts = new Map<string, number>();
  for (const job of own) nameCounts.set(job.jobName, (nameCounts.get(job.jobName) ?? 0) + 1);
  return (job) => ((nameCounts.get(job.jobName) ?? 0) > 1 ? `${job.jobName} (${job.jobId})` : job.jobName);
}

function newer(a: Session | null, b: Session): Session {
  return a === null || (b.start ?? '') > (a.start ?? '') ? b : a;
}

/** One pass over each appliance's sessions: the latest finished one each job names, and the running ones. */
export function gatherJobFacts(jobs: readonly JobView[], fleet: FleetState): JobFacts[] {
  const byAppliance = new Map<string, JobView[]>();
  for (const job of jobs) {
    const list = byAppliance.get(job.applianceId) ?? [];
    list.push(job);
    byAppliance.set(job.applianceId, list);
  }
  const facts: JobFacts[] = [];
  for (const state of fleet.appliances) {
    const own = byAppliance.get(state.appliance.id);
    if (!own) continue;
    const wanted = new Set(own.flatMap((job) => (job.lastOutcomeSessionId ? [job.lastOutcomeSessionId] : [])));
    const finished = new Map<string, Session>();
    const running = new Map<string, Session>();
    for (const session of state.sessions) {
      if (isActiveStatus(session.status)) running.set(session.jobId, newer(running.get(session.jobId) ?? null, session));
      else if (wanted.has(session.id)) finished.set(session.id, session);
    }
    const labelOf = jobLabels(own);
    for (const job of own) {
      facts.push({
        job,
        appliance: state.appliance,
        label: labelOf(job),
        lastFinished: job.lastOutcomeSessionId ? (finished.get(job.lastOutcomeSessionId) ?? null) : null,
        running: running.get(job.jobId) ?? null,
      });
    }
  }
  return facts;
}

/**
 * Shares one computation between the callers that ask while it runs (every metric's collect
 * callback of one scrape), and computes afresh for the next caller after it settled.
 */
export function sharedWhileRunning<T>(compute: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  return () => {
    running ??= compute().finally(() => (running = null));
    return running;
  };
}
