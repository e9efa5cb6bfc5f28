/**
 * The fleet's protected objects judged, for the status, the Machines view, the CLI and the server:
 * every watched appliance's last object read, matched across vendors (object-coverage.ts), each
 * object against its RPO (its own, else the strictest of the jobs that cover it, the RPOs the job
 * status already uses). Unprotected and at-risk objects weigh like a job at risk. Pure; `now` is passed in.
 */
import type { Job } from './model.js';
import { acknowledgedCounts, isObjectAcknowledged } from './object-acknowledgement.js';
import { coverObjects, type CoveredObject } from './object-coverage.js';
import type { ApplianceObjects, InventoryCoverageView, ObjectCounts, ObjectReadView, ObjectSummary, ObjectView } from './object-views.js';
import { OBJECT_PROBLEM_LIMIT } from './object-views.js';
import {
  bestVerdict,
  judgeBackedUp,
  OBJECT_STATES,
  type BackedUpObject,
  type ObjectState,
  type ObjectVerdict,
} from './protected-objects.js';
import { rpoSecOf, type ProtectionSettings } from './protection.js';
import { severityRank } from './severity.js';
import type { Settings } from './settings.js';
import type { ApplianceState, FleetState, StatusSnapshot } from './snapshot.js';

/** The settings objects are judged with. */
export type ObjectSettings = ProtectionSettings &
  Pick<Settings, 'objectExclusions' | 'objectRpo'> &
  Partial<Pick<Settings, 'objectAcknowledged'>>;

/** Every object of the fleet judged, worst first, with the counts, the coverage and how each read went. */
export interface FleetObjects {
  readonly objects: readonly ObjectView[];
  readonly counts: ObjectCounts;
  readonly coverage: readonly InventoryCoverageView[];
  readonly reads: readonly ObjectReadView[];
  /** Epoch ms (exclusive) until which the judgement holds for the same reads and settings. */
  readonly validUntil: number;
}

type ReadAppliance = ApplianceState & { readonly objects: ApplianceObjects };

const isoOf = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export const zeroObjectCounts = (): Record<ObjectState, number> => ({ unprotected: 0, at_risk: 0, protected: 0, excluded: 0 });

/** The strictest of some RPOs (null = off; all off is off); the global RPO when there are none. */
function strictest(rpos: readonly (number | null)[], fallback: number): number | null {
  if (rpos.length === 0) return fallback;
  const on = rpos.filter((rpo): rpo is number => rpo !== null);
  return on.length === 0 ? null : Math.min(...on);
}

/** The RPO of one appliance's backup of an object: the strictest of the jobs covering it there. */
function jobRpoOf(settings: ObjectSettings, appliances: ReadonlyMap<string, ReadAppliance>, jobsOf: (id: string) => Map<string, Job>) {
  return (backup: BackedUpObject): number | null => {
    const state = appliances.get(backup.applianceId);
    if (state === undefined) return settings.rpoSec;
    const jobs = jobsOf(backup.applianceId);
    const rpos = backup.jobIds.map((id) => rpoSecOf(settings, state.appliance, jobs.get(id) ?? { id, type: null }));
    return strictest(rpos, settings.rpoSec);
  };
}

function reasonOf(verdict: ObjectVerdict): ObjectView['reason'] {
  return verdict.state === 'at_risk' ? verdict.reason : null;
}

/** One covered object as the views show it, judged again with its own RPO where the admin set one. */
function viewOf(
  object: CoveredObject,
  context: { settings: ObjectSettings; now: number; rpoOf: (b: BackedUpObject) => number | null; nameOf: (id: string) => string },
  jobsOf: (id: string) => Map<string, Job>,
): ObjectView {
  const override = context.settings.objectRpo[object.key];
  const excluded = object.verdict.state === 'excluded';
  const verdict =
    override === undefined || excluded
      ? object.verdict
      : bestVerdict(object.backups.map((b) => judgeBackedUp(b, override.rpoSec, context.now)));
  const goods = object.backups.map((b) => b.lastGoodPointMs).filter((ms): ms is number => ms !== null);
  const lastGoodPoint = isoOf(goods.length > 0 ? Math.max(...goods) : null);
  const judged = { key: object.key, state: verdict.state, reason: reasonOf(verdict), lastGoodPoint };
  return {
    ...judged,
    name: object.name,
    kind: object.kind,
    acknowledged: isObjectAcknowledged(judged, context.settings.objectAcknowledged ?? {}),
    excludedBy: verdict.state === 'excluded' ? verdict.rule : null,
    rpoSec: override !== undefined ? override.rpoSec : strictest(object.backups.map(context.rpoOf), context.settings.rpoSec),
    rpoOverridden: override !== undefined,
    inventory:
      object.inventory === null
        ? null
        : {
            applianceId: object.inventory.inventoryId,
            applianceName: context.nameOf(object.inventory.inventoryId),
            folder: object.inventory.folder,
            tags: object.inventory.tags,
          },
    matchedBy: object.matchedBy,
    backups: object.backups.map((b) => ({
      applianceId: b.applianceId,
      applianceName: context.nameOf(b.applianceId),
      objectId: b.id,
      jobs: b.jobIds.map((jobId) => ({ jobId, jobName: jobsOf(b.applianceId).get(jobId)?.name ?? jobId })),
      lastGoodPoint: isoOf(b.lastGoodPointMs),
      lastFailure: isoOf(b.lastFailureMs),
    })),
  };
}

