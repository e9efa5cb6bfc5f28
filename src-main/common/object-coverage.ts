/**
 * Coverage across vendors: the objects every appliance backs up, matched against the inventories
 * that say what exists, judged, and counted per inventory ("42 of 44 VMs in hypervisors-prod are
 * protected"). A VM is matched by its platform's instance and managed object id; by its name only
 * when a backup gives no ids and exactly one inventory VM bears that name. Pure.
 */
import { bestVerdict, judgeBackedUp, OBJECT_STATES } from './protected-objects.js';
import type { BackedUpObject, InventoryObject, ObjectKind, ObjectState, ObjectVerdict, PlatformRef } from './protected-objects.js';

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

export interface CoveredObject {
  /** Stable across polls and vendors: the platform ids where known, else the appliance and vendor id. */
  readonly key: string;
  readonly name: string;
  readonly kind: ObjectKind;
  readonly inventory: InventoryObject | null;
  readonly backups: readonly BackedUpObject[];
  readonly matchedBy: 'platform' | 'name' | null;
  readonly verdict: ObjectVerdict;
}

export interface InventoryCoverage {
  readonly inventoryId: string;
  readonly counts: Readonly<Record<ObjectState, number>>;
}

export interface CoverageInput {
  readonly backedUp: readonly BackedUpObject[];
  readonly inventory: readonly InventoryObject[];
  readonly exclusions: readonly ExclusionRule[];
  /** The RPO of an object (the strictest of its jobs', or its own override), seconds; null = off. */
  readonly rpoSecOf: (object: BackedUpObject) => number | null;
  readonly nowMs: number;
}

const platformKey = (ref: PlatformRef): string => `vm:${ref.instanceUuid.toLowerCase()}/${ref.moref}`;
const nameKey = (name: string): string => name.trim().toLowerCase();

/** `*` and `?` wildcards, case-insensitive, over the whole name. */
function globMatches(pattern: string, name: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'i').test(name);
}

function excludedBy(rules: readonly ExclusionRule[], object: Omit<CoveredObject, 'verdict'>): ExclusionRule | null {
  const appliances = new Set([object.inventory?.inventoryId, ...object.backups.map((b) => b.applianceId)]);
  const tags = new Set(object.inventory?.tags.map((t) => t.toLowerCase()) ?? []);
  const folder = object.inventory?.folder ?? null;
  const applies = (rule: ExclusionRule): boolean => {
    const { match } = rule;
    if (match.kind === 'name') return globMatches(match.pattern, object.name);
    if (match.kind === 'tag') return tags.has(match.tag.toLowerCase());
    if (match.kind === 'object') return match.key === object.key;
    return folder !== null && (folder === match.folder || folder.startsWith(`${match.folder.replace(/\/$/, '')}/`));
  };
  return rules.find((rule) => (rule.applianceId === null || appliances.has(rule.applianceId)) && applies(rule)) ?? null;
}

/** Groups backups with the inventory object they are, by ids first and by a unique name second. */
function matchObjects(backedUp: readonly BackedUpObject[], inventory: readonly InventoryObject[]): Omit<CoveredObject, 'verdict'>[] {
  const groups = new Map<string, { inventory: InventoryObject | null; backups: BackedUpObject[]; matchedBy: CoveredObject['matchedBy'] }>();
  const byName = new Map<string, InventoryObject[]>();
  for (const item of inventory) {
    const key = platformKey(item.platform);
    const known = groups.get(key)?.inventory;
    if (known) {
      // Two inventories list one VM (its virtualization manager, and a backup server that sees it): one object, under the one that says its folder.
      if (known.folder === null && item.folder !== null) groups.set(key, { inventory: item, backups: [], matchedBy: null });
      continue;
    }
    groups.set(key, { inventory: item, backups: [], matchedBy: null });
    byName.set(nameKey(item.name), [...(byName.get(nameKey(item.name)) ?? []), item]);
  }
  for (const backup of backedUp) {
    const sameName = backup.kind === 'vm' && backup.platform === null ? (byName.get(nameKey(backup.name)) ?? []) : [];
    const key =
      backup.platform !== null
        ? platformKey(backup.platform)
        : sameName.length === 1
          ? platformKey(sameName[0]!.platform)
          : `${backup.applianceId}/${backup.id}`;
    const group = groups.get(key) ?? { inventory: null, backups: [], matchedBy: null };
    group.backups.push(backup);
    if (group.inventory !== null) group.matchedBy = backup.platform !== null || group.matchedBy === 'platform' ? 'platform' : 'name';
    groups.set(key, group);
  }
  return [...groups].map(([key, g]) => ({
    key,
    name: g.inventory?.name ?? g.backups[0]!.name,
    kind: g.inventory !== null ? 'vm' : g.backups[0]!.kind,
    inventory: g.inventory,
    backups: g.backups,
    matchedBy: g.matchedBy,
  }));
}

/** Every object judged, worst first, and the coverage of each inventory. */
export function coverObjects(input: CoverageInput): { readonly objects: CoveredObject[]; readonly coverage: InventoryCoverage[] } {
  const objects = matchObjects(input.backedUp, input.inventory).map((object): CoveredObject => {
    const rule = excludedBy(input.exclusions, object);
    const verdict: ObjectVerdict =
      rule !== null
        ? { state: 'excluded', rule: rule.id }
        : bestVerdict(object.backups.map((b) => judgeBackedUp(b, input.rpoSecOf(b), input.nowMs)));
    return { ...object, verdict };
  });
  objects.sort((a, b) => OBJECT_STATES.indexOf(a.verdict.state) - OBJECT_STATES.indexOf(b.verdict.state) || a.name.localeCompare(b.name));
  const coverage = new Map<string, Record<ObjectState, number>>();
  for (const object of objects) {
    if (object.inventory === null) continue;
    const counts = coverage.get(object.inventory.inventoryId) ?? { unprotected: 0, at_risk: 0, protected: 0, excluded: 0 };
    counts[object.verdict.state]++;
    coverage.set(object.inventory.inventoryId, counts);
  }
  return { objects, coverage: [...coverage].map(([inventoryId, counts]) => ({ inventoryId, counts })) };
}
