/**
 * A job's compliance ledger: what the history store keeps per job so that compliance over a year
 * of a whole fleet is read in one pass, not from every run. Runs counted per UTC day, good runs
 * as streaks, failed runs one by one (they are few). Pure: built here from a job's finished runs,
 * read here into the summary the compliance rule takes.
 */
import { failuresBefore, streaksOf } from './compliance.js';
import type { FailedRun, RunSummary, SuccessStreak } from './compliance.js';
import type { Interval } from './intervals.js';

export const DAY_MS = 86_400_000;

/** What a ledger is built for: it stays exact for any RPO of at least `splitMs`. */
export interface LedgerBasis {
  /** Good runs further apart than this start a new streak: the job's RPO, 0 where it has none. */
  readonly splitMs: number;
  readonly warningsAreUnprotected: boolean;
}

export interface JobLedger {
  readonly applianceId: string;
  readonly jobId: string;
  readonly jobName: string;
  /** The job's kind, as its sessions say it. */
  readonly jobType: string | null;
  /** The end of the first and last finished run; null when the job has none stored. */
  readonly firstEndMs: number | null;
  readonly lastEndMs: number | null;
  readonly lastSuccessMs: number | null;
  /** UTC day number (epoch ms / DAY_MS) of `runsByDay[0]`. */
  readonly firstDay: number;
  /** Finished runs by the UTC day they ended. */
  readonly runsByDay: Uint32Array;
  readonly streaks: readonly SuccessStreak[];
  readonly failures: readonly FailedRun[];
}

/** Which job a ledger is of. */
export type LedgerJob = Pick<JobLedger, 'applianceId' | 'jobId' | 'jobType'>;

/** One finished run as the ledger takes it. */
export interface LedgerRun {
  readonly endMs: number;
  readonly protecting: boolean;
  readonly failed: boolean;
}

/** Builds a job's ledger from its finished runs (any order; runs without a readable end left out). */
export function buildLedger(
  job: Pick<JobLedger, 'applianceId' | 'jobId' | 'jobName' | 'jobType'>,
  runs: readonly LedgerRun[],
  splitMs: number,
): JobLedger {
  const known = runs.filter((r) => Number.isFinite(r.endMs)).sort((a, b) => a.endMs - b.endMs);
  const successEnds = known.filter((r) => r.protecting).map((r) => r.endMs);
  const firstDay = known.length > 0 ? Math.floor(known[0]!.endMs / DAY_MS) : 0;
  const lastDay = known.length > 0 ? Math.floor(known.at(-1)!.endMs / DAY_MS) : -1;
  const runsByDay = new Uint32Array(lastDay - firstDay + 1);
  for (const run of known) runsByDay[Math.floor(run.endMs / DAY_MS) - firstDay]! += 1;
  return {
    ...job,
    firstEndMs: known[0]?.endMs ?? null,
    lastEndMs: known.at(-1)?.endMs ?? null,
    lastSuccessMs: successEnds.at(-1) ?? null,
    firstDay,
    runsByDay,
    streaks: streaksOf(successEnds, splitMs),
    failures: failuresBefore(
      known.filter((r) => r.failed).map((r) => r.endMs),
      successEnds,
    ),
  };
}

/** Runs that ended in the period, counted by whole UTC days: from the day the period starts to the day it ends. */
export function runsInPeriod(ledger: Pick<JobLedger, 'firstDay' | 'runsByDay'>, period: Interval): number {
  const from = Math.max(Math.floor(period.startMs / DAY_MS) - ledger.firstDay, 0);
  const to = Math.min(Math.ceil(period.endMs / DAY_MS) - ledger.firstDay, ledger.runsByDay.length);
  let sum = 0;
  for (let day = from; day < to; day++) sum += ledger.runsByDay[day]!;
  return sum;
}

/**
 * The summary the compliance rule takes, or null where the ledger cannot say it exactly and the
 * job's runs must be read: a run ending after `now` (a clock ahead), which the rule moves or drops.
 */
export function ledgerSummary(ledger: JobLedger, period: Interval, nowMs: number): RunSummary | null {
  if (ledger.lastEndMs !== null && ledger.lastEndMs > nowMs) return null;
  return { streaks: ledger.streaks, failures: ledger.failures, runs: runsInPeriod(ledger, period) };
}
