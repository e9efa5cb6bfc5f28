/**
 * A job's compliance over time as a band: the periods it was protected, at risk, or in maintenance,
 * as the job's page draws them and says them in words. Pure; made from the rule's split of the time.
 */
import type { ComplianceTime } from './compliance-time.js';
import { intersect, normalize, type Interval } from './intervals.js';

export const BAND_KINDS = ['protected', 'at-risk', 'maintenance'] as const;
export type BandKind = (typeof BAND_KINDS)[number];

/** One stretch of the band; times are epoch ms. */
export interface BandPiece {
  readonly kind: BandKind;
  readonly startMs: number;
  readonly endMs: number;
}

export interface JobComplianceBand {
  readonly startMs: number;
  readonly endMs: number;
  /** Share of the judged time protected, 0..1; null when none could be judged. */
  readonly share: number | null;
  /** Oldest first; time not judged (before the first run, RPO off) is in none. */
  readonly pieces: readonly BandPiece[];
}

export interface JobBandQuery {
  readonly applianceId: string;
  readonly jobId: string;
  /** The last N days (and today so far). */
  readonly days: number;
}

/** The band over `period`: the rule's protected and at-risk time, and the maintenance inside the period. */
export function complianceBand(time: ComplianceTime, period: Interval, share: number | null): JobComplianceBand {
  const kinds: [BandKind, readonly Interval[]][] = [
    ['protected', time.covered],
    ['at-risk', time.atRisk],
    ['maintenance', intersect(normalize([period]), time.maintenance)],
  ];
  const pieces = kinds
    .flatMap(([kind, intervals]) => intervals.map((i) => ({ kind, startMs: i.startMs, endMs: i.endMs })))
    .sort((a, b) => a.startMs - b.startMs);
  return { startMs: period.startMs, endMs: period.endMs, share, pieces };
}
