/**
 * Which objects newly breached since the last judgement: an object that became unprotected or at
 * risk is news once per breach. A breach is named by the object and its newest good point, so the
 * same old point stays one breach (at risk for a failed run, then for its age) and a restart does
 * not repeat it (the notification ledger remembers the key). Pure.
 */
import type { FleetObjects } from './object-status.js';
import { isProblemObject } from './object-status.js';
import type { ObjectView } from './object-views.js';
import type { ChangeEvent } from './snapshot.js';

/** Each breached object's breach, by object key. */
export type ObjectBreaches = ReadonlyMap<string, string>;

function breachOf(view: ObjectView): string {
  return view.state === 'unprotected' ? 'unprotected' : `at_risk@${view.lastGoodPoint ?? 'never'}`;
}

/** The appliance an object's news is about: the first that backs it up, else the inventory that lists it. */
function applianceOf(view: ObjectView): string | null {
  return view.backups[0]?.applianceId ?? view.inventory?.applianceId ?? null;
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
  const events: ChangeEvent[] = [];
  for (const view of judged.objects) {
    const applianceId = applianceOf(view);
    if (!isProblemObject(view) || applianceId === null) continue;
    const breach = breachOf(view);
    breaches.set(view.key, breach);
    if (previous?.get(view.key) === breach) continue;
    events.push({
      kind: 'object_breached',
      key: `object_breached:${view.key}:${breach}`,
      applianceId,
      objectKey: view.key,
      objectName: view.name,
      state: view.state === 'unprotected' ? 'unprotected' : 'at_risk',
      reason: view.reason,
      lastGoodPoint: view.lastGoodPoint,
      rpoSec: view.rpoSec,
    });
  }
  return { events, breaches };
}
