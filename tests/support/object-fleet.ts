/**
 * A fleet made of bare object reads, for tests of the objects' judgement: one appliance per
 * appliance id the backups and the inventories name (backups' first, in the order met), each with
 * its read and no jobs, judged with the default RPO and the given exclusions.
 */
import type { ExclusionRule } from '../../src-main/common/object-coverage.js';
import { judgeFleetObjects, type FleetObjects } from '../../src-main/common/object-status.js';
import type { BackedUpObject, InventoryObject } from '../../src-main/common/protected-objects.js';
import type { ApplianceState, FleetState } from '../../src-main/common/snapshot.js';
import { makeApplianceState, makeSettings } from '../unit/common/factories.js';

export interface ObjectReads {
  readonly backedUp?: readonly BackedUpObject[];
  readonly inventory?: readonly InventoryObject[];
}

/** The fleet whose appliances read these objects, each named after its id. */
export function objectFleet({ backedUp = [], inventory = [] }: ObjectReads, readAt: number): FleetState {
  const ids = [...new Set([...backedUp.map((b) => b.applianceId), ...inventory.map((i) => i.inventoryId)])];
  const appliances = ids.map((id): ApplianceState => ({
    ...makeApplianceState({ appliance: { id, name: id } }),
    objects: {
      backedUp: backedUp.filter((b) => b.applianceId === id),
      inventory: inventory.filter((i) => i.inventoryId === id),
      readAt: new Date(readAt).toISOString(),
      error: null,
    },
  }));
  return { at: new Date(readAt).toISOString(), appliances };
}

/** These reads judged at `now`. */
export function judgeReads(reads: ObjectReads & { readonly exclusions?: readonly ExclusionRule[] }, now: number): FleetObjects {
  return judgeFleetObjects(objectFleet(reads, now), makeSettings({ objectExclusions: reads.exclusions ?? [] }), now)!;
}
