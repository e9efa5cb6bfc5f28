/**
 * The compliance rule: over a period, for how much of the time did a job have a good restore
 * point within its RPO? Pure; the period, `now` and the job's runs are passed in. Time before
 * the job is known, after now, with the RPO off, or inside a maintenance window is not counted.
 */
import { CLOCK_SKEW_TOLERANCE_MS } from './time.js';
import { forEachCounted, judgedTime, stretchAt, type JudgedInput, type SuccessStreak } from './compliance-time.js';
import type { Interval } from './intervals.js';

export type { RpoSpan, SuccessStreak } from './compliance-time.js';

/** One finished run as the rule sees it. */
export interface ComplianceRun {
  readonly endMs: number;
  /** It counts as a good restore point (the protection rule's `isProtecting`). */
  readonly protecting: boolean;
  readonly failed: boolean;
}

export interface ComplianceInput extends JudgedInput {
  /** Its runs, in any order; include those before the period that may still cover its start. */
  readonly runs: readonly ComplianceRun[];
}

export interface ComplianceFigures {
  /** Time judged: the period less unknown, future, RPO-off and maintenance time. */
  readonly countedMs: number;
  readonly protectedMs: number;
  /** protectedMs / countedMs, null when nothing was counted. */
  readonly share: number | null;
  readonly runs: number;
  readonly failedRuns: number;
  /** The longest stretch without protection (maintenance inside it bridged, not counted), or null. */
  readonly longestGap: (Interval & { readonly unprotectedMs: number }) | null;
}
/** Run ends that can be believed at `now`: a run a little ahead (clock drift) counts as ending now. */
function believableEnds(runs: readonly ComplianceRun[], nowMs: number): ComplianceRun[] {
  return runs
    .filter((r) => Number.isFinite(r.endMs) && r.endMs <= nowMs + CLOCK_SKEW_TOLERANCE_MS)
    .map((r) => (r.endMs > nowMs ? { ...r, endMs: nowMs } : r));
}

/** A failed run, and when the next good run ended (null: none since). */
export interface FailedRun {
  readonly endMs: number;
  readonly nextSuccessMs: number | null;
}

/**
 * A job's runs as the rule needs them, believable ends only: what a store can keep per job
 * instead of every run (a healthy job's year is one streak).
 */
export interface RunSummary {
  readonly streaks: readonly SuccessStreak[];
  readonly failures: readonly FailedRun[];
  /** Runs that ended in the period. */
  readonly runs: number;
}

/** Good runs as streaks, a new one wherever the next run came more than `splitMs` later. Ends sorted ascending. */
export function streaksOf(successEnds: readonly number[], splitMs: number): SuccessStreak[] {
  const streaks: SuccessStreak[] = [];
  let current: { fromMs: number; toMs: number; maxGapMs: number } | null = null;
  for (const end of successEnds) {
    if (current !== null && end - current.toMs <= splitMs) {
      current.maxGapMs = Math.max(current.maxGapMs, end - current.toMs);
      current.toMs = end;
    } else {
      if (current !== null) streaks.push(current);
      current = { fromMs: end, toMs: end, maxGapMs: 0 };
    }
  }
  if (current !== null) streaks.push(current);
  return streaks;
}

/** Each failed run with the end of the first good run after it; both lists sorted ascending. */
export function failuresBefore(failureEnds: readonly number[], successEnds: readonly number[]): FailedRun[] {
  let next = 0;
  return failureEnds.map((endMs) => {
    while (next < successEnds.length && successEnds[next]! <= endMs) next++;
    return { endMs, nextSuccessMs: successEnds[next] ?? null };
  });
}

