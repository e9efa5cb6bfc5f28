/**
 * The shared judge of the objects: one judgement per set of reads whoever asks (the monitor's news,
 * the status, the server), a read that changed judged again alone, a changed rule or RPO judged
 * anew; and on randomized fleets, read after read, the same answers as the plain full judgement.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExclusionRule } from '../../../src-main/common/object-coverage.js';
import { cachedObjectJudge, type FleetObjects } from '../../../src-main/common/object-status.js';
import type { BackedUpObject, InventoryObject, PlatformRef } from '../../../src-main/common/protected-objects.js';
import type { Settings } from '../../../src-main/common/settings.js';
import type { ApplianceState, FleetState } from '../../../src-main/common/snapshot.js';
import { naiveJudgement, type NaiveJudgement } from '../../support/naive-object-judgement.js';
import { HOUR, T0, makeApplianceState, makeJob, makeSettings } from './factories.js';

const BACKUP_APPLIANCES = ['vbr-1', 'spp-1', 'vbr-2'] as const;
const INVENTORIES = ['vc-prod', 'vc-lab'] as const;
const NAMES = ['web-01', 'Web-01', 'db', 'fs-01', 'élan', 'zeta', 'alpha ', 'mail-01'];

const platform: fc.Arbitrary<PlatformRef> = fc.record({
  instanceUuid: fc.constantFrom('UUID-A', 'uuid-a', 'uuid-b'),
  moref: fc.constantFrom('vm-1', 'vm-2', 'vm-3', 'vm-4', 'vm-5'),
});
const pointMs = fc.option(fc.integer({ min: -60 * HOUR, max: 2 * HOUR }).map((ago) => T0 + ago));

const inventoryItem = (inventoryId: string): fc.Arbitrary<InventoryObject> =>
  fc.record({
    inventoryId: fc.constant(inventoryId),
    platform,
    name: fc.constantFrom(...NAMES),
    folder: fc.constantFrom(null, '/dc/prod', '/dc/prod/sub', '/dc/lab'),
    tags: fc.subarray(['lab', 'NoBackup']),
  });

const backupOf = (applianceId: string): fc.Arbitrary<BackedUpObject> =>
  fc.record({
    applianceId: fc.constant(applianceId),
    id: fc.integer({ min: 0, max: 9 }).map((n) => `o${n}`),
    name: fc.constantFrom(...NAMES),
    kind: fc.constantFrom('vm', 'vm', 'user', 'computer'),
    platform: fc.option(platform),
    jobIds: fc.subarray(['j1', 'j2', 'gone']),
    lastGoodPointMs: pointMs,
    lastFailureMs: pointMs,
  });

/** A read of each appliance: backups for the backup appliances, VMs for the inventories. */
const reads = fc.record({
  backups: fc.tuple(...BACKUP_APPLIANCES.map((id) => fc.array(backupOf(id), { maxLength: 8 }))),
  inventories: fc.tuple(...INVENTORIES.map((id) => fc.array(inventoryItem(id), { maxLength: 6 }))),
});

const exclusion: fc.Arbitrary<ExclusionRule> = fc.record({
  id: fc.constantFrom('r1', 'r2', 'r3'),
  applianceId: fc.constantFrom(null, 'vbr-1', 'vc-prod'),
  match: fc.oneof(
    fc.record({ kind: fc.constant('name' as const), pattern: fc.constantFrom('WEB-*', 'd?', '*') }),
    fc.record({ kind: fc.constant('folder' as const), folder: fc.constantFrom('/dc/prod', '/dc/prod/') }),
    fc.record({ kind: fc.constant('tag' as const), tag: fc.constantFrom('nobackup', 'lab') }),
    fc.record({ kind: fc.constant('object' as const), key: fc.constantFrom('vm:uuid-a/vm-1', 'vbr-1/o1') }),
  ),
});

const rpo = fc.constantFrom(null, HOUR / 1000, 6 * 3600, 48 * 3600);
const settings: fc.Arbitrary<Settings> = fc
  .record({
    rpoSec: fc.constantFrom(6 * 3600, 26 * 3600),
    jobRpo: fc.dictionary(fc.constantFrom('vbr-1/j1', 'spp-1/j2'), fc.record({ rpoSec: rpo }), { maxKeys: 2 }),
    objectRpo: fc.dictionary(fc.constantFrom('vm:uuid-a/vm-1', 'vm:uuid-b/vm-2', 'vbr-1/o1', 'spp-1/o2'), fc.record({ rpoSec: rpo }), {
      maxKeys: 3,
    }),
    objectExclusions: fc.array(exclusion, { maxLength: 3 }),
  })
  .map((picked) => makeSettings(picked));

type Reads = typeof reads extends fc.Arbitrary<infer T> ? T : never;

function fleetOf({ backups, inventories }: Reads, readAt: number): FleetState {
  const jobs = (applianceId: string) => [
    makeJob({ id: 'j1', applianceId, name: 'Nightly' }),
    makeJob({ id: 'j2', applianceId, type: 'log' }),
  ];
  const read = (backedUp: readonly BackedUpObject[], inventory: readonly InventoryObject[]) => ({
    backedUp,
    inventory,
    readAt: new Date(readAt).toISOString(),
    error: null,
  });
  const appliances: ApplianceState[] = [
    ...BACKUP_APPLIANCES.map((id, i) => ({
      ...makeApplianceState({ appliance: { id, name: id.toUpperCase(), vendor: id.startsWith('spp') ? 'spp' : 'vbr' }, jobs: jobs(id) }),
      objects: read(backups[i]!, []),
    })),
    ...INVENTORIES.map((id, i) => ({
      ...makeApplianceState({ appliance: { id, name: id, vendor: 'vcsa' } }),
      objects: read([], inventories[i]!),
    })),
  ];
  return { at: new Date(readAt).toISOString(), appliances };
}

