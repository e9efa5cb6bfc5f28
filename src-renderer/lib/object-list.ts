/**
 * Pure helpers of the Machines view: each object's state word and glyph, the filter (states, free
 * text), the worst-first order, and the excluded objects kept apart from the rest.
 */
import type { ObjectView } from '../../src-main/common/object-views.js';
import { compareWorstFirst } from '../../src-main/common/object-order.js';
import type { ObjectState } from '../../src-main/common/protected-objects.js';
import type { OverallStatus } from '../../src-main/common/snapshot.js';

export const OBJECT_STATE_LABELS: Readonly<Record<ObjectState, string>> = {
  unprotected: 'Unprotected',
  at_risk: 'At risk',
  protected: 'Protected',
  excluded: 'Excluded',
};

/** The glyph a state is drawn with: no backup at all is the tray's failure, an old or failed point its "at risk". */
export const OBJECT_STATE_GLYPHS: Readonly<Record<ObjectState, OverallStatus>> = {
  unprotected: 'failed',
  at_risk: 'at_risk',
  protected: 'ok',
  excluded: 'no_data',
};

export interface ObjectFilter {
  /** Empty: every state. */
  readonly states: readonly ObjectState[];
  /** Matched case-insensitively against the name, the key, the folder, the tags, the appliances and the jobs. */
  readonly text: string;
}

export const EMPTY_OBJECT_FILTER: ObjectFilter = { states: [], text: '' };

/** Lower-cased text a search looks into, computed once per object. */
const searchTextCache = new WeakMap<ObjectView, string>();

function searchText(object: ObjectView): string {
  let text = searchTextCache.get(object);
  if (text === undefined) {
    const { inventory } = object;
    const parts = [object.name, object.key, object.kind];
    if (inventory) parts.push(inventory.applianceName, inventory.folder ?? '', ...inventory.tags);
    for (const backup of object.backups) parts.push(backup.applianceName, ...backup.jobs.map((j) => j.jobName));
    text = parts.join('\n').toLowerCase();
    searchTextCache.set(object, text);
  }
  return text;
}

export function matchesObjectFilter(object: ObjectView, filter: ObjectFilter): boolean {
  if (filter.states.length > 0 && !filter.states.includes(object.state)) return false;
  const needle = filter.text.trim().toLowerCase();
  return needle === '' || searchText(object).includes(needle);
}

/** The objects a filter lets through: those in play worst first, and the excluded ones apart. */
export interface ObjectSelection {
  readonly listed: readonly ObjectView[];
  readonly excluded: readonly ObjectView[];
}

export function selectObjects(objects: readonly ObjectView[], filter: ObjectFilter): ObjectSelection {
  const matching = objects.filter((o) => matchesObjectFilter(o, filter)).sort(compareWorstFirst);
  return { listed: matching.filter((o) => o.state !== 'excluded'), excluded: matching.filter((o) => o.state === 'excluded') };
}

/** One line of the (virtualised) Machines list: an object, or the heading the excluded objects stand under. */
export type MachineListItem =
  | { readonly kind: 'object'; readonly key: string; readonly object: ObjectView }
  | { readonly kind: 'excluded'; readonly key: string; readonly count: number; readonly collapsed: boolean };

/** The list's lines: the objects in play, then the excluded ones under their own heading (collapsed: the heading alone). */
export function machineListItems(selection: ObjectSelection, excludedCollapsed: boolean): MachineListItem[] {
  const line = (object: ObjectView): MachineListItem => ({ kind: 'object', key: object.key, object });
  const items = selection.listed.map(line);
  if (selection.excluded.length === 0) return items;
  items.push({ kind: 'excluded', key: 'heading:excluded', count: selection.excluded.length, collapsed: excludedCollapsed });
  return excludedCollapsed ? items : [...items, ...selection.excluded.map(line)];
}

/** The objects by key, for a machine's page. */
export function objectsByKey(objects: readonly ObjectView[]): ReadonlyMap<string, ObjectView> {
  return new Map(objects.map((o) => [o.key, o]));
}
