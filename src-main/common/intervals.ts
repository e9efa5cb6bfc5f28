/**
 * Sets of time as sorted, disjoint half-open intervals [startMs, endMs). The compliance rule and
 * maintenance windows measure time with them: what was protected, what was counted, what was
 * planned downtime. Pure; every function answers a new normalized list.
 */

/** A half-open stretch of time, epoch ms. */
export interface Interval {
  readonly startMs: number;
  readonly endMs: number;
}

/** Whether a list is already sorted, readable, and without overlapping or touching stretches. */
function isNormalized(intervals: readonly Interval[]): boolean {
  for (let i = 0; i < intervals.length; i++) {
    const { startMs, endMs } = intervals[i]!;
    if (!(Number.isFinite(startMs) && Number.isFinite(endMs) && endMs > startMs)) return false;
    if (i > 0 && !(startMs > intervals[i - 1]!.endMs)) return false;
  }
  return true;
}

/** Sorts, drops empty or unreadable stretches, and merges overlapping or touching ones. */
export function normalize(intervals: readonly Interval[]): Interval[] {
  // Maintenance time comes normalized for every job of a fleet: no need to sort it again.
  if (isNormalized(intervals)) return intervals.slice();
  const sorted = intervals
    .filter((i) => Number.isFinite(i.startMs) && Number.isFinite(i.endMs) && i.endMs > i.startMs)
    .sort((a, b) => a.startMs - b.startMs);
  const merged: Interval[] = [];
  for (const next of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && next.startMs <= last.endMs) {
      merged[merged.length - 1] = { startMs: last.startMs, endMs: Math.max(last.endMs, next.endMs) };
    } else {
      merged.push(next);
    }
  }
  return merged;
}

/** The time in either set. Both must be normalized: they are merged as they come, never sorted again. */
export function union(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i]!.startMs <= b[j]!.startMs) ? a[i++]! : b[j++]!;
    const last = out.at(-1);
    if (last === undefined || next.startMs > last.endMs) out.push(next);
    else if (next.endMs > last.endMs) out[out.length - 1] = { startMs: last.startMs, endMs: next.endMs };
  }
  return out;
}

/** The time in both sets. Both must be normalized. */
export function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const startMs = Math.max(a[i]!.startMs, b[j]!.startMs);
    const endMs = Math.min(a[i]!.endMs, b[j]!.endMs);
    if (endMs > startMs) out.push({ startMs, endMs });
    if (a[i]!.endMs < b[j]!.endMs) i++;
    else j++;
  }
  return out;
}

/** The time in `a` and not in `b`. Both must be normalized. */
export function subtract(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let j = 0;
  for (const piece of a) {
    let startMs = piece.startMs;
    while (j < b.length && b[j]!.endMs <= startMs) j++;
    let k = j;
    while (k < b.length && b[k]!.startMs < piece.endMs) {
      if (b[k]!.startMs > startMs) out.push({ startMs, endMs: b[k]!.startMs });
      startMs = Math.max(startMs, b[k]!.endMs);
      k++;
    }
    if (piece.endMs > startMs) out.push({ startMs, endMs: piece.endMs });
  }
  return out;
}

/** The index of the first stretch of a normalized set that ends after `ms` (the set's length if none). */
export function firstEndingAfter(intervals: readonly Interval[], ms: number): number {
  let low = 0;
  let high = intervals.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (intervals[middle]!.endMs > ms) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** Total milliseconds in a normalized set. */
export function totalMs(intervals: readonly Interval[]): number {
  let sum = 0;
  for (const i of intervals) sum += i.endMs - i.startMs;
  return sum;
}