/** The shared judge's answer is the plain judgement's: every view in order, the counts, the worst problems. */
function expectSameAs(judged: FleetObjects | null, naive: NaiveJudgement): void {
  if (judged === null) throw new Error('nothing judged');
  expect(judged.sorted().map(judged.view)).toEqual(naive.views);
  expect(judged.counts).toEqual(naive.counts);
  expect(judged.byAppliance.map(({ applianceId, counts }) => ({ applianceId, counts }))).toEqual(naive.byAppliance);
  expect(judged.coverage.map(({ applianceId, counts }) => ({ applianceId, counts }))).toEqual(naive.coverage);
  const problems = naive.views.filter((v) => v.state === 'unprotected' || v.state === 'at_risk');
  expect(judged.worstProblems().map(judged.view)).toEqual(problems.slice(0, 20));
  expect(judged.problems).toHaveLength(problems.length);
}

describe('the shared judge on randomized fleets', () => {
  it('answers as the plain full judgement, read after read, as time passes and the settings change', () => {
    const step = fc.record({ appliance: fc.nat(BACKUP_APPLIANCES.length + INVENTORIES.length - 1), reads, advanceMs: fc.nat(30 * HOUR) });
    fc.assert(
      fc.property(reads, settings, settings, fc.array(fc.tuple(step, fc.boolean()), { maxLength: 5 }), (first, one, other, steps) => {
        const judge = cachedObjectJudge();
        let now = T0;
        let fleet = fleetOf(first, now);
        expectSameAs(judge(fleet, one, now), naiveJudgement(fleet, one, now));
        for (const [{ appliance, reads: next, advanceMs }, switchSettings] of steps) {
          now += advanceMs;
          // One appliance read again: its read replaced by the step's read of that appliance.
          const replaced = fleetOf(next, now).appliances[appliance]!;
          fleet = { ...fleet, appliances: fleet.appliances.map((s, i) => (i === appliance ? replaced : s)) };
          const current = switchSettings ? other : one;
          expectSameAs(judge(fleet, current, now), naiveJudgement(fleet, current, now));
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('one judgement per read', () => {
  const backup = (id: string, applianceId = 'vbr-1'): BackedUpObject => ({
    applianceId,
    id,
    name: id,
    kind: 'vm',
    platform: null,
    jobIds: ['j1'],
    lastGoodPointMs: T0 - HOUR,
    lastFailureMs: null,
  });
  const fleet = fleetOf({ backups: [[backup('web-01'), backup('db-01')], [backup('sql-01', 'spp-1')], []], inventories: [[], []] }, T0);
  const settings = makeSettings();

  it('gives the monitor, the status and the server the same judgement of the same reads', () => {
    const judge = cachedObjectJudge();
    const monitorsFleet = fleet;
    // The status joins the polled states with the configured appliances: new objects, the same reads.
    const configuredFleet = { ...fleet, appliances: fleet.appliances.map((s) => ({ ...s, appliance: { ...s.appliance } })) };
    const forNews = judge(monitorsFleet, settings, T0);
    expect(judge(configuredFleet, settings, T0 + 1000)).toBe(forNews);
    expect(judge(configuredFleet, settings, T0 + 2000)).toBe(forNews);
  });

  it('judges again only the read that changed, and keeps the others’ judgements', () => {
    const judge = cachedObjectJudge();
    const before = judge(fleet, settings, T0)!;
    const sppRead = fleet.appliances[1]!;
    const objects = sppRead.objects!;
    // Read again as a connector reads: new lists, an empty inventory among them.
    const again = { ...sppRead, objects: { ...objects, backedUp: [...objects.backedUp], inventory: [] } };
    const reread = { ...fleet, appliances: fleet.appliances.map((s, i) => (i === 1 ? again : s)) };
    const after = judge(reread, settings, T0)!;
    expect(after).not.toBe(before);
    const backupsOf = (judged: FleetObjects, name: string) => judged.objects.find((o) => o.name === name)!.backups[0];
    expect(backupsOf(after, 'web-01')).toBe(backupsOf(before, 'web-01'));
    expect(backupsOf(after, 'sql-01')).not.toBe(backupsOf(before, 'sql-01'));
  });

  it('judges anew when an exclusion, an object’s RPO or a job’s RPO changes', () => {
    const judge = cachedObjectJudge();
    const state = (judged: FleetObjects | null, name: string) => judged?.objects.find((o) => o.name === name)?.state;
    expect(state(judge(fleet, settings, T0), 'web-01')).toBe('protected');
    const excluded = makeSettings({ objectExclusions: [{ id: 'r1', applianceId: null, match: { kind: 'name', pattern: 'web-*' } }] });
    expect(state(judge(fleet, excluded, T0), 'web-01')).toBe('excluded');
    const ownRpo = makeSettings({ objectRpo: { 'vbr-1/db-01': { rpoSec: 60 } } });
    expect(judge(fleet, ownRpo, T0)?.objects.find((o) => o.name === 'db-01')).toMatchObject({ state: 'at_risk', rpoOverridden: true });
    const jobRpo = makeSettings({ jobRpo: { 'vbr-1/j1': { rpoSec: 60 } } });
    expect(state(judge(fleet, jobRpo, T0), 'web-01')).toBe('at_risk');
    expect(state(judge(fleet, settings, T0), 'web-01')).toBe('protected');
  });
});
