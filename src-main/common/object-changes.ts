/**
 * Which objects newly breached since the last judgement: an object that became unprotected or at
 * risk is news once per breach. A breach is named by the object and its newest good point, so the
 * same old point stays one breach (at risk for a failed run, then for its age) and a restart does
 * not repeat it (the notification ledger remembers the key). An object whose breach was held and
 * that is protected again is news too: its restoration. Pure.
 */
import type { FleetObjects } from './object-status.js';
import { isProblemObject } from './object-status.js';
import type { ObjectView } from './object-views.js';
import type { ChangeEvent } from './snapshot.js';

/** Each breached object's breach (`breachOf`), with what its restoration would say of it, by object key. */
export type ObjectBreaches = ReadonlyMap<string, { readonly breach: string; readonly name: string; readonly applianceId: string }>;

function breachOf(view: ObjectView): string {
  return view.state === 'unprotected' ? 'unprotected' : `at_risk@${view.lastGoodPoint ?? 'never'}`;
}

const breachKeyOf = (objectKey: string, breach: string): string => `object_breached:${objectKey}:${breach}`;

/** The appliance an object's news is about: the first that backs it up, else the inventory that lists it. */
function applianceOf(view: ObjectView): string | null {
  return view.backups[0]?.applianceId ?? view.inventory?.applianceId ?? null;
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
        lastGoodPoint: view.lastGoodPoint,
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
  const events: ChangeEvent[] = [];
  for (const view of judged.objects) {
    const applianceId = applianceOf(view);
    if (!isProblemObject(view) || applianceId === null) continue;
    const breach = breachOf(view);
    breaches.set(view.key, { breach, name: view.name, applianceId });
    if (previous?.get(view.key)?.breach === breach) continue;
    events.push({
      kind: 'object_breached',
      key: breachKeyOf(view.key, breach),
      applianceId,
      objectKey: view.key,
      objectName: view.name,
      state: view.state === 'unprotected' ? 'unprotected' : 'at_risk',
      reason: view.reason,
      lastGoodPoint: view.lastGoodPoint,
      rpoSec: view.rpoSec,
    });
  }
  return { events: [...events, ...restorations(previous, judged)], breaches };
}