/** The summary of raw runs over a period: every good run its own streak, so nothing is lost. */
export function summarizeRuns(runs: readonly ComplianceRun[], nowMs: number, period: Interval): RunSummary {
  const believed = believableEnds(runs, nowMs);
  const ascending = (a: number, b: number) => a - b;
  const successEnds = believed
    .filter((r) => r.protecting)
    .map((r) => r.endMs)
    .sort(ascending);
  const failureEnds = believed
    .filter((r) => r.failed)
    .map((r) => r.endMs)
    .sort(ascending);
  return {
    streaks: streaksOf(successEnds, 0),
    failures: failuresBefore(failureEnds, successEnds),
    runs: believed.filter((r) => r.endMs >= period.startMs && r.endMs < period.endMs).length,
  };
}
/** Failed runs in the period; one inside a maintenance window counts only if no good run followed before the window closed, within the period or after it. */
function countFailures(failures: readonly FailedRun[], period: Interval, maintenance: readonly Interval[]): number {
  let failed = 0;
  for (const run of failures) {
    if (run.endMs < period.startMs || run.endMs >= period.endMs) continue;
    const window = stretchAt(maintenance, run.endMs);
    const fixedInside = window !== undefined && run.nextSuccessMs !== null && run.nextSuccessMs < window.endMs;
    if (!fixedInside) failed++;
  }
  return failed;
}
export type SummaryInput = Omit<ComplianceInput, 'runs'> & { readonly summary: RunSummary };

/** The compliance figures of one job over one period, from the summary of its runs. */
export function summaryCompliance(input: SummaryInput): ComplianceFigures {
  const time = judgedTime(input);
  const { countedMs, protectedMs, share, longestGap } = timeFigures(time);
  const failedRuns = countFailures(input.summary.failures, input.period, time.maintenance);
  return { countedMs, protectedMs, share, runs: input.summary.runs, failedRuns, longestGap };
}

/** The judged time the figures are read from: counted segments, maintenance and covered time, each normalized. */
export type JudgedTime = Parameters<typeof forEachCounted>[0];

/** The figures of judged time alone (a job's, or a machine's union of its jobs'): how much was counted and protected, and the longest gap. */
export function timeFigures(time: JudgedTime): Omit<ComplianceFigures, 'runs' | 'failedRuns'> {
  const { maintenance } = time;
  let countedMs = 0;
  let protectedMs = 0;
  // The longest unprotected stretch; pieces apart only by maintenance are one stretch.
  let gap: { startMs: number; endMs: number; unprotectedMs: number } | null = null;
  let longest: ComplianceFigures['longestGap'] = null;
  forEachCounted(time, (isProtected, startMs, endMs) => {
    countedMs += endMs - startMs;
    if (isProtected) {
      protectedMs += endMs - startMs;
      gap = null;
      return;
    }
    const bridged = gap !== null && (startMs === gap.endMs || (stretchAt(maintenance, gap.endMs)?.endMs ?? -Infinity) >= startMs);
    if (bridged && gap !== null) {
      gap.endMs = endMs;
      gap.unprotectedMs += endMs - startMs;
    } else gap = { startMs, endMs, unprotectedMs: endMs - startMs };
    if (longest === null || gap.unprotectedMs > longest.unprotectedMs) longest = { ...gap };
  });
  return { countedMs, protectedMs, share: countedMs > 0 ? protectedMs / countedMs : null, longestGap: longest };
}

/** The compliance figures of one job over one period. */
export function jobCompliance(input: ComplianceInput): ComplianceFigures {
  return summaryCompliance({ ...input, summary: summarizeRuns(input.runs, input.nowMs, input.period) });
}

/** Figures of many jobs as one (an appliance, the fleet): time-weighted share, the longest gap of any. */
export function combineCompliance(figures: readonly ComplianceFigures[]): ComplianceFigures {
  let countedMs = 0;
  let protectedMs = 0;
  let runs = 0;
  let failedRuns = 0;
  let gap: ComplianceFigures['longestGap'] = null;
  for (const f of figures) {
    countedMs += f.countedMs;
    protectedMs += f.protectedMs;
    runs += f.runs;
    failedRuns += f.failedRuns;
    if (f.longestGap !== null && (gap === null || f.longestGap.unprotectedMs > gap.unprotectedMs)) gap = f.longestGap;
  }
  return { countedMs, protectedMs, share: countedMs > 0 ? protectedMs / countedMs : null, runs, failedRuns, longestGap: gap };
}
