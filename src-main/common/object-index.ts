/**
 * The fleet's objects merged across appliances and kept up to date one appliance at a time: a read
 * that changed (or whose points grew too old) takes its backups out of the objects they merged
 * into and puts the new ones in, and only those objects are judged again, their counts moved.
 * What every object's judgement reads (the settings, the inventories, the appliances' order) is
 * the index's basis: when it changes, a new index is built. Pure.
 */
import { exclusionJudge, indexInventory, platformKey } from './object-coverage.js';
import { judgeAppliance, judgeObject } from './object-judgement.js';
import type { ApplianceJudgement, JudgedBackup, JudgedObject, JudgementBasis, ObjectSettings, ReadAppliance } from './object-judgement.js';
import type { InventoryObject, ObjectState } from './protected-objects.js';

export type StateCounts = Record<ObjectState, number>;

export const zeroObjectCounts = (): StateCounts => ({ unprotected: 0, at_risk: 0, protected: 0, excluded: 0 });

const isProblem = (state: ObjectState): boolean => state === 'unprotected' || state === 'at_risk';

/** One object of the fleet while its backups come and go. */
interface Group {
  readonly key: string;
  readonly inventory: InventoryObject | null;
  /** Replaced, never changed: a judged object keeps the list it was judged from. */
  backups: readonly JudgedBackup[];
  judged: JudgedObject | null;
  /** The appliance whose list of objects holds it: its inventory's, else its first backup's. */
  home: string | null;
}

/** The appliances touched by an object (its inventory's, then its backups'), each once. */
function appliancesOf(object: JudgedObject): string[] {
  const ids = object.inventory === null ? [] : [object.inventory.inventoryId];
  for (const { backup } of object.backups) if (!ids.includes(backup.applianceId)) ids.push(backup.applianceId);
  return ids;
}

