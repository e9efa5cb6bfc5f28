/**
 * What a backup protects, below the job: a VM, a computer, a database, a Microsoft 365 user, a
 * site, a team, a virtualization manager's configuration. Each vendor's object reader reports what
 * its appliance backs up; an inventory (the VMs a virtualization manager lists) says what could be. This rule judges each
 * object and matches the two across vendors. Pure; `now` is passed in.
 */
import { CLOCK_SKEW_TOLERANCE_MS } from './time.js';

export const OBJECT_KINDS = ['vm', 'computer', 'database', 'user', 'site', 'team', 'group', 'configuration', 'other'] as const;
export type ObjectKind = (typeof OBJECT_KINDS)[number];

/** Worst first, as the Machines view lists them. */
export const OBJECT_STATES = ['unprotected', 'at_risk', 'protected', 'excluded'] as const;
export type ObjectState = (typeof OBJECT_STATES)[number];

/** Where a VM lives on its platform: the virtualization manager's instance UUID and the VM's managed object id. */
export interface PlatformRef {
  readonly instanceUuid: string;
  readonly moref: string;
}

/** One object as an appliance backs it up. */
export interface BackedUpObject {
  readonly applianceId: string;
  /** The vendor's id, unique within its appliance. */
  readonly id: string;
  readonly name: string;
  readonly kind: ObjectKind;
  readonly platform: PlatformRef | null;
  /** The jobs that cover it, by job id. */
  readonly jobIds: readonly string[];
  /** Epoch ms of its newest good restore point, null if none. */
  readonly lastGoodPointMs: number | null;
  /** Epoch ms of its newest failed or skipped result, null if none. */
  readonly lastFailureMs: number | null;
}

/** One object an inventory knows, whether or not anything backs it up. */
export interface InventoryObject {
  /** The appliance whose inventory lists it (a virtualization manager). */
  readonly inventoryId: string;
  readonly platform: PlatformRef;
  readonly name: string;
  readonly folder: string | null;
  readonly tags: readonly string[];
}

/** Why an object's state is what it is, for people. */
export type ObjectVerdict =
  | { readonly state: 'protected'; readonly lastGoodPointMs: number }
  | {
      readonly state: 'at_risk';
      readonly reason: 'no_point' | 'point_too_old' | 'last_run_failed';
      readonly lastGoodPointMs: number | null;
    }
  | { readonly state: 'unprotected' }
  | { readonly state: 'excluded'; readonly rule: string };

/**
 * One backed-up object judged against its RPO (seconds; null = off, always protected while it has
 * a point). Its newest result failing while its job went on puts it at risk even when an older
 * point is still within the RPO: the next restore would come from before the failure.
 */
export function judgeBackedUp(object: BackedUpObject, rpoSec: number | null, nowMs: number): ObjectVerdict {
  const latestMs = nowMs + CLOCK_SKEW_TOLERANCE_MS;
  const good = object.lastGoodPointMs !== null && object.lastGoodPointMs <= latestMs ? object.lastGoodPointMs : null;
  const failure = object.lastFailureMs !== null && object.lastFailureMs <= latestMs ? object.lastFailureMs : null;
  if (good === null) return { state: 'at_risk', reason: 'no_point', lastGoodPointMs: null };
  if (failure !== null && failure > good) return { state: 'at_risk', reason: 'last_run_failed', lastGoodPointMs: good };
  if (rpoSec !== null && nowMs - good > rpoSec * 1000) return { state: 'at_risk', reason: 'point_too_old', lastGoodPointMs: good };
  return { state: 'protected', lastGoodPointMs: good };
}

/** Of several verdicts on one object (two vendors back it up), the best: either good point protects it. */
export function bestVerdict(verdicts: readonly ObjectVerdict[]): ObjectVerdict {
  const rank = (v: ObjectVerdict): number => (v.state === 'protected' ? 0 : v.state === 'at_risk' ? 1 : 2);
  let best: ObjectVerdict = { state: 'unprotected' };
  for (const v of verdicts) {
    if (rank(v) < rank(best)) best = v;
    else if (v.state === 'protected' && best.state === 'protected' && v.lastGoodPointMs > best.lastGoodPointMs) best = v;
  }
  return best;
}
