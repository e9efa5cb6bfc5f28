/**
 * A machine's compliance from the jobs that back it up: protected while any of them protects it,
 * a gap only where all of them are at risk (with its dates), the maintenance of any of them left
 * out, and a machine nothing backs up listed with no share and the reason, never as 100 %.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { complianceTime } from '../../../src-main/common/compliance-time.js';
import { summarizeRuns, summaryCompliance, type ComplianceRun } from '../../../src-main/common/compliance.js';
import { normalize, union, type Interval } from '../../../src-main/common/intervals.js';
import { machineCompliance, machinesCompliance, type JobTime } from '../../../src-main/common/object-compliance.js';
import type { BackedUpObject, InventoryObject } from '../../../src-main/common/protected-objects.js';
import { judgeReads } from '../../support/object-fleet.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 10, 1);
const PERIOD: Interval = { startMs: T0, endMs: T0 + 7 * DAY };
const NOW = T0 + 8 * DAY;

const ok = (endMs: number): ComplianceRun => ({ endMs, protecting: true, failed: false });
const failed = (endMs: number): ComplianceRun => ({ endMs, protecting: false, failed: true });
/** A run every night at `hour`, from the night before the period to its last; the nights in `failing` fail. */
const nightly = (hour: number, failing: readonly number[] = []): ComplianceRun[] =>
  Array.from({ length: 8 }, (_, i) => i - 1).map((d) => (failing.includes(d) ? failed : ok)(T0 + d * DAY + hour * HOUR));

/** A job's time and figures as the report's read makes them (RPO 26 h). */
function jobTime(runs: readonly ComplianceRun[], maintenance: readonly Interval[] = []): JobTime {
  const input = {
    period: PERIOD,
    nowMs: NOW,
    knownFromMs: -Infinity,
    rpo: [{ fromMs: -Infinity, rpoSec: 26 * 3600 }],
    maintenance,
    summary: summarizeRuns(runs, NOW, PERIOD),
  };
  const lastSuccessMs = Math.max(...runs.filter((r) => r.protecting).map((r) => r.endMs));
  return { time: () => complianceTime(input), figures: summaryCompliance(input), lastSuccessMs };
}

describe('machineCompliance', () => {
  it('counts a machine protected while one of its jobs fails and the other protects it', () => {
    const failing = jobTime(nightly(2, [1, 2, 3, 4]));
    const protecting = jobTime(nightly(14));
    expect(failing.figures.share).toBeLessThan(0.6);
    const machine = machineCompliance([failing, protecting], null);
    expect(machine.figures.share).toBe(1);
    expect(machine.figures.longestGap).toBeNull();
    expect(machine.figures.runs).toBe(failing.figures.runs + protecting.figures.runs);
    expect(machine.figures.failedRuns).toBe(4);
    expect(machine.noShare).toBeNull();
  });

  it('names the gap where both jobs were at risk, with its dates', () => {
    // The 02:00 job covers until night 1 + 26 h; the 14:00 one until night 2 + 26 h: at risk from then to night 5 at 02:00.
    const machine = machineCompliance([jobTime(nightly(2, [2, 3, 4])), jobTime(nightly(14, [3, 4, 5]))], null);
    const from = T0 + 2 * DAY + 14 * HOUR + 26 * HOUR;
    const to = T0 + 5 * DAY + 2 * HOUR;
    expect(machine.figures.longestGap).toEqual({ startMs: from, endMs: to, unprotectedMs: to - from });
    expect(machine.figures.protectedMs).toBe(7 * DAY - (to - from));
  });

  it('leaves out the maintenance of either job, and bridges the gap across it', () => {
    // Night 3 to night 4 at 00:00 in the 02:00 job's window: left out of the machine's time, the gap around it one gap.
    const window = { startMs: T0 + 4 * DAY, endMs: T0 + 4 * DAY + 2 * HOUR };
    const without = machineCompliance([jobTime(nightly(2, [2, 3, 4])), jobTime(nightly(14, [3, 4, 5]))], null);
    const within = machineCompliance([jobTime(nightly(2, [2, 3, 4]), [window]), jobTime(nightly(14, [3, 4, 5]))], null);
    expect(without.figures.countedMs - within.figures.countedMs).toBe(2 * HOUR);
    expect(within.figures.longestGap!.startMs).toBe(without.figures.longestGap!.startMs);
    expect(within.figures.longestGap!.endMs).toBe(without.figures.longestGap!.endMs);
    expect(within.figures.longestGap!.unprotectedMs).toBe(without.figures.longestGap!.unprotectedMs - 2 * HOUR);
  });

  it('takes the machine’s newest good point as its last success, else its jobs’ newest good run', () => {
    const jobs = [jobTime(nightly(2)), jobTime(nightly(14))];
    expect(machineCompliance(jobs, T0).lastSuccessMs).toBe(T0);
    expect(machineCompliance(jobs, null).lastSuccessMs).toBe(T0 + 6 * DAY + 14 * HOUR);
  });
});

