/**
 * The two steps of judging objects. First one appliance's object read on its own: each backup's
 * RPO (the strictest of the jobs covering it there, or the object's own), the object it merges
 * into, and its verdict; kept per read until the read, its jobs or the settings change, or a point
 * grows too old. Then one object of the fleet from the backups that merged into it: either
 * vendor's good point protects it, a rule may leave it out. Pure; `now` is passed in.
 */
import type { Job } from './model.js';
import { objectKeyOf, type ExclusionRule, type ExclusionSubject, type InventoryByName } from './object-coverage.js';
import type { ApplianceObjects } from './object-views.js';
import { bestVerdict, judgeBackedUp } from './protected-objects.js';
import type { BackedUpObject, InventoryObject, ObjectKind, ObjectState, ObjectVerdict } from './protected-objects.js';
import { rpoSecOf, type ProtectionSettings } from './protection.js';
import type { Settings } from './settings.js';
import type { ApplianceState } from './snapshot.js';
import { CLOCK_SKEW_TOLERANCE_MS } from './time.js';

/** The settings objects are judged with. */
export type ObjectSettings = ProtectionSettings &
  Pick<Settings, 'objectExclusions' | 'objectRpo'> &
  Partial<Pick<Settings, 'objectAcknowledged'>>;

/** An appliance whose objects were read. */
export type ReadAppliance = ApplianceState & { readonly objects: ApplianceObjects };

/** One backup of an object, judged on its appliance. */
export interface JudgedBackup {
  readonly backup: BackedUpObject;
  /** The key of the fleet's object it merges into. */
  readonly key: string;
  /** Its place in its appliance's read: the merge keeps the read's order. */
  readonly index: number;
  /** The strictest RPO of the jobs covering it there, seconds; null = off. */
  readonly jobRpoSec: number | null;
  /** Against the object's own RPO where the admin set one, else `jobRpoSec`. */
  readonly verdict: ObjectVerdict;
}

/** One appliance's object read judged. */
export interface ApplianceJudgement {
  readonly state: ReadAppliance;
  readonly backups: readonly JudgedBackup[];
  /** Its jobs by id, for the jobs' names. */
  readonly jobs: ReadonlyMap<string, Job>;
  /** Epoch ms it was judged at. */
  readonly at: number;
  /** Epoch ms (exclusive) until which it holds: the first instant a verdict changes with time. */
  readonly validUntil: number;
}

/** The fleet's view of an object judged: its backups merged, its state, and its RPO. */
export interface JudgedObject {
  readonly key: string;
  readonly name: string;
  readonly kind: ObjectKind;
  readonly state: ObjectState;
  readonly verdict: ObjectVerdict;
  /** Its own RPO if the admin set one, else the strictest of its backups' (the global RPO with none). */
  readonly rpoSec: number | null;
  readonly rpoOverridden: boolean;
  /** Its newest good point on any appliance, epoch ms; null if none. */
  readonly lastGoodPointMs: number | null;
  readonly inventory: InventoryObject | null;
  readonly matchedBy: 'platform' | 'name' | null;
  readonly backups: readonly JudgedBackup[];
}

/** What every object's judgement reads besides its backups: the settings, the exclusions made ready, the inventories' names. */
export interface JudgementBasis {
  readonly settings: ObjectSettings;
  readonly excludedBy: (object: ExclusionSubject) => ExclusionRule | null;
  readonly byName: InventoryByName;
}

/** The strictest of some RPOs (null = off; all off is off); the fallback when there are none. */
function strictest(rpos: readonly (number | null)[], fallback: number): number | null {
  if (rpos.length === 0) return fallback;
  let min: number | null = null;
  for (const rpo of rpos) if (rpo !== null && (min === null || rpo < min)) min = rpo;
  return min;
}

/** The first instant a backup's verdict may change with time alone: its point ages past the RPO, or a point dated ahead comes due. */
function changesAtMs(backup: BackedUpObject, verdict: ObjectVerdict, rpoSec: number | null, now: number): number {
  const latestMs = now + CLOCK_SKEW_TOLERANCE_MS;
  let at = Number.POSITIVE_INFINITY;
  for (const ms of [backup.lastGoodPointMs, backup.lastFailureMs]) {
    if (ms !== null && ms > latestMs) at = Math.min(at, ms - CLOCK_SKEW_TOLERANCE_MS);
  }
  if (verdict.state === 'protected' && rpoSec !== null) at = Math.min(at, verdict.lastGoodPointMs + rpoSec * 1000 + 1);
  return at;
}

/** One appliance's read judged: every backup's RPO, key and verdict. */
export function judgeAppliance(state: ReadAppliance, basis: JudgementBasis, now: number): ApplianceJudgement {
  const { settings } = basis;
  const jobs = new Map(state.jobs.map((j) => [j.id, j]));
  const jobRpos = new Map<string, number | null>();
  const jobRpo = (id: string): number | null => {
    let rpo = jobRpos.get(id);
    if (rpo === undefined) jobRpos.set(id, (rpo = rpoSecOf(settings, state.appliance, jobs.get(id) ?? { id, type: null })));
    return rpo;
  };
  let validUntil = Number.POSITIVE_INFINITY;
  const backups = state.objects.backedUp.map((backup, index): JudgedBackup => {
    const key = objectKeyOf(backup, basis.byName);
    const jobRpoSec = strictest(backup.jobIds.map(jobRpo), settings.rpoSec);
    const own = settings.objectRpo[key];
    const rpoSec = own === undefined ? jobRpoSec : own.rpoSec;
    const verdict = judgeBackedUp(backup, rpoSec, now);
    validUntil = Math.min(validUntil, changesAtMs(backup, verdict, rpoSec, now));
    return { backup, key, index, jobRpoSec, verdict };
  });
  return { state, backups, jobs, at: now, validUntil };
}

/** How the backups were matched with the inventory: by ids when any gave them, by name otherwise. */
function matchedByOf(inventory: InventoryObject | null, backups: readonly JudgedBackup[]): JudgedObject['matchedBy'] {
  if (inventory === null || backups.length === 0) return null;
  return backups.some((b) => b.backup.platform !== null) ? 'platform' : 'name';
}

/** One object of the fleet judged from its backups (in the fleet's order) and the inventory VM it is, if any. */
export function judgeObject(
  key: string,
  inventory: InventoryObject | null,
  backups: readonly JudgedBackup[],
  basis: JudgementBasis,
): JudgedObject {
  const first = backups[0]?.backup;
  const name = inventory?.name ?? first!.name;
  const applianceIds = backups.map((b) => b.backup.applianceId);
  const rule = basis.excludedBy({ key, name, inventory, applianceIds });
  const verdict: ObjectVerdict = rule !== null ? { state: 'excluded', rule: rule.id } : bestVerdict(backups.map((b) => b.verdict));
  const own = basis.settings.objectRpo[key];
  let lastGoodPointMs: number | null = null;
  for (const { backup } of backups) {
    if (backup.lastGoodPointMs !== null && (lastGoodPointMs === null || backup.lastGoodPointMs > lastGoodPointMs))
      lastGoodPointMs = backup.lastGoodPointMs;
  }
  return {
    key,
    name,
    kind: inventory !== null ? 'vm' : first!.kind,
    state: verdict.state,
    verdict,
    rpoSec:
      own !== undefined
        ? own.rpoSec
        : strictest(
            backups.map((b) => b.jobRpoSec),
            basis.settings.rpoSec,
          ),
    rpoOverridden: own !== undefined,
    lastGoodPointMs,
    inventory,
    matchedBy: matchedByOf(inventory, backups),
    backups,
  };
}
