/**
 * Which objects newly breached since the last judgement: an object that became unprotected or at
 * risk is news once per breach. A breach is named by the object and its newest good point, so the
 * same old point stays one breach (at risk for a failed run, then for its age) and a restart does
 * not repeat it (the notification ledger remembers the key). An object whose breach was held and
 * that is protected again is news too: its restoration. Pure.
 */
import { compareWorstFirst } from './object-order.js';
import type { FleetObjects, JudgedObject } from './object-status.js';
import type { ChangeEvent } from './snapshot.js';

/** Each breached object's breach (`breachOf`), with what its restoration would say of it, by object key. */
export type ObjectBreaches = ReadonlyMap<string, { readonly breach: string; readonly name: string; readonly applianceId: string }>;

const lastGoodPointOf = (object: JudgedObject): string | null =>
  object.lastGoodPointMs === null ? null : new Date(object.lastGoodPointMs).toISOString();

function breachOf(object: JudgedObject): string {
  return object.state === 'unprotected' ? 'unprotected' : `at_risk@${lastGoodPointOf(object) ?? 'never'}`;
}

const breachKeyOf = (objectKey: string, breach: string): string => `object_breached:${objectKey}:${breach}`;

/** The appliance an object's news is about: the first that backs it up, else the inventory that lists it. */
function applianceOf(object: JudgedObject): string | null {
  return object.backups[0]?.backup.applianceId ?? object.inventory?.inventoryId ?? null;
}

/** An event for each object `previous` held in breach that is protected now (not one excluded or gone). */
function restorations(previous: ObjectBreaches | null, judged: FleetObjects): ChangeEvent[] {
  if (previous === null || previous.size === 0) return [];
  return judged.objects.flatMap((view): ChangeEvent[] => {
    const was = view.state === 'protected' ? previous.get(view.key) : undefined;
    if (was === undefined) return [];
    return [
      {
        kind: 'object_restored',
        key: `object_restored:${view.key}:${was.breach}`,
        applianceId: applianceOf(view) ?? was.applianceId,
        objectKey: view.key,
        objectName: view.name,
        breachKey: breachKeyOf(view.key, was.breach),
        lastGoodPoint: lastGoodPointOf(view),
      },
    ];
  });
}

/**
 * The breaches of this judgement, an event for each that `previous` did not hold (every one when
 * there is no previous judgement: the ledger drops those already told), and one for each object
 * `previous` held in breach that is protected again.
 */
export function objectBreachChanges(
  previous: ObjectBreaches | null,
  judged: FleetObjects,
): { readonly events: ChangeEvent[]; readonly breaches: ObjectBreaches } {
  const breaches = new Map<string, { breach: string; name: string; applianceId: string }>();
  const breached: JudgedObject[] = [];
  for (const object of judged.problems) {
    const applianceId = applianceOf(object);
    if (applianceId === null) continue;
    const breach = breachOf(object);
    breaches.set(object.key, { breach, name: object.name, applianceId });
    if (previous?.get(object.key)?.breach !== breach) breached.push(object);
  }
  // Only the new breaches are ordered, worst first: a judgement may hold many old ones.
  const events = breached.sort(compareWorstFirst).map((object): ChangeEvent => {
    const { breach, applianceId } = breaches.get(object.key)!;
    return {
      kind: 'object_breached',
      key: breachKeyOf(object.key, breach),
      applianceId,
      objectKey: object.key,
      objectName: object.name,
      state: object.state === 'unprotected' ? 'unprotected' : 'at_risk',
      reason: object.verdict.state === 'at_risk' ? object.verdict.reason : null,
      lastGoodPoint: lastGoodPointOf(object),
      rpoSec: object.rpoSec,
    };
  });
  return { events: [...events, ...restorations(previous, judged)], breaches };
}
