/**
 * Protected objects as the window, the CLI and a team server's desktops see them: each object with
 * its state and why, the counts that weigh in the tray, and the coverage of each inventory. Types
 * only; the judging is object-judgement.ts and object-index.ts, the views are built in object-status.ts.
 */
import type { ExclusionRule } from './object-coverage.js';
import type { BackedUpObject, InventoryObject, ObjectKind, ObjectState } from './protected-objects.js';

/** An appliance's objects as its last good object read found them, and how the latest read went. */
export interface ApplianceObjects {
  readonly backedUp: readonly BackedUpObject[];
  readonly inventory: readonly InventoryObject[];
  /** ISO time of the last good read, null before one. */
  readonly readAt: string | null;
  /** Why the latest read failed, one line; null when it went well. */
  readonly error: string | null;
}

export type ObjectCounts = Readonly<Record<ObjectState, number>>;

/** Why an object is at risk: no good point, its newest point older than its RPO, or its newest run failed. */
export type ObjectRiskReason = 'no_point' | 'point_too_old' | 'last_run_failed';

/** One appliance's backup of an object. */
export interface ObjectBackupView {
  readonly applianceId: string;
  readonly applianceName: string;
  /** The vendor's id of the object on that appliance. */
  readonly objectId: string;
  readonly jobs: readonly { readonly jobId: string; readonly jobName: string }[];
  /** ISO time of its newest good restore point there, null if none. */
  readonly lastGoodPoint: string | null;
  /** ISO time of its newest failed or skipped result there, null if none. */
  readonly lastFailure: string | null;
}

/** One object judged: a VM, a computer, a mailbox... */
export interface ObjectView {
  /** Stable across polls and vendors (the platform ids where known). */
  readonly key: string;
  readonly name: string;
  readonly kind: ObjectKind;
  readonly state: ObjectState;
  /** Why it is at risk; null in the other states. */
  readonly reason: ObjectRiskReason | null;
  /** The admin acknowledged it in this very state: it stays listed and counted, and no longer turns the tray red. */
  readonly acknowledged: boolean;
  /** The id of the exclusion rule that leaves it out; null unless excluded. */
  readonly excludedBy: string | null;
  /** ISO time of its newest good restore point on any appliance, null if none. */
  readonly lastGoodPoint: string | null;
  /** The RPO it is judged against, seconds: its own, else the strictest of its jobs'; null = off. */
  readonly rpoSec: number | null;
  /** True when the admin set this object's RPO. */
  readonly rpoOverridden: boolean;
  /** The inventory (a virtualization manager) that lists it, where one does. */
  readonly inventory: {
    readonly applianceId: string;
    readonly applianceName: string;
    readonly folder: string | null;
    readonly tags: readonly string[];
  } | null;
  /** How its backups were matched with the inventory: by ids, by name only (a stated fallback), or not. */
  readonly matchedBy: 'platform' | 'name' | null;
  readonly backups: readonly ObjectBackupView[];
}

/** "42 of 44 VMs in vcenter-prod are protected". */
export interface InventoryCoverageView {
  readonly applianceId: string;
  readonly applianceName: string;
  readonly counts: ObjectCounts;
  /** Protected share of the objects not excluded (0..1); null when it lists none. */
  readonly ratio: number | null;
}

/** How an appliance's last object read went. */
export interface ObjectReadView {
  readonly applianceId: string;
  readonly applianceName: string;
  /** ISO time of its last good object read, null before one. */
  readonly readAt: string | null;
  /** Why the last read failed, one line; null when it went well. The last good read is kept meanwhile. */
  readonly error: string | null;
}

/** Problem machines (unprotected, at risk) acknowledged, per state: part of those states' counts, never apart from them. */
export interface AcknowledgedCounts {
  readonly unprotected: number;
  readonly at_risk: number;
}

/** What the status snapshot says of objects: the counts that weigh in the tray and the worst few. */
export interface ObjectSummary {
  readonly counts: ObjectCounts;
  /** Unprotected then at-risk objects, worst first, at most `OBJECT_PROBLEM_LIMIT`. */
  readonly problems: readonly ObjectView[];
  /** Problem objects left out of `problems`. */
  readonly problemsOmitted: number;
  /** Of the unprotected and at-risk counts, the machines acknowledged (they no longer turn the tray red). */
  readonly acknowledged: AcknowledgedCounts;
  readonly coverage: readonly InventoryCoverageView[];
}

/** The Machines view's question. */
export interface ObjectQuery {
  /** Only objects this appliance backs up or lists. */
  readonly applianceId?: string;
  readonly states?: readonly ObjectState[];
  /** Case-insensitive part of the name, the key, a folder or a tag. */
  readonly text?: string;
  /** Matching objects skipped before the page, worst first (default 0). */
  readonly offset?: number;
  readonly limit?: number;
}

export interface ObjectList {
  /** Worst first: the page the query's offset and limit ask for. */
  readonly objects: readonly ObjectView[];
  /** Objects the query matches, before the offset and the limit. */
  readonly matching: number;
  /** The whole fleet's counts, whatever the query. */
  readonly counts: ObjectCounts;
  readonly coverage: readonly InventoryCoverageView[];
  readonly reads: readonly ObjectReadView[];
  readonly exclusions: readonly ExclusionRule[];
}

/** A new exclusion rule; the services give it its id. */
export interface ExclusionDraft {
  readonly applianceId: string | null;
  readonly match: ExclusionRule['match'];
}

/** An object's own RPO: seconds, null to switch the check off, or `default` for the strictest of its jobs'. */
export interface ObjectRpoChange {
  readonly key: string;
  readonly rpoSec: number | null | 'default';
}

/** A machine to acknowledge (`on`) in the state it is in now, or to stop acknowledging. */
export interface ObjectAcknowledgeRequest {
  readonly key: string;
  readonly on: boolean;
}

/** Problem objects the snapshot lists by name (the CLI's status prints them, then "and 14 more"). */
export const OBJECT_PROBLEM_LIMIT = 20;
/** Objects one `objects:list` answers at most. */
export const OBJECT_LIST_LIMIT_MAX = 10_000;
/** Exclusion rules kept at most: a token that may operate must not grow config.json without end. */
export const MAX_EXCLUSION_RULES = 1_000;