/** The same VMs, as the index reads them (a backup appliance's read lists none: every read a new empty list). */
function sameInventory(a: readonly InventoryObject[], b: readonly InventoryObject[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((item, i) => {
    const other = b[i]!;
    return (
      item.inventoryId === other.inventoryId &&
      platformKey(item.platform) === platformKey(other.platform) &&
      item.name === other.name &&
      item.folder === other.folder &&
      item.tags.join('\n') === other.tags.join('\n')
    );
  });
}

export class FleetObjectIndex {
  readonly #basis: JudgementBasis;
  readonly #builtAt: number;
  readonly #order: readonly string[];
  readonly #position: ReadonlyMap<string, number>;
  readonly #inventories: (readonly InventoryObject[])[];
  readonly #inventoryByKey: ReadonlyMap<string, InventoryObject>;
  readonly #judgements = new Map<string, ApplianceJudgement>();
  readonly #groups = new Map<string, Group>();
  readonly #dirty = new Set<Group>();
  // Each appliance's list of the objects at home there, rebuilt only when one of them changed: a
  // judgement keeps the lists it was given, and the next one shares those that did not change.
  readonly #homes = new Map<string, Set<Group>>();
  readonly #homeLists = new Map<string, readonly JudgedObject[]>();
  readonly #dirtyHomes = new Set<string>();
  /** The fleet's counts, each appliance's (an object counts under each appliance it touches), each inventory's. */
  readonly counts = zeroObjectCounts();
  readonly byAppliance = new Map<string, StateCounts>();
  readonly byInventory = new Map<string, StateCounts>();
  /** The unprotected and at-risk objects by key. */
  readonly problems = new Map<string, JudgedObject>();

  constructor(read: readonly ReadAppliance[], settings: ObjectSettings, now: number) {
    this.#builtAt = now;
    this.#order = read.map((s) => s.appliance.id);
    this.#position = new Map(this.#order.map((id, i) => [id, i]));
    this.#inventories = read.map((s) => s.objects.inventory);
    const { byKey, byName } = indexInventory(read.flatMap((s) => s.objects.inventory));
    this.#inventoryByKey = byKey;
    for (const [key, item] of byKey) this.#dirty.add(this.#groupOf(key, item));
    for (const id of this.#order) this.byAppliance.set(id, zeroObjectCounts());
    this.#basis = { settings, excludedBy: exclusionJudge(settings.objectExclusions), byName };
  }

  /** Whether the index can follow this fleet: same settings, inventories and appliances in the same order, time not gone back. */
  fits(read: readonly ReadAppliance[], settings: ObjectSettings, now: number): boolean {
    const fits =
      settings === this.#basis.settings &&
      now >= this.#builtAt &&
      read.length === this.#order.length &&
      read.every((s, i) => s.appliance.id === this.#order[i] && sameInventory(s.objects.inventory, this.#inventories[i]!));
    // An inventory read again with the same VMs is the same basis: later calls compare with the new list at once.
    if (fits) read.forEach((s, i) => (this.#inventories[i] = s.objects.inventory));
    return fits;
  }

  /** Judges again the reads that changed or grew old; true when any was. */
  update(read: readonly ReadAppliance[], now: number): boolean {
    let rejudged = false;
    for (const state of read) {
      const last = this.#judgements.get(state.appliance.id);
      if (last !== undefined && FleetObjectIndex.#holds(last, state, now)) continue;
      const next = judgeAppliance(state, this.#basis, now);
      if (last !== undefined) for (const backup of last.backups) this.#leave(backup);
      for (const backup of next.backups) this.#join(backup);
      this.#judgements.set(state.appliance.id, next);
      rejudged = true;
    }
    for (const group of this.#dirty) this.#settle(group);
    this.#dirty.clear();
    return rejudged;
  }

  /** Every object's judgement, in lists that never change once given (one per appliance the objects are at home at). */
  objectLists(): (readonly JudgedObject[])[] {
    for (const home of this.#dirtyHomes) {
      const groups = this.#homes.get(home);
      if (groups === undefined || groups.size === 0) this.#homeLists.delete(home);
      else
        this.#homeLists.set(
          home,
          Array.from(groups, (group) => group.judged!),
        );
    }
    this.#dirtyHomes.clear();
    return [...this.#homeLists.values()];
  }

  /** Each read appliance's judgement, in the fleet's order. */
  judgements(): ApplianceJudgement[] {
    return this.#order.map((id) => this.#judgements.get(id)!);
  }

  /** The first instant (epoch ms) a verdict changes with time alone. */
  validUntil(): number {
    let until = Number.POSITIVE_INFINITY;
    for (const judgement of this.#judgements.values()) until = Math.min(until, judgement.validUntil);
    return until;
  }

  static #holds(last: ApplianceJudgement, state: ReadAppliance, now: number): boolean {
    const was = last.state;
    return (
      was.objects === state.objects &&
      was.jobs === state.jobs &&
      was.appliance.name === state.appliance.name &&
      was.appliance.vendor === state.appliance.vendor &&
      now >= last.at &&
      now < last.validUntil
    );
  }

  #groupOf(key: string, inventory: InventoryObject | null): Group {
    let group = this.#groups.get(key);
    if (group === undefined) this.#groups.set(key, (group = { key, inventory, backups: [], judged: null, home: null }));
    return group;
  }

  #join(backup: JudgedBackup): void {
    const group = this.#groupOf(backup.key, this.#inventoryByKey.get(backup.key) ?? null);
    group.backups = [...group.backups, backup];
    this.#dirty.add(group);
  }

  #leave(backup: JudgedBackup): void {
    const group = this.#groups.get(backup.key)!;
    group.backups = group.backups.filter((b) => b !== backup);
    this.#dirty.add(group);
  }

  #settle(group: Group): void {
    if (group.judged !== null) this.#tally(group.judged, -1);
    if (group.backups.length === 0 && group.inventory === null) {
      this.#groups.delete(group.key);
      this.#moveHome(group, null);
      group.judged = null;
      return;
    }
    if (group.backups.length > 1) {
      const position = (b: JudgedBackup) => this.#position.get(b.backup.applianceId) ?? this.#order.length;
      group.backups = [...group.backups].sort((a, b) => position(a) - position(b) || a.index - b.index);
    }
    group.judged = judgeObject(group.key, group.inventory, group.backups, this.#basis);
    this.#moveHome(group, group.inventory?.inventoryId ?? group.backups[0]!.backup.applianceId);
    this.#tally(group.judged, 1);
  }

  #moveHome(group: Group, home: string | null): void {
    if (group.home !== null) this.#dirtyHomes.add(group.home);
    if (home !== null) this.#dirtyHomes.add(home);
    if (home === group.home) return;
    if (group.home !== null) this.#homes.get(group.home)!.delete(group);
    if (home !== null) {
      let groups = this.#homes.get(home);
      if (groups === undefined) this.#homes.set(home, (groups = new Set()));
      groups.add(group);
    }
    group.home = home;
  }

  #tally(object: JudgedObject, sign: 1 | -1): void {
    const { state } = object;
    this.counts[state] += sign;
    for (const id of appliancesOf(object)) {
      const row = this.byAppliance.get(id);
      if (row !== undefined) row[state] += sign;
    }
    if (object.inventory !== null) {
      const id = object.inventory.inventoryId;
      let row = this.byInventory.get(id);
      if (row === undefined) this.byInventory.set(id, (row = zeroObjectCounts()));
      row[state] += sign;
    }
    if (!isProblem(state)) return;
    if (sign > 0) this.problems.set(object.key, object);
    else this.problems.delete(object.key);
  }
}
