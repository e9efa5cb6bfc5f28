/**
 * The overrun rule, one for the notification and the window's badge: a running session overruns
 * once it has run longer than `factor` × the median duration of its job's recent completed runs.
 */
import { sessionEndMs } from './job-history.js';
import type { Session } from './model.js';
import { toMs } from './time.js';

export const OVERRUN_FACTOR = 2;
/** How many recent completed runs form the median. */
export const OVERRUN_SAMPLES = 10;
/** Fewer completed runs than this make a median too noisy to call anything an overrun. */
const MIN_OVERRUN_SAMPLES = 3;
const COMPLETED_STATUSES: ReadonlySet<Session['status']> = new Set(['succeeded', 'warning']);

export interface OverrunRule {
  readonly factor: number;
  readonly samples: number;
}

const DEFAULT_RULE: OverrunRule = { factor: OVERRUN_FACTOR, samples: OVERRUN_SAMPLES };

/** Median of some numbers (at least one). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function durationOf(s: Session): number | null {
  if (s.durationMs !== null && Number.isFinite(s.durationMs) && s.durationMs > 0) return s.durationMs;
  const start = toMs(s.start);
  const end = toMs(s.end);
  return start !== null && end !== null && end > start ? end - start : null;
}

/** Median duration of the job's most recent completed runs, or null with too few samples. */
function typicalDuration(history: readonly Session[], jobId: string, samples: number): number | null {
  const durations = history
    .filter((s) => s.jobId === jobId && COMPLETED_STATUSES.has(s.status))
    .sort((a, b) => sessionEndMs(b) - sessionEndMs(a))
    .map(durationOf)
    .filter((d): d is number => d !== null)
    .slice(0, samples);
  return durations.length >= MIN_OVERRUN_SAMPLES ? median(durations) : null;
}

/**
 * When a running session becomes an overrun (epoch ms) and the median it is measured against;
 * null when it is not running or its job has too little history. `history` is its appliance's sessions.
 */
export function overrunOf(
  session: Session,
  history: readonly Session[],
  rule: OverrunRule = DEFAULT_RULE,
): { atMs: number; medianMs: number } | null {
  const start = toMs(session.start);
  if (session.status !== 'running' || start === null) return null;
  const medianMs = typicalDuration(history, session.jobId, rule.samples);
  return medianMs === null ? null : { atMs: start + rule.factor * medianMs, medianMs };
}
