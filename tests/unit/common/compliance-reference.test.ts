/**
 * The compliance rule against a plain reference that judges each second of the period by itself:
 * counted when known, before now, under an RPO and outside maintenance; protected when a good run
 * ended no longer than the RPO in force then before it. Runs are given as they come and as a
 * ledger keeps them (streaks split at the shortest RPO, in order or not).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { failuresBefore, jobCompliance, streaksOf, summaryCompliance } from '../../../src-main/common/compliance.js';
import type { ComplianceFigures, ComplianceInput, RpoSpan } from '../../../src-main/common/compliance.js';
import type { Interval } from '../../../src-main/common/intervals.js';

const S = 1000;
const PERIOD: Interval = { startMs: 0, endMs: 300 * S };

const rpoAt = (spans: readonly RpoSpan[], t: number): number | null => {
  let rpo: number | null = null;
  for (const span of [...spans].sort((a, b) => a.fromMs - b.fromMs)) if (span.fromMs <= t) rpo = span.rpoSec;
  return rpo !== null && rpo > 0 ? rpo * S : null;
};

/** Share and longest gap, second by second. */
function reference(input: ComplianceInput): Pick<ComplianceFigures, 'countedMs' | 'protectedMs'> & { longestMs: number } {
  const inWindow = (t: number) => input.maintenance.some((w) => w.startMs <= t && t < w.endMs);
  const goodEnds = input.runs.filter((r) => r.protecting && r.endMs <= input.nowMs).map((r) => r.endMs);
  let countedMs = 0;
  let protectedMs = 0;
  let longestMs = 0;
  let gapMs = 0;
  for (let t = PERIOD.startMs; t < PERIOD.endMs; t += S) {
    const rpoMs = rpoAt(input.rpo, t);
    const counted = t >= input.knownFromMs && t < input.nowMs && rpoMs !== null && !inWindow(t);
    if (!counted) {
      // Maintenance bridges a gap; anything else not counted ends it.
      if (!inWindow(t)) gapMs = 0;
      continue;
    }
    countedMs += S;
    if (goodEnds.some((end) => end <= t && t < end + rpoMs)) {
      protectedMs += S;
      gapMs = 0;
    } else {
      gapMs += S;
      longestMs = Math.max(longestMs, gapMs);
    }
  }
  return { countedMs, protectedMs, longestMs };
}

const arbInput: fc.Arbitrary<ComplianceInput> = fc.record({
  period: fc.constant(PERIOD),
  nowMs: fc.integer({ min: 100, max: 400 }).map((s) => s * S),
  knownFromMs: fc.oneof(
    fc.constant(-Infinity),
    fc.integer({ min: -20, max: 250 }).map((s) => s * S),
  ),
  runs: fc.array(
    fc.record({ endMs: fc.integer({ min: -60, max: 320 }).map((s) => s * S), protecting: fc.boolean(), failed: fc.boolean() }),
    { maxLength: 40 },
  ),
  rpo: fc.array(
    fc.record({ fromMs: fc.integer({ min: -10, max: 300 }).map((s) => s * S), rpoSec: fc.option(fc.integer({ min: 1, max: 60 })) }),
    { minLength: 1, maxLength: 4 },
  ),
  maintenance: fc
    .array(fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 40 })), { maxLength: 4 })
    .map((pairs) => pairs.map(([from, length]) => ({ startMs: from * S, endMs: (from + length) * S }))),
});

/** The runs as a ledger keeps them: good runs as streaks split at the shortest RPO, in the order given. */
function ledgerFigures(input: ComplianceInput, order: 'ascending' | 'reversed'): ComplianceFigures {
  const believed = input.runs.filter((r) => r.endMs <= input.nowMs);
  const successEnds = believed
    .filter((r) => r.protecting)
    .map((r) => r.endMs)
    .sort((a, b) => a - b);
  const failureEnds = believed
    .filter((r) => r.failed)
    .map((r) => r.endMs)
    .sort((a, b) => a - b);
  const rpos = input.rpo.flatMap((span) => (span.rpoSec !== null && span.rpoSec > 0 ? [span.rpoSec * S] : []));
  const streaks = streaksOf(successEnds, rpos.length > 0 ? Math.min(...rpos) : 0);
  return summaryCompliance({
    ...input,
    summary: {
      streaks: order === 'ascending' ? streaks : [...streaks].reverse(),
      failures: failuresBefore(failureEnds, successEnds),
      runs: believed.filter((r) => r.endMs >= PERIOD.startMs && r.endMs < PERIOD.endMs).length,
    },
  });
}

describe('the compliance rule against judging each second', () => {
  it('agrees on the time counted, the time protected and the longest gap, however the runs are kept', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const expected = reference(input);
        for (const figures of [jobCompliance(input), ledgerFigures(input, 'ascending'), ledgerFigures(input, 'reversed')]) {
          expect(figures.countedMs).toBe(expected.countedMs);
          expect(figures.protectedMs).toBe(expected.protectedMs);
          expect(figures.longestGap?.unprotectedMs ?? 0).toBe(expected.longestMs);
        }
      }),
      { seed: 20261207, numRuns: 400 },
    );
  });
});
