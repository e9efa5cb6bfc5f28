/**
 * One pass over an appliance's sessions that gathers, per job, every fact the status rules,
 * protection and missed runs need. A fleet holds hundreds of thousands of sessions and the
 * snapshot is rebuilt after every poll, so times are compared as `timeKey` text, not parsed, and
 * nothing here scans the sessions twice.
 */
import { isActiveStatus } from './model.js';
import type { Job, Session, SessionStatus } from './model.js';
import type { ApplianceState } from './snapshot.js';
import { timeKey, toMs } from './time.js';

/** A finished session reduced to what the success rate reads. */
export interface FinishedRun {
  /** `timeKey` of its end (else its start); '' when it has neither. */
  readonly key: string;
  readonly status: SessionStatus;
}

/** What the sessions say about one job. Keys are `timeKey` text; '' means unknown. */
export interface JobHistory {
  readonly jobId: string;
  /** The name its first listed session carries (for jobs the vendor no longer lists). */
  readonly jobName: string;
  readonly latestFinished: Session | null;
  readonly latestFinishedKey: string;
  readonly newestActive: Session | null;
  /** Newest succeeded session that did not end past the horizon, and its end key. */
  readonly lastSucceeded: Session | null;
  readonly lastSucceededKey: string;
  /** Newest session with warnings that did not end past the horizon, and its end key. */
  readonly lastWarning: Session | null;
  readonly lastWarningKey: string;
  /** Earliest start (else end) of any of its sessions: since when the job is known. */
  readonly firstSeenKey: string;
  /** Latest start of any of its sessions. */
  readonly latestStartKey: string;
  /** An active session without a start time (it counts as started whatever the schedule said). */
  readonly activeWithoutStart: boolean;
  readonly finished: readonly FinishedRun[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function newHistory(session: Session): Mutable<JobHistory> & { finished: FinishedRun[] } {
  return {
    jobId: session.jobId,
    jobName: session.jobName,
    latestFinished: null,
    latestFinishedKey: '',
    newestActive: null,
    lastSucceeded: null,
    lastSucceededKey: '',
    lastWarning: null,
    lastWarningKey: '',
    firstSeenKey: '',
    latestStartKey: '',
    activeWithoutStart: false,
    finished: [],
  };
}

/** When a session ended, for ordering: its end, else its start, else never. */
export function sessionEndMs(s: Session): number {
  return toMs(s.end) ?? toMs(s.start) ?? Number.NEGATIVE_INFINITY;
}

/** Orders sessions oldest-finished first; ties by start, then by id so the order is stable. */
export function compareByFinish(a: Session, b: Session): number {
  return (
    sessionEndMs(a) - sessionEndMs(b) || (toMs(a.start) ?? 0) - (toMs(b.start) ?? 0) || a.id.localeCompare(b.id, 'en', { numeric: true })
  );
}

/** Orders sessions by start; ties by id. */
export function compareByStart(a: Session, b: Session): number {
  return (toMs(a.start) ?? 0) - (toMs(b.start) ?? 0) || a.id.localeCompare(b.id, 'en', { numeric: true });
}

/** True when `s` (ending at `key`) finished after `best` (ending at `bestKey`). */
function finishedAfter(s: Session, key: string, best: Session | null, bestKey: string): boolean {
  if (best === null) return true;
  return key !== bestKey ? key > bestKey : compareByFinish(s, best) > 0;
}

/** The sessions of one appliance, per job, plus its active sessions. */
export interface ApplianceHistory {
  readonly byJob: ReadonlyMap<string, JobHistory>;
  /** Ids of the active sessions, in list order. */
  readonly activeIds: readonly string[];
}

/**
 * Indexes sessions by job in one pass. Successes that end after `horizonKey` (a `timeKey`) are
 * left out of `lastSucceeded`/`lastWarning`: an end far in the future is a clock fault and must not
 * make a job look protected until then.
 */
export function indexSessions(sessions: readonly Session[], horizonKey: string): ApplianceHistory {
  const byJob = new Map<string, Mutable<JobHistory> & { finished: FinishedRun[] }>();
  const activeIds: string[] = [];
  // A cursor over the previous job: sessions usually come grouped or in runs of one job.
  let last: (Mutable<JobHistory> & { finished: FinishedRun[] }) | undefined;
  for (const s of sessions) {
    let h = last !== undefined && last.jobId === s.jobId ? last : byJob.get(s.jobId);
    if (h === undefined) {
      h = newHistory(s);
      byJob.set(s.jobId, h);
    }
    last = h;
    const startKey = timeKey(s.start) ?? '';
    const endKey = timeKey(s.end) ?? startKey;
    const seenKey = startKey || endKey;
    if (seenKey !== '' && (h.firstSeenKey === '' || seenKey < h.firstSeenKey)) h.firstSeenKey = seenKey;
    if (startKey > h.latestStartKey) h.latestStartKey = startKey;
    if (isActiveStatus(s.status)) {
      activeIds.push(s.id);
      if (startKey === '') h.activeWithoutStart = true;
      if (h.newestActive === null || compareByStart(s, h.newestActive) > 0) h.newestActive = s;
      continue;
    }
    if (finishedAfter(s, endKey, h.latestFinished, h.latestFinishedKey)) {
      h.latestFinished = s;
      h.latestFinishedKey = endKey;
    }
    h.finished.push({ key: endKey, status: s.status });
    if (endKey > horizonKey) continue;
    if (s.status === 'succeeded' && finishedAfter(s, endKey, h.lastSucceeded, h.lastSucceededKey)) {
      h.lastSucceeded = s;
      h.lastSucceededKey = endKey;
    } else if (s.status === 'warning' && finishedAfter(s, endKey, h.lastWarning, h.lastWarningKey)) {
      h.lastWarning = s;
      h.lastWarningKey = endKey;
    }
  }
  return { byJob, activeIds };
}

/** The latest finished (not active) session among some sessions, or null. */
export function latestFinished(sessions: Iterable<Session>): Session | null {
  let latest: Session | null = null;
  for (const s of sessions) {
    if (isActiveStatus(s.status)) continue;
    if (latest === null || compareByFinish(s, latest) > 0) latest = s;
  }
  return latest;
}

/** A job as the rules see it: listed by the vendor, or known only from its sessions. */
export type KnownJob = Pick<Job, 'id' | 'name' | 'enabled' | 'nextRun'>;

/**
 * The appliance's listed jobs, then jobs known only from their sessions (deleted or no longer
 * listed by the vendor: they still count, as enabled and unscheduled).
 */
export function knownJobs(state: ApplianceState, history: ApplianceHistory): KnownJob[] {
  const listed = new Set(state.jobs.map((j) => j.id));
  const unlisted: KnownJob[] = [];
  for (const h of history.byJob.values()) {
    if (!listed.has(h.jobId)) unlisted.push({ id: h.jobId, name: h.jobName, enabled: true, nextRun: null });
  }
  return [...state.jobs, ...unlisted];
}
