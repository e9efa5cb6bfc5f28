/**
 * The RPO over time: the settings recorded each time they changed give each job its own RPO
 * timeline, and compliance judges every moment by the RPO in force then.
 */
import { describe, expect, it } from 'vitest';
import { jobCompliance, type ComplianceRun } from '../../../src-main/common/compliance.js';
import { ledgerSplitMs, rpoTimeline, sameRpo, type RpoRecord } from '../../../src-main/common/rpo-timeline.js';
import { DEFAULT_SETTINGS } from '../../../src-main/common/settings.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 10, 1);
const appliance = { id: 'a1', vendor: 'spp' as const };
const job = { id: 'j1', type: null };

const record = (atMs: number, rpoHours: number, jobRpoHours?: number | null): RpoRecord => ({
  atMs,
  rpoSec: rpoHours * 3600,
  jobRpo: jobRpoHours === undefined ? {} : { 'a1/j1': { rpoSec: jobRpoHours === null ? null : jobRpoHours * 3600 } },
});

describe('rpoTimeline', () => {
  it('holds the current settings since always while nothing was recorded', () => {
    expect(rpoTimeline([], { ...DEFAULT_SETTINGS, rpoSec: 7200 }, appliance, job)).toEqual([{ fromMs: -Infinity, rpoSec: 7200 }]);
  });

  it('takes the oldest record as holding since always, and each later one from its time', () => {
    const records = [record(T0, 26), record(T0 + DAY, 48), record(T0 + 2 * DAY, 12)];
    expect(rpoTimeline(records, DEFAULT_SETTINGS, appliance, job)).toEqual([
      { fromMs: -Infinity, rpoSec: 26 * 3600 },
      { fromMs: T0 + DAY, rpoSec: 48 * 3600 },
      { fromMs: T0 + 2 * DAY, rpoSec: 12 * 3600 },
    ]);
  });

  it("follows a job's override while it is set, and the default again once it is removed", () => {
    const records = [
      record(T0, 26),
      record(T0 + DAY, 26, 4),
      record(T0 + 2 * DAY, 30, 4),
      record(T0 + 3 * DAY, 30),
      record(T0 + 4 * DAY, 30, null),
    ];
    expect(rpoTimeline(records, DEFAULT_SETTINGS, appliance, job)).toEqual([
      { fromMs: -Infinity, rpoSec: 26 * 3600 },
      // The default changed on day 2 while the override held: nothing changed for this job.
      { fromMs: T0 + DAY, rpoSec: 4 * 3600 },
      { fromMs: T0 + 3 * DAY, rpoSec: 30 * 3600 },
      { fromMs: T0 + 4 * DAY, rpoSec: null },
    ]);
    expect(rpoTimeline(records, DEFAULT_SETTINGS, appliance, { id: 'other', type: null }).map((s) => s.rpoSec)).toEqual([
      26 * 3600,
      30 * 3600,
    ]);
  });

  it('builds ledgers for the shortest RPO the job ever had, and none where it never had one', () => {
    expect(
      ledgerSplitMs([
        { fromMs: -Infinity, rpoSec: 26 * 3600 },
        { fromMs: T0, rpoSec: 3600 },
        { fromMs: T0 + DAY, rpoSec: null },
      ]),
    ).toBe(HOUR);
    expect(ledgerSplitMs([{ fromMs: -Infinity, rpoSec: null }])).toBe(0);
  });

  it('sees no change in the same RPOs written in another order', () => {
    const a = { rpoSec: 60, jobRpo: { x: { rpoSec: 1 }, y: { rpoSec: null } } };
    expect(sameRpo(a, { rpoSec: 60, jobRpo: { y: { rpoSec: null }, x: { rpoSec: 1 } } })).toBe(true);
    expect(sameRpo(a, { rpoSec: 60, jobRpo: { x: { rpoSec: 1 } } })).toBe(false);
    expect(sameRpo(a, { rpoSec: 61, jobRpo: a.jobRpo })).toBe(false);
  });
});

describe('compliance with the RPO changing over time', () => {
  // Nightly at 02:00, none on days 2 and 3: the last good run before the hole ended on day 1 at 02:00.
  const runs: ComplianceRun[] = [-1, 0, 1, 4, 5, 6].map((d) => ({ endMs: T0 + d * DAY + 2 * HOUR, protecting: true, failed: false }));
  const atRiskHours = (records: RpoRecord[]) => {
    const f = jobCompliance({
      period: { startMs: T0, endMs: T0 + 7 * DAY },
      nowMs: T0 + 30 * DAY,
      knownFromMs: -Infinity,
      runs,
      rpo: rpoTimeline(records, DEFAULT_SETTINGS, appliance, job),
      maintenance: [],
    });
    expect(f.countedMs).toBe(7 * DAY);
    return (f.countedMs - f.protectedMs) / HOUR;
  };

  it('judges by one RPO throughout when it never changed: 26 h leaves day 2 04:00 to day 4 02:00 at risk', () => {
    expect(atRiskHours([record(T0 - 30 * DAY, 26)])).toBe(46);
    expect(atRiskHours([record(T0 - 30 * DAY, 48)])).toBe(24);
  });

  it('judges the whole period by an RPO set before it', () => {
    expect(atRiskHours([record(T0 - 30 * DAY, 26), record(T0 - 5 * DAY, 48)])).toBe(24);
  });

  it('judges each side of a change mid-period by its own RPO', () => {
    // 26 h until day 2 12:00 (at risk from 04:00: 8 h), then 48 h (covered to day 3 02:00, then 24 h at risk).
    expect(atRiskHours([record(T0 - 30 * DAY, 26), record(T0 + 2 * DAY + 12 * HOUR, 48)])).toBe(32);
  });

  it('follows several changes, and does not count the time the RPO was off', () => {
    const records = [record(T0 - 30 * DAY, 26), record(T0 + 2 * DAY + 12 * HOUR, 48), record(T0 + 3 * DAY, 26)];
    // 8 h, then none, then from day 3 00:00 to the run of day 4 02:00.
    expect(atRiskHours(records)).toBe(34);
    const off = jobCompliance({
      period: { startMs: T0, endMs: T0 + 7 * DAY },
      nowMs: T0 + 30 * DAY,
      knownFromMs: -Infinity,
      runs,
      rpo: rpoTimeline(
        [record(T0 - 30 * DAY, 26), record(T0 + 2 * DAY, 26, null), record(T0 + 4 * DAY, 26)],
        DEFAULT_SETTINGS,
        appliance,
        job,
      ),
      maintenance: [],
    });
    expect([off.countedMs / HOUR, (off.countedMs - off.protectedMs) / HOUR]).toEqual([5 * 24, 2]);
  });
});
