/**
 * The Machines view's question asked of the judged objects: by appliance, state and text, worst
 * first, a page at a time. Only the page's objects are given their full view. Pure.
 */
import type { ExclusionRule } from './object-coverage.js';
import type { FleetObjects, JudgedObject } from './object-status.js';
import { zeroObjectCounts } from './object-status.js';
import type { ObjectList, ObjectQuery } from './object-views.js';

/** Objects listed when the query names no limit. */
export const OBJECT_LIST_DEFAULT_LIMIT = 1_000;

function matchesText(object: JudgedObject, needle: string): boolean {
  const haystack = [object.name, object.key, object.inventory?.folder ?? '', ...(object.inventory?.tags ?? [])];
  return haystack.some((part) => part.toLowerCase().includes(needle));
}

function touches(object: JudgedObject, applianceId: string): boolean {
  return object.inventory?.inventoryId === applianceId || object.backups.some((b) => b.backup.applianceId === applianceId);
}

/** The objects a query asks for, worst first, with the whole fleet's counts beside them. */
export function queryObjects(judged: FleetObjects | null, query: ObjectQuery, exclusions: readonly ExclusionRule[]): ObjectList {
  const states = query.states && query.states.length > 0 ? new Set(query.states) : null;
  const needle = query.text?.trim().toLowerCase() ?? '';
  const ordered = judged?.sorted() ?? [];
  const filtered = query.applianceId !== undefined || states !== null || needle !== '';
  const matching = filtered
    ? ordered.filter(
        (object) =>
          (query.applianceId === undefined || touches(object, query.applianceId)) &&
          (states === null || states.has(object.state)) &&
          (needle === '' || matchesText(object, needle)),
      )
    : ordered;
  const offset = query.offset ?? 0;
  const page = matching.slice(offset, offset + (query.limit ?? OBJECT_LIST_DEFAULT_LIMIT));
  return {
    objects: judged === null ? [] : page.map(judged.view),
    matching: matching.length,
    counts: judged?.counts ?? zeroObjectCounts(),
    coverage: judged?.coverage ?? [],
    reads: judged?.reads ?? [],
    exclusions,
  };
}
