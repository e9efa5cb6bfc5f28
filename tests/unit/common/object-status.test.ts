import { describe, expect, it } from 'vitest';
import { objectBreachChanges } from '../../../src-main/common/object-changes.js';
import { queryObjects } from '../../../src-main/common/object-query.js';
import { cachedObjectJudge, judgeFleetObjects, withObjectSummary, type FleetObjects } from '../../../src-main/common/object-status.js';
import type { ApplianceObjects } from '../../../src-main/common/object-views.js';
import type { BackedUpObject, InventoryObject } from '../../../src-main/common/protected-objects.js';
import type { ApplianceState, StatusSnapshot } from '../../../src-main/common/snapshot.js';
import { HOUR, T0, makeApplianceState, makeFleet, makeJob, makeSession, makeSettings, snapshotOf } from './factories.js';

const UUID = '5a1d2c3e-0000-4000-8000-00000000a001';

function backup(id: string, jobIds: readonly string[], goodAgoMs: number | null, patch: Partial<BackedUpObject> = {}): BackedUpObject {
  return {
    applianceId: 'a1',
    id,
    name: id,
    kind: 'vm',
    platform: null,
    jobIds,
    lastGoodPointMs: goodAgoMs === null ? null : T0 - goodAgoMs,
    lastFailureMs: null,
    ...patch,
  };
}

const vm = (name: string, moref: string, extra: Partial<InventoryObject> = {}): InventoryObject => ({
  inventoryId: 'vc',
  platform: { instanceUuid: UUID, moref },
  name,
  folder: null,
  tags: [],
  ...extra,
});

function objectsOf(backedUp: BackedUpObject[], inventory: InventoryObject[] = []): ApplianceObjects {
  return { backedUp, inventory, readAt: new Date(T0).toISOString(), error: null };
}

/** The backup appliance a1 with two jobs, and the vCenter vc whose inventory lists VMs. */
function fleet(backedUp: BackedUpObject[], inventory: InventoryObject[] = [], patch: Partial<ApplianceState> = {}) {
  const backupAppliance = {
    ...makeApplianceState({ jobs: [makeJob({ id: 'nightly', name: 'Nightly' }), makeJob({ id: 'hourly', name: 'Hourly' })] }),
    objects: objectsOf(backedUp),
    ...patch,
  };
  const vcenter = {
    ...makeApplianceState({ appliance: { id: 'vc', name: 'vcenter-prod', vendor: 'vcsa' } }),
    objects: objectsOf([], inventory),
  };
  return makeFleet([backupAppliance, vcenter]);
}

const states = (judged: FleetObjects | null) => Object.fromEntries((judged?.objects ?? []).map((o) => [o.name, o.state]));

describe('judgeFleetObjects', () => {
  it('judges an object against the strictest RPO of the jobs that cover it', () => {
    const settings = makeSettings({ rpoSec: 26 * 3600, jobRpo: { 'a1/hourly': { rpoSec: 6 * 3600 } } });
    const judged = judgeFleetObjects(
      fleet([backup('web-01', ['nightly', 'hourly'], 8 * HOUR), backup('db-01', ['nightly'], 8 * HOUR)]),
      settings,
      T0,
    );
    expect(states(judged)).toEqual({ 'web-01': 'at_risk', 'db-01': 'protected' });
    expect(judged?.objects[0]).toMatchObject({
      rpoSec: 6 * 3600,
      rpoOverridden: false,
      reason: 'point_too_old',
      backups: [
        {
          jobs: [
            { jobId: 'nightly', jobName: 'Nightly' },
            { jobId: 'hourly', jobName: 'Hourly' },
          ],
        },
      ],
    });
  });

  it("takes an object's own RPO over its jobs', and null switches its check off", () => {
    const judged = judgeFleetObjects(
      fleet([backup('web-01', ['nightly'], 30 * HOUR), backup('db-01', ['nightly'], 8 * HOUR)]),
      makeSettings({ objectRpo: { 'a1/web-01': { rpoSec: null }, 'a1/db-01': { rpoSec: 4 * 3600 } } }),
      T0,
    );
    expect(states(judged)).toEqual({ 'web-01': 'protected', 'db-01': 'at_risk' });
    expect(judged?.objects.find((o) => o.name === 'db-01')).toMatchObject({ rpoSec: 4 * 3600, rpoOverridden: true });
  });

  it('lists and counts excluded objects apart, by a global rule and by a rule of one appliance', () => {
    const settings = makeSettings({
      objectExclusions: [
        { id: 'r1', applianceId: null, match: { kind: 'name', pattern: 'test-*' } },
        { id: 'r2', applianceId: 'other', match: { kind: 'tag', tag: 'lab' } },
        { id: 'r3', applianceId: 'vc', match: { kind: 'folder', folder: '/dc/old' } },
      ],
    });
    const inventory = [
      vm('test-07', 'vm-7'),
      vm('lab-01', 'vm-8', { tags: ['lab'] }),
      vm('web-old-01', 'vm-9', { folder: '/dc/old/2019' }),
    ];
    const judged = judgeFleetObjects(fleet([], inventory), settings, T0);
    expect(states(judged)).toEqual({ 'test-07': 'excluded', 'lab-01': 'unprotected', 'web-old-01': 'excluded' });
    expect(judged?.counts).toEqual({ unprotected: 1, at_risk: 0, protected: 0, excluded: 2 });
    expect(judged?.objects.map((o) => o.excludedBy)).toEqual([null, 'r1', 'r3']);
  });

  it('counts the coverage of each inventory: the protected share of what is not excluded', () => {
    const inventory = [vm('web-01', 'vm-1'), vm('web-02', 'vm-2'), vm('test-07', 'vm-7')];
    const judged = judgeFleetObjects(
      fleet([backup('web-01', ['nightly'], HOUR, { platform: { instanceUuid: UUID, moref: 'vm-1' } })], inventory),
      makeSettings(),
      T0,
    );
    expect(judged?.coverage).toEqual([
      { applianceId: 'vc', applianceName: 'vcenter-prod', counts: { unprotected: 2, at_risk: 0, protected: 1, excluded: 0 }, ratio: 1 / 3 },
    ]);
  });

  it('leaves out a paused appliance, and says nothing before any read', () => {
    const paused = fleet([backup('web-01', ['nightly'], null)], [], { appliance: { ...makeApplianceState().appliance, enabled: false } });
    expect(states(judgeFleetObjects(paused, makeSettings(), T0))).toEqual({});
    expect(judgeFleetObjects(makeFleet([makeApplianceState()]), makeSettings(), T0)).toBeNull();
  });
});

