/** The Machines view's question asked of the judged objects: by appliance, state and text. Pure. */
import type { ExclusionRule } from './object-coverage.js';
import type { FleetObjects } from './object-status.js';
import { zeroObjectCounts } from './object-status.js';
import type { ObjectList, ObjectQuery, ObjectView } from './object-views.js';

/** Objects listed when the query names no limit. */
export const OBJECT_LIST_DEFAULT_LIMIT = 1_000;

function matchesText(view: ObjectView, needle: string): boolean {
  const haystack = [view.name, view.key, view.inventory?.folder ?? '', ...(view.inventory?.tags ?? [])];
  return haystack.some((part) => part.toLowerCase().includes(needle));
}

function touches(view: ObjectView, applianceId: string): boolean {
  return view.inventory?.applianceId === applianceId || view.backups.some((b) => b.applianceId === applianceId);
}

/** The objects a query asks for, worst first, with the whole fleet's counts beside them. */
export function queryObjects(judged: FleetObjects | null, query: ObjectQuery, exclusions: readonly ExclusionRule[]): ObjectList {
  const states = query.states && query.states.length > 0 ? new Set(query.states) : null;
  const needle = query.text?.trim().toLowerCase() ?? '';
  const matching = (judged?.objects ?? []).filter(
    (view) =>
      (query.applianceId === undefined || touches(view, query.applianceId)) &&
      (states === null || states.has(view.state)) &&
      (needle === '' || matchesText(view, needle)),
  );
  return {
    objects: matching.slice(0, query.limit ?? OBJECT_LIST_DEFAULT_LIMIT),
    matching: matching.length,
    counts: judged?.counts ?? zeroObjectCounts(),
    coverage: judged?.coverage ?? [],
    reads: judged?.reads ?? [],
    exclusions,
  };
}
