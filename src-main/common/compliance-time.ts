/**
 * Where in a period a job was protected or at risk: its judged time split by the RPO in force,
 * less maintenance, against the time its good runs covered. Pure; the compliance rule's figures
 * and a job's band are both read from it.
 */
import { firstEndingAfter, normalize } from './intervals.js';
import type { Interval } from './intervals.js';

/** The RPO in effect from `fromMs` (may be -Infinity) until the next span starts; null = the RPO is off. */
export interface RpoSpan {
  readonly fromMs: number;
  readonly rpoSec: number | null;
}

/** Good runs one after another: the first ended at `fromMs`, the last at `toMs`, none more than `maxGapMs` after the one before. */
export interface SuccessStreak {
  readonly fromMs: number;
  readonly toMs: number;
  readonly maxGapMs: number;
}

/** A job's period, clock, RPO over time and maintenance: what its judged time is worked out from, beside its runs. */
export interface JudgedInput {
  readonly period: Interval;
  readonly nowMs: number;
  /**
   * From when the job can be judged: the later of its first known run and the reach of the
   * stored history. A job created mid-period is judged from then on, not blamed for before.
   */
  readonly knownFromMs: number;
  readonly rpo: readonly RpoSpan[];
  /**
   * Maintenance time; it may reach past the period (to now), so that a failed run near the
   * period's end is judged by the whole stretch of its window.
   */
  readonly maintenance: readonly Interval[];
}

/** The judged input with the job's good runs as streaks. */
export type TimeInput = JudgedInput & { readonly summary: { readonly streaks: readonly SuccessStreak[] } };

/** The RPO spans as intervals with their RPO, the off ones left out, inside `within`. */
function rpoSegments(spans: readonly RpoSpan[], within: Interval): { readonly segment: Interval; readonly rpoMs: number }[] {
  const sorted = spans.filter((s) => !Number.isNaN(s.fromMs)).sort((a, b) => a.fromMs - b.fromMs);
  const out: { segment: Interval; rpoMs: number }[] = [];
  sorted.forEach((span, index) => {
    if (span.rpoSec === null || !(span.rpoSec > 0)) return;
    const startMs = Math.max(span.fromMs, within.startMs);
    const endMs = Math.min(sorted[index + 1]?.fromMs ?? Infinity, within.endMs);
    if (endMs > startMs) out.push({ segment: { startMs, endMs }, rpoMs: span.rpoSec * 1000 });
  });
  return out;
}

/** Whether each streak starts after the one before ended: as the ledger and `streaksOf` give them. */
function ascendingApart(streaks: readonly SuccessStreak[]): boolean {
  for (let i = 1; i < streaks.length; i++) if (!(streaks[i]!.fromMs > streaks[i - 1]!.toMs)) return false;
  return true;
}

/** Adds [startMs, endMs) to a normalized list whose stretches start no later than it. */
function append(out: Interval[], startMs: number, endMs: number): void {
  if (!(endMs > startMs)) return;
  const last = out.at(-1);
  if (last !== undefined && startMs <= last.endMs) {
    if (endMs > last.endMs) out[out.length - 1] = { startMs: last.startMs, endMs };
  } else {
    out.push({ startMs, endMs });
  }
}

const pushRaw = (out: Interval[], startMs: number, endMs: number): void => void out.push({ startMs, endMs });

/**
 * The time covered by good restore points: each covers [end, end + RPO in effect), so a streak
 * whose runs came no further apart than the RPO covers [first, last + RPO). Where a streak's runs
 * came further apart than the RPO, only its first and last run are known to cover. Streaks in
 * order (segments ascend too) are covered in one pass; any others are sorted afterwards.
 */
function protectedTime(streaks: readonly SuccessStreak[], segments: ReturnType<typeof rpoSegments>): Interval[] {
  const ordered = ascendingApart(streaks);
  const add = ordered ? append : pushRaw;
  const covered: Interval[] = [];
  for (const { segment, rpoMs } of segments) {
    const { startMs: from, endMs: to } = segment;
    for (const s of streaks) {
      if (ordered && s.fromMs >= to) break;
      if (s.toMs + rpoMs <= from) continue;
      if (s.maxGapMs <= rpoMs) add(covered, Math.max(s.fromMs, from), Math.min(s.toMs + rpoMs, to));
      else {
        add(covered, Math.max(s.fromMs, from), Math.min(s.fromMs + rpoMs, to));
        add(covered, Math.max(s.toMs, from), Math.min(s.toMs + rpoMs, to));
      }
    }
  }
  return ordered ? covered : normalize(covered);
}

/** The stretch of a normalized set that `ms` falls in, if any. */
export function stretchAt(intervals: readonly Interval[], ms: number): Interval | undefined {
  const found = intervals[firstEndingAfter(intervals, ms)];
  return found !== undefined && found.startMs <= ms ? found : undefined;
}

/** The judged time of one job over one period, split: protected, at risk, and maintenance left out. */
export interface ComplianceTime {
  readonly counted: readonly Interval[];
  readonly covered: readonly Interval[];
  readonly atRisk: readonly Interval[];
  /** The maintenance windows' time, normalized. */
  readonly maintenance: readonly Interval[];
}
/** The job's judged time as the RPO spans it, its maintenance time, and the time its good runs covered. */
export function judgedTime(input: TimeInput) {
  const maintenance = normalize(input.maintenance);
  const judged = normalize([
    { startMs: Math.max(input.period.startMs, input.knownFromMs), endMs: Math.min(input.period.endMs, input.nowMs) },
  ]);
  const segments = rpoSegments(input.rpo, judged[0] ?? { startMs: 0, endMs: 0 });
  return { segments, maintenance, covered: protectedTime(input.summary.streaks, segments) };
}

/**
 * Each stretch of counted time (the RPO's segments less maintenance), in order, as protected or at
 * risk: one pass over the three ordered lists, so a fleet's figures build no lists of their own.
 */
export function forEachCounted(
  { segments, maintenance, covered }: ReturnType<typeof judgedTime>,
  visit: (isProtected: boolean, startMs: number, endMs: number) => void,
): void {
  let m = 0;
  let c = 0;
  for (const { segment } of segments) {
    let at = segment.startMs;
    while (at < segment.endMs) {
      while (m < maintenance.length && maintenance[m]!.endMs <= at) m++;
      const window = maintenance[m];
      if (window !== undefined && window.startMs <= at) {
        at = window.endMs;
        continue;
      }
      const pieceEnd = Math.min(segment.endMs, window?.startMs ?? Infinity);
      while (at < pieceEnd) {
        while (c < covered.length && covered[c]!.endMs <= at) c++;
        const cover = covered[c];
        const isProtected = cover !== undefined && cover.startMs <= at;
        const endMs = Math.min(pieceEnd, isProtected ? cover.endMs : (cover?.startMs ?? Infinity));
        visit(isProtected, at, endMs);
        at = endMs;
      }
    }
  }
}

/** Where in the period the job was protected, at risk, or in maintenance. */
export function complianceTime(input: TimeInput): ComplianceTime {
  const time = judgedTime(input);
  const counted: Interval[] = [];
  const covered: Interval[] = [];
  const atRisk: Interval[] = [];
  forEachCounted(time, (isProtected, startMs, endMs) => {
    append(counted, startMs, endMs);
    append(isProtected ? covered : atRisk, startMs, endMs);
  });
  return { counted, covered, atRisk, maintenance: time.maintenance };
}