const vm = (moref: string, name: string): InventoryObject => ({
  inventoryId: 'vc',
  platform: { instanceUuid: 'uuid-vc', moref },
  name,
  folder: null,
  tags: name === 'scratch' ? ['NoBackup'] : [],
});
const backup = (applianceId: string, id: string, moref: string, jobIds: string[]): BackedUpObject => ({
  applianceId,
  id,
  name: id,
  kind: 'vm',
  platform: { instanceUuid: 'uuid-vc', moref },
  jobIds,
  lastGoodPointMs: null,
  lastFailureMs: null,
});

describe('machinesCompliance', () => {
  const judged = judgeReads(
    {
      inventory: [vm('vm-1', 'web-01'), vm('vm-2', 'orphan'), vm('vm-3', 'scratch')],
      backedUp: [backup('vbr', 'a', 'vm-1', ['nightly']), backup('spp', 'b', 'vm-1', ['daily']), backup('spp', 'c', 'vm-3', ['daily'])],
      exclusions: [{ id: 'r1', applianceId: null, match: { kind: 'tag', tag: 'NoBackup' } }],
    },
    NOW,
  );
  const times = new Map([
    ['vbr nightly', jobTime(nightly(2, [1, 2, 3, 4, 5]))],
    ['spp daily', jobTime(nightly(14, [6]))],
  ]);
  const jobTimeOf = (applianceId: string, jobId: string) => times.get(`${applianceId} ${jobId}`);

  it('makes one machine of a VM two appliances back up, protected while either protects it', () => {
    const { machines, excluded } = machinesCompliance(judged.objects, jobTimeOf, null);
    const web = machines.find((m) => m.object.name === 'web-01')!;
    expect(machines.filter((m) => m.object.name === 'web-01')).toHaveLength(1);
    expect(web.applianceIds).toEqual(['vbr', 'spp']);
    expect(web.figures.share).toBe(1);
    expect(web.figures.failedRuns).toBe(6);
    expect(excluded).toBe(1);
    expect(machines.map((m) => m.object.name)).not.toContain('scratch');
  });

  it('lists a machine no job backs up with no share and the reason', () => {
    const orphan = machinesCompliance(judged.objects, jobTimeOf, null).machines.find((m) => m.object.name === 'orphan')!;
    expect(orphan.figures.share).toBeNull();
    expect(orphan.figures.countedMs).toBe(0);
    expect(orphan.noShare).toBe('in_no_backup');
  });

  it('counts in a report on one appliance only that appliance’s backups', () => {
    const spp = machinesCompliance(judged.objects, jobTimeOf, 'spp').machines;
    expect(spp.map((m) => m.object.name)).toEqual(['web-01']);
    expect(spp[0]!.figures.share).toBe(times.get('spp daily')!.figures.share);
    const vc = machinesCompliance(judged.objects, jobTimeOf, 'vc').machines;
    expect(vc.map((m) => [m.object.name, m.noShare])).toEqual([['orphan', 'in_no_backup']]);
  });

  it('says a machine whose jobs have no stored run has no history', () => {
    const none = machinesCompliance(judged.objects, () => undefined, null).machines.find((m) => m.object.name === 'web-01')!;
    expect([none.figures.share, none.noShare]).toEqual([null, 'no_history']);
  });
});

describe('union', () => {
  it('merges two normalized sets into the normalized set of their time', () => {
    const set = fc
      .array(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 20 })))
      .map((pairs) => normalize(pairs.map(([startMs, length]) => ({ startMs, endMs: startMs + length }))));
    fc.assert(
      fc.property(set, set, (a, b) => {
        expect(union(a, b)).toEqual(normalize([...a, ...b]));
      }),
    );
  });
});
