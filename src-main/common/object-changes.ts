/**
 * Which objects newly breached since the last judgement: an object that became unprotected or at
 * risk is news once per breach. A breach is named by the object and its newest good point, so the
 * same old point stays one breach (at risk for a failed run, then for its age) and a restart does
 * not repeat it (the notification ledger remembers the key). Pure.
 */
import { compareWorstFirst } from './object-order.js';
import type { FleetObjects, JudgedObject } from './object-status.js';
import type { ChangeEvent } from './snapshot.js';

/** Each breached object's breach, by object key. */
export type ObjectBreaches = ReadonlyMap<string, string>;

const lastGoodPointOf = (object: JudgedObject): string | null =>
  object.lastGoodPointMs === null ? null : new Date(object.lastGoodPointMs).toISOString();

function breachOf(object: JudgedObject): string {
  return object.state === 'unprotected' ? 'unprotected' : `at_risk@${lastGoodPointOf(object) ?? 'never'}`;
}

/** The appliance an object's news is about: the first that backs it up, else the inventory that lists it. */
function applianceOf(object: JudgedObject): string | null {
  return object.backups[0]?.backup.applianceId ?? object.inventory?.inventoryId ?? null;
}

/**
 * The breaches of this judgement, and an event for each that `previous` did not hold (every one
 * when there is no previous judgement: the ledger drops those already told).
 */
export function objectBreachChanges(
  previous: ObjectBreaches | null,
  judged: FleetObjects,
): { readonly events: ChangeEvent[]; readonly breaches: ObjectBreaches } {
  const breaches = new Map<string, string>();
  const breached: JudgedObject[] = [];
  for (const object of judged.problems) {
    if (applianceOf(object) === null) continue;
    const breach = breachOf(object);
    breaches.set(object.key, breach);
    if (previous?.get(object.key) !== breach) breached.push(object);
  }
  // Only the new breaches are ordered, worst first: a judgement may hold many old ones.
  const events = breached.sort(compareWorstFirst).map((object): ChangeEvent => {
    const breach = breaches.get(object.key)!;
    const { verdict } = object;
    return {
      kind: 'object_breached',
      key: `object_breached:${object.key}:${breach}`,
      applianceId: applianceOf(object)!,
      objectKey: object.key,
      objectName: object.name,
      state: object.state === 'unprotected' ? 'unprotected' : 'at_risk',
      reason: verdict.state === 'at_risk' ? verdict.reason : null,
      lastGoodPoint: lastGoodPointOf(object),
      rpoSec: object.rpoSec,
    };
  });
  return { events, breaches };
}
