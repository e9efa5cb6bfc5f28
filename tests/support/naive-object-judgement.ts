/**
 * The objects' judgement done the plain way, as a reference for the shared judge and as the
 * bench's naive path: every object grouped, judged and given its full view on every call, sorted
 * with `localeCompare`. Written from the rules (protected-objects.ts, the coverage rules) and not
 * from the judge, so that a test comparing the two compares two readings of the rules.
 */
import { exclusionJudge, indexInventory, objectKeyOf } from '../../src-main/common/object-coverage.js';
import type { ObjectCounts, ObjectView } from '../../src-main/common/object-views.js';
import { bestVerdict, judgeBackedUp, OBJECT_STATES } from '../../src-main/common/protected-objects.js';
import type { BackedUpObject, InventoryObject, ObjectState } from '../../src-main/common/protected-objects.js';
import { rpoSecOf } from '../../src-main/common/protection.js';
import type { Settings } from '../../src-main/common/settings.js';
import type { FleetState } from '../../src-main/common/snapshot.js';

export interface NaiveJudgement {
  /** Every object's view, worst first, then by name and key. */
  readonly views: ObjectView[];
  readonly counts: ObjectCounts;
  /** Per read appliance, in the fleet's order: the objects it backs up or lists, by state. */
  readonly byAppliance: { applianceId: string; counts: ObjectCounts }[];
  /** Per inventory listing any object, in the fleet's order. */
  readonly coverage: { applianceId: string; counts: ObjectCounts }[];
}

const zero = (): Record<ObjectState, number> => ({ unprotected: 0, at_risk: 0, protected: 0, excluded: 0 });
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const minOf = (rpos: (number | null)[], none: number) =>
  rpos.length === 0 ? none : rpos.every((r) => r === null) ? null : Math.min(...rpos.filter((r): r is number => r !== null));

export function naiveJudgement(fleet: FleetState, settings: Settings, now: number): NaiveJudgement {
  const read = fleet.appliances.filter((s) => s.objects !== undefined && s.appliance.enabled);
  const inventory = read.flatMap((s) => s.objects!.inventory);
  const { byKey, byName } = indexInventory(inventory);
  const groups = new Map<string, { inventory: InventoryObject | null; backups: BackedUpObject[] }>();
  for (const [key, item] of byKey) groups.set(key, { inventory: item, backups: [] });
  for (const backup of read.flatMap((s) => s.objects!.backedUp)) {
    const key = objectKeyOf(backup, byName);
    if (!groups.has(key)) groups.set(key, { inventory: null, backups: [] });
    groups.get(key)!.backups.push(backup);
  }
  const states = new Map(read.map((s) => [s.appliance.id, s]));
  const stateOf = (id: string) => states.get(id)!;
  const jobRpo = (b: BackedUpObject) =>
    minOf(
      b.jobIds.map((id) =>
        rpoSecOf(settings, stateOf(b.applianceId).appliance, stateOf(b.applianceId).jobs.find((j) => j.id === id) ?? { id, type: null }),
      ),
      settings.rpoSec,
    );
  const excludedBy = exclusionJudge(settings.objectExclusions);
  const views = [...groups].map(([key, { inventory: item, backups }]): ObjectView => {
    const name = item ? item.name : backups[0]!.name;
    const own = settings.objectRpo[key];
    const rule = excludedBy({ key, name, inventory: item, applianceIds: backups.map((b) => b.applianceId) });
    const verdict = rule
      ? ({ state: 'excluded', rule: rule.id } as const)
      : bestVerdict(backups.map((b) => judgeBackedUp(b, own ? own.rpoSec : jobRpo(b), now)));
    const goods = backups.flatMap((b) => (b.lastGoodPointMs === null ? [] : [b.lastGoodPointMs]));
    const applianceName = (id: string) => stateOf(id).appliance.name;
    return {
      key,
      name,
      kind: item ? 'vm' : backups[0]!.kind,
      state: verdict.state,
      reason: verdict.state === 'at_risk' ? verdict.reason : null,
      acknowledged: false,
      excludedBy: rule ? rule.id : null,
      lastGoodPoint: iso(goods.length ? Math.max(...goods) : null),
      rpoSec: own ? own.rpoSec : minOf(backups.map(jobRpo), settings.rpoSec),
      rpoOverridden: own !== undefined,
      inventory: item && {
        applianceId: item.inventoryId,
        applianceName: applianceName(item.inventoryId),
        folder: item.folder,
        tags: item.tags,
      },
      matchedBy: !item || backups.length === 0 ? null : backups.some((b) => b.platform) ? 'platform' : 'name',
      backups: backups.map((b) => ({
        applianceId: b.applianceId,
        applianceName: applianceName(b.applianceId),
        objectId: b.id,
        jobs: b.jobIds.map((jobId) => ({ jobId, jobName: stateOf(b.applianceId).jobs.find((j) => j.id === jobId)?.name ?? jobId })),
        lastGoodPoint: iso(b.lastGoodPointMs),
        lastFailure: iso(b.lastFailureMs),
      })),
    };
  });
  views.sort(
    (a, b) =>
      OBJECT_STATES.indexOf(a.state) - OBJECT_STATES.indexOf(b.state) ||
      a.name.localeCompare(b.name) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  const counts = zero();
  const byAppliance = new Map(read.map((s) => [s.appliance.id, zero()]));
  const byInventory = new Map(read.map((s) => [s.appliance.id, zero()]));
  for (const view of views) {
    counts[view.state]++;
    const touched = new Set([...(view.inventory ? [view.inventory.applianceId] : []), ...view.backups.map((b) => b.applianceId)]);
    for (const id of touched) byAppliance.get(id)![view.state]++;
    if (view.inventory) byInventory.get(view.inventory.applianceId)![view.state]++;
  }
  return {
    views,
    counts,
    byAppliance: [...byAppliance].map(([applianceId, row]) => ({ applianceId, counts: row })),
    coverage: [...byInventory]
      .map(([applianceId, row]) => ({ applianceId, counts: row }))
      .filter((c) => Object.values(c.counts).some((n) => n > 0)),
  };
}