/** The first instant a protected object's newest point grows older than its RPO. */
function expiryOf(view: ObjectView): number {
  const good = view.lastGoodPoint === null ? null : Date.parse(view.lastGoodPoint);
  if (view.state !== 'protected' || view.rpoSec === null || good === null) return Number.POSITIVE_INFINITY;
  return good + view.rpoSec * 1000 + 1;
}

function coverageOf(views: readonly ObjectView[]): InventoryCoverageView[] {
  const byInventory = new Map<string, { name: string; counts: Record<ObjectState, number> }>();
  for (const view of views) {
    if (view.inventory === null) continue;
    const entry = byInventory.get(view.inventory.applianceId) ?? { name: view.inventory.applianceName, counts: zeroObjectCounts() };
    entry.counts[view.state]++;
    byInventory.set(view.inventory.applianceId, entry);
  }
  return [...byInventory].map(([applianceId, { name, counts }]) => {
    const judged = counts.protected + counts.at_risk + counts.unprotected;
    return { applianceId, applianceName: name, counts, ratio: judged === 0 ? null : counts.protected / judged };
  });
}

/** Every watched appliance's objects judged; null when no appliance's objects were read yet. */
export function judgeFleetObjects(fleet: FleetState, settings: ObjectSettings, now: number): FleetObjects | null {
  const read = fleet.appliances.filter((s): s is ReadAppliance => s.objects !== undefined && s.appliance.enabled);
  if (read.length === 0) return null;
  const byId = new Map(read.map((s) => [s.appliance.id, s]));
  const jobMaps = new Map<string, Map<string, Job>>();
  const jobsOf = (id: string): Map<string, Job> => {
    let jobs = jobMaps.get(id);
    if (jobs === undefined) jobMaps.set(id, (jobs = new Map(byId.get(id)?.jobs.map((j) => [j.id, j]))));
    return jobs;
  };
  const rpoOf = jobRpoOf(settings, byId, jobsOf);
  const covered = coverObjects({
    backedUp: read.flatMap((s) => s.objects.backedUp),
    inventory: read.flatMap((s) => s.objects.inventory),
    exclusions: settings.objectExclusions,
    rpoSecOf: rpoOf,
    nowMs: now,
  });
  const nameOf = (id: string) => byId.get(id)?.appliance.name ?? id;
  const objects = covered.objects.map((o) => viewOf(o, { settings, now, rpoOf, nameOf }, jobsOf));
  objects.sort((a, b) => OBJECT_STATES.indexOf(a.state) - OBJECT_STATES.indexOf(b.state) || a.name.localeCompare(b.name));
  const counts = zeroObjectCounts();
  let validUntil = Number.POSITIVE_INFINITY;
  for (const view of objects) {
    counts[view.state]++;
    validUntil = Math.min(validUntil, expiryOf(view));
  }
  const reads = read.map((s) => ({
    applianceId: s.appliance.id,
    applianceName: s.appliance.name,
    readAt: s.objects.readAt,
    error: s.objects.error,
  }));
  return { objects, counts, coverage: coverageOf(objects), reads, validUntil };
}

/** Whether an object is not protected: unprotected or at risk weigh like a job at risk. */
export const isProblemObject = (view: Pick<ObjectView, 'state'>): boolean => view.state === 'unprotected' || view.state === 'at_risk';

/** The snapshot with the fleet's objects: their counts, the worst few, and the tray's colour. */
export function withObjectSummary(snapshot: StatusSnapshot, judged: FleetObjects | null): StatusSnapshot {
  if (judged === null) return snapshot;
  const problems = judged.objects.filter(isProblemObject);
  const summary: ObjectSummary = {
    counts: judged.counts,
    problems: problems.slice(0, OBJECT_PROBLEM_LIMIT),
    problemsOmitted: Math.max(0, problems.length - OBJECT_PROBLEM_LIMIT),
    acknowledged: acknowledgedCounts(problems),
    coverage: judged.coverage,
  };
  // Acknowledged machines stay listed and counted; only those nobody acknowledged turn the tray red.
  const overall =
    problems.some((view) => !view.acknowledged) && severityRank('at_risk') < severityRank(snapshot.overall) ? 'at_risk' : snapshot.overall;
  return { ...snapshot, overall, objects: summary };
}

/**
 * A judge that remembers its last answer: the same reads, jobs, appliances and settings give the
 * same judgement until the first instant a protected object's point grows too old.
 */
export function cachedObjectJudge(): (fleet: FleetState, settings: ObjectSettings, now: number) => FleetObjects | null {
  let last: { inputs: unknown[]; settings: ObjectSettings; at: number; result: FleetObjects | null } | null = null;
  return (fleet, settings, now) => {
    const inputs = fleet.appliances.flatMap((s) => [s.appliance, s.jobs, s.objects]);
    const hit =
      last !== null &&
      last.settings === settings &&
      now >= last.at &&
      now < (last.result?.validUntil ?? Number.POSITIVE_INFINITY) &&
      last.inputs.length === inputs.length &&
      last.inputs.every((input, i) => input === inputs[i]);
    if (hit) return last!.result;
    const result = judgeFleetObjects(fleet, settings, now);
    last = { inputs, settings, at: now, result };
    return result;
  };
}