describe('withObjectSummary', () => {
  const calm = (): StatusSnapshot =>
    snapshotOf(makeFleet([makeApplianceState({ jobs: [makeJob()], sessions: [makeSession()] })]), makeSettings(), T0);

  it('turns the tray at risk for unprotected objects, and never lightens a failure', () => {
    const judged = judgeFleetObjects(fleet([], [vm('web-old-01', 'vm-9')]), makeSettings(), T0);
    expect(calm().overall).not.toBe('at_risk');
    expect(withObjectSummary(calm(), judged).overall).toBe('at_risk');
    expect(withObjectSummary({ ...calm(), overall: 'failed' }, judged).overall).toBe('failed');
    const fine = judgeFleetObjects(fleet([backup('web-01', ['nightly'], HOUR)]), makeSettings(), T0);
    expect(withObjectSummary(calm(), fine).overall).toBe(calm().overall);
  });

  it('lists the worst 20 problem objects by name and counts the rest', () => {
    const inventory = Array.from({ length: 34 }, (_, i) => vm(`vm-${String(i).padStart(2, '0')}`, `vm-${i}`));
    const summary = withObjectSummary(calm(), judgeFleetObjects(fleet([], inventory), makeSettings(), T0)).objects;
    expect(summary?.problems).toHaveLength(20);
    expect(summary?.problemsOmitted).toBe(14);
    expect(summary?.counts.unprotected).toBe(34);
  });
});

describe('cachedObjectJudge', () => {
  it('gives the same judgement for the same reads until a protected point grows too old', () => {
    const judge = cachedObjectJudge();
    const settings = makeSettings({ rpoSec: 2 * 3600 });
    const input = fleet([backup('web-01', ['nightly'], HOUR)]);
    const first = judge(input, settings, T0);
    expect(judge(input, settings, T0 + 30 * 60_000)).toBe(first);
    expect(states(judge(input, settings, T0 + HOUR + 1))).toEqual({ 'web-01': 'at_risk' });
  });
});

describe('objectBreachChanges', () => {
  const settings = makeSettings({ rpoSec: 26 * 3600 });
  const judgedAt = (goodAgoMs: number, failedAgoMs: number | null = null) =>
    judgeFleetObjects(
      fleet([backup('web-prod-02', ['nightly'], goodAgoMs, { lastFailureMs: failedAgoMs === null ? null : T0 - failedAgoMs })]),
      settings,
      T0,
    )!;

  it('tells each breach once: the same old point stays one breach, a newer point that grows old is another', () => {
    const failed = objectBreachChanges(null, judgedAt(2 * HOUR, HOUR));
    expect(failed.events).toMatchObject([{ kind: 'object_breached', objectName: 'web-prod-02', reason: 'last_run_failed' }]);
    const aged = objectBreachChanges(failed.breaches, judgedAt(2 * HOUR + 0, HOUR));
    expect(aged.events).toEqual([]);
    const healthy = objectBreachChanges(aged.breaches, judgedAt(HOUR));
    expect(healthy.breaches.size).toBe(0);
    expect(healthy.events).toMatchObject([
      {
        kind: 'object_restored',
        objectName: 'web-prod-02',
        breachKey: failed.events[0]!.key,
        lastGoodPoint: new Date(T0 - HOUR).toISOString(),
      },
    ]);
    expect(objectBreachChanges(healthy.breaches, judgedAt(HOUR)).events).toEqual([]);
    const again = objectBreachChanges(healthy.breaches, judgedAt(30 * HOUR));
    expect(again.events.map((e) => e.key)).toEqual([`object_breached:a1/web-prod-02:at_risk@${new Date(T0 - 30 * HOUR).toISOString()}`]);
  });
});

describe('queryObjects', () => {
  it('filters by state, appliance and text, and keeps the fleet counts whatever the filter', () => {
    const judged = judgeFleetObjects(
      fleet([backup('web-01', ['nightly'], HOUR)], [vm('web-old-01', 'vm-9', { tags: ['Legacy'] }), vm('test-07', 'vm-7')]),
      makeSettings(),
      T0,
    );
    const list = queryObjects(judged, { states: ['unprotected'], text: 'legacy' }, []);
    expect(list.objects.map((o) => o.name)).toEqual(['web-old-01']);
    expect(list).toMatchObject({ matching: 1, counts: { unprotected: 2, protected: 1 } });
    expect(queryObjects(judged, { applianceId: 'a1' }, []).objects.map((o) => o.name)).toEqual(['web-01']);
    expect(queryObjects(judged, { limit: 1 }, [])).toMatchObject({ matching: 3, objects: [{ name: 'test-07' }] });
  });
});
