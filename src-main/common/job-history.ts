/**
 * One pass over an appliance's sessions that gathers, per job, every fact the status rules,
 * protection and missed runs need. A fleet holds hundreds of thousands of sessions and the
 * snapshot is rebuilt after every poll, so times are compared as `timeKey` text and parsed once
 * per job, nothing scans the sessions twice, and the index depends on the sessions alone (not on
 * the clock), so `SessionIndexCache` can keep it until they change.
 */
import { isActiveStatus } from './model.js';
import type { Job, Session, SessionStatus } from './model.js';
import type { ApplianceState } from './snapshot.js';
import { timeKey, toMs } from './time.js';

/** Finished sessions the success rate looks back over. */
export const SUCCESS_RATE_WINDOW = 30;

/** What the sessions say about one job. Keys are `timeKey` text; '' means unknown. */
export interface JobHistory {
  readonly jobId: string;
  /** The name its first listed session carries (for jobs the vendor no longer lists). */
  readonly jobName: string;
  /** The type its first listed session carries (its kind, for jobs the vendor does not list). */
  readonly jobType: string | null;
  readonly latestFinished: Session | null;
  readonly latestFinishedKey: string;
  readonly newestActive: Session | null;
  /** Newest succeeded session with a readable time, its end key and end (epoch ms). */
  readonly lastSucceeded: Session | null;
  readonly lastSucceededKey: string;
  readonly lastSucceededMs: number | null;
  /** Newest session with a readable time that ended with warnings, its end key and end (epoch ms). */
  readonly lastWarning: Session | null;
  readonly lastWarningKey: string;
  readonly lastWarningMs: number | null;
  /** Earliest start (else end) of any of its sessions: since when the job is known (epoch ms). */
  readonly firstSeenMs: number | null;
  /** Latest start of any of its sessions. */
  readonly latestStartKey: string;
  /** An active session without a start time (it counts as started whatever the schedule said). */
  readonly activeWithoutStart: boolean;
  /** Share of the last 30 finished sessions that succeeded, and that succeeded or warned; null before any. */
  readonly successRate: number | null;
  readonly successOrWarningRate: number | null;
}

/** The accumulator behind a JobHistory while the pass runs. */
type Gathering = { -readonly [K in keyof JobHistory]: JobHistory[K] };

interface Pending {
  readonly history: Gathering;
  firstSeenKey: string;
  /** End key and outcome of each finished session, for the success rate. */
  readonly finished: { readonly key: string; readonly status: SessionStatus }[];
}

function newPending(session: Session): Pending {
  return {
    history: {
      jobId: session.jobId,
      jobName: session.jobName,
      jobType: session.type,
      latestFinished: null,
      latestFinishedKey: '',
      newestActive: null,
      lastSucceeded: null,
      lastSucceededKey: '',
      lastSucceededMs: null,
      lastWarning: null,
      lastWarningKey: '',
      lastWarningMs: null,
      firstSeenMs: null,
      latestStartKey: '',
      activeWithoutStart: false,
      successRate: null,
      successOrWarningRate: null,
    },
    firstSeenKey: '',
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

/** The sessions of one appliance, per job, plus its active sessions. Depends on the sessions only. */
export interface ApplianceHistory {
  readonly byJob: ReadonlyMap<string, JobHistory>;
  /** Ids of the active sessions, in list order. */
  readonly activeIds: readonly string[];
  /** The sessions indexed (read again only on the rare slow path of a clock fault). */
  readonly sessions: readonly Session[];
}

function gather(p: Pending, s: Session): void {
  const h = p.history;
  const startKey = timeKey(s.start) ?? '';
  const endKey = timeKey(s.end) ?? startKey;
  const seenKey = startKey || endKey;
  if (seenKey !== '' && (p.firstSeenKey === '' || seenKey < p.firstSeenKey)) p.firstSeenKey = seenKey;
  if (startKey > h.latestStartKey) h.latestStartKey = startKey;
  if (isActiveStatus(s.status)) {
    if (startKey === '') h.activeWithoutStart = true;
    if (h.newestActive === null || compareByStart(s, h.newestActive) > 0) h.newestActive = s;
    return;
  }
  if (finishedAfter(s, endKey, h.latestFinished, h.latestFinishedKey)) {
    h.latestFinished = s;
    h.latestFinishedKey = endKey;
  }
  p.finished.push({ key: endKey, status: s.status });
  // A run whose time cannot be read is listed, but never protects: nothing says when it backed up.
  if (endKey === '') return;
  if (s.status === 'succeeded' && finishedAfter(s, endKey, h.lastSucceeded, h.lastSucceededKey)) {
    h.lastSucceeded = s;
    h.lastSucceededKey = endKey;
  } else if (s.status === 'warning' && finishedAfter(s, endKey, h.lastWarning, h.lastWarningKey)) {
    h.lastWarning = s;
    h.lastWarningKey = endKey;
  }
}

/** Times parsed once per job, and the success rates over its newest finished sessions. */
function complete(p: Pending): JobHistory {
  const h = p.history;
  h.firstSeenMs = toMs(p.firstSeenKey);
  h.lastSucceededMs = toMs(h.lastSucceededKey);
  h.lastWarningMs = toMs(h.lastWarningKey);
  if (p.finished.length > 0) {
    const recent =
      p.finished.length <= SUCCESS_RATE_WINDOW
        ? p.finished
        : p.finished.sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0)).slice(0, SUCCESS_RATE_WINDOW);
    let succeeded = 0;
    let warned = 0;
    for (const run of recent) {
      if (run.status === 'succeeded') succeeded += 1;
      else if (run.status === 'warning') warned += 1;
    }
    h.successRate = succeeded / recent.length;
    h.successOrWarningRate = (succeeded + warned) / recent.length;
  }
  return h;
}

/** Indexes sessions by job in one pass. */
export function indexSessions(sessions: readonly Session[]): ApplianceHistory {
  const pending = new Map<string, Pending>();
  const activeIds: string[] = [];
  // A cursor over the previous job: sessions often come in runs of one job.
  let last: Pending | undefined;
  for (const s of sessions) {
    let p = last !== undefined && last.history.jobId === s.jobId ? last : pending.get(s.jobId);
    if (p === undefined) {
      p = newPending(s);
      pending.set(s.jobId, p);
    }
    last = p;
    if (isActiveStatus(s.status)) activeIds.push(s.id);
    gather(p, s);
  }
  const byJob = new Map<string, JobHistory>();
  for (const [jobId, p] of pending) byJob.set(jobId, complete(p));
  return { byJob, activeIds, sessions };
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
export type KnownJob = Pick<Job, 'id' | 'name' | 'enabled' | 'nextRun' | 'type'>;

/**
 * The appliance's listed jobs, then jobs known only from their sessions (deleted, not listed by
 * the vendor, or of a kind its job list leaves out: they still count, as enabled and unscheduled).
 * A job listed without a type takes its sessions' (their kind decides its default RPO).
 */
export function knownJobs(state: ApplianceState, history: ApplianceHistory): KnownJob[] {
  const listed = new Set(state.jobs.map((j) => j.id));
  const unlisted: KnownJob[] = [];
  for (const h of history.byJob.values()) {
    if (!listed.has(h.jobId)) unlisted.push({ id: h.jobId, name: h.jobName, enabled: true, nextRun: null, type: h.jobType });
  }
  const typed = state.jobs.map((j) => (j.type === null ? { ...j, type: history.byJob.get(j.id)?.jobType ?? null } : j));
  return [...typed, ...unlisted];
}
