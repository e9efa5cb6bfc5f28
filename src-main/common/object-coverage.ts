/**
 * Coverage across vendors, the rules of the merge: which object a backup is (a VM by its
 * platform's instance and managed object id; by its name only when a backup gives no ids and
 * exactly one inventory VM bears that name), and which exclusion rule leaves an object out. The
 * merge itself is object-index.ts. Pure.
 */
import type { BackedUpObject, InventoryObject } from './protected-objects.js';
import type { PlatformRef } from './protected-objects.js';

/** A rule that leaves objects out of protection, kept in the shared config. */
export interface ExclusionRule {
  readonly id: string;
  /** Only objects of this appliance (its backups or its inventory); null = everywhere. */
  readonly applianceId: string | null;
  readonly match:
    | { readonly kind: 'name'; readonly pattern: string }
    | { readonly kind: 'folder'; readonly folder: string }
    | { readonly kind: 'tag'; readonly tag: string }
    | { readonly kind: 'object'; readonly key: string };
}

/** What an exclusion rule looks at in an object. */
export interface ExclusionSubject {
  readonly key: string;
  readonly name: string;
  readonly inventory: InventoryObject | null;
  /** The appliances that back it up. */
  readonly applianceIds: readonly string[];
}

/** The inventory VMs by their name as a name-only match compares it. */
export type InventoryByName = ReadonlyMap<string, readonly InventoryObject[]>;

export const platformKey = (ref: PlatformRef): string => `vm:${ref.instanceUuid.toLowerCase()}/${ref.moref}`;
const nameKey = (name: string): string => name.trim().toLowerCase();

/** The inventories' VMs by key, and by the name a name-only match compares. */
export interface InventoryIndex {
  readonly byKey: ReadonlyMap<string, InventoryObject>;
  readonly byName: InventoryByName;
}

/** The inventories' VMs merged: a VM two inventories list (its virtualization manager, and a backup server that sees it) is one, under the one that says its folder. */
export function indexInventory(inventory: Iterable<InventoryObject>): InventoryIndex {
  const byKey = new Map<string, InventoryObject>();
  const byName = new Map<string, InventoryObject[]>();
  for (const item of inventory) {
    const key = platformKey(item.platform);
    const known = byKey.get(key);
    if (known !== undefined) {
      if (known.folder === null && item.folder !== null) byKey.set(key, item);
      continue;
    }
    byKey.set(key, item);
    const name = nameKey(item.name);
    const same = byName.get(name);
    if (same === undefined) byName.set(name, [item]);
    else same.push(item);
  }
  return { byKey, byName };
}

/** The key of the object a backup is: its platform ids, else the one inventory VM of its name, else its appliance and vendor id. */
export function objectKeyOf(backup: BackedUpObject, byName: InventoryByName): string {
  if (backup.platform !== null) return platformKey(backup.platform);
  const sameName = backup.kind === 'vm' ? byName.get(nameKey(backup.name)) : undefined;
  return sameName?.length === 1 ? platformKey(sameName[0]!.platform) : `${backup.applianceId}/${backup.id}`;
}

/** `*` and `?` wildcards, case-insensitive, over the whole name. */
function globPattern(pattern: string): RegExp {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'i');
}

function matcherOf(match: ExclusionRule['match']): (object: ExclusionSubject) => boolean {
  if (match.kind === 'name') {
    const pattern = globPattern(match.pattern);
    return (object) => pattern.test(object.name);
  }
  if (match.kind === 'tag') {
    const tag = match.tag.toLowerCase();
    return (object) => object.inventory?.tags.some((t) => t.toLowerCase() === tag) ?? false;
  }
  if (match.kind === 'object') return (object) => match.key === object.key;
  const below = `${match.folder.replace(/\/$/, '')}/`;
  return (object) => {
    const folder = object.inventory?.folder ?? null;
    return folder !== null && (folder === match.folder || folder.startsWith(below));
  };
}

/** The rules made ready once (their patterns compiled): the first rule that leaves an object out, or null. */
export function exclusionJudge(rules: readonly ExclusionRule[]): (object: ExclusionSubject) => ExclusionRule | null {
  const compiled = rules.map((rule) => ({ rule, applies: matcherOf(rule.match) }));
  return (object) => {
    for (const { rule, applies } of compiled) {
      const scoped =
        rule.applianceId === null || object.inventory?.inventoryId === rule.applianceId || object.applianceIds.includes(rule.applianceId);
      if (scoped && applies(object)) return rule;
    }
    return null;
  };
}
