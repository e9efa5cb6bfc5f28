/**
 * The fleet's protected objects judged, for the status, the Machines view, the CLI and the server:
 * every watched appliance's last object read, matched across vendors, each object against its RPO
 * (its own, else the strictest of the jobs that cover it, the RPOs the job status already uses).
 * Unprotected and at-risk objects weigh like a job at risk. One judge serves the monitor's news,
 * the status and the server alike; it judges again only the reads that changed (object-index.ts)
 * and builds a full view only of the objects someone shows. Pure; `now` is passed in.
 */
import { acknowledgedCounts, isObjectAcknowledged } from './object-acknowledgement.js';
import { FleetObjectIndex, zeroObjectCounts } from './object-index.js';
import type { ApplianceJudgement, JudgedObject, ObjectSettings, ReadAppliance } from './object-judgement.js';
import { orderedByName, worstFirst, worstOf } from './object-order.js';
import type { InventoryCoverageView, ObjectCounts, ObjectReadView, ObjectSummary, ObjectView } from './object-views.js';
import { OBJECT_PROBLEM_LIMIT } from './object-views.js';
import type { ObjectState } from './protected-objects.js';
import { severityRank } from './severity.js';
import type { FleetState, StatusSnapshot } from './snapshot.js';

export { zeroObjectCounts };
export type { JudgedObject };

/** One read appliance's objects counted by state: an object counts under each appliance that backs it up or lists it. */
export interface ApplianceObjectCounts {
  readonly applianceId: string;
  readonly applianceName: string;
  readonly counts: ObjectCounts;
}

/** Every object of the fleet judged, with the counts, the coverage and how each read went. */
export interface FleetObjects {
  /** Every object, in no particular order (`sorted()` orders them). */
  readonly objects: readonly JudgedObject[];
  /** The unprotected and at-risk objects, in no particular order. */
  readonly problems: readonly JudgedObject[];
  readonly counts: ObjectCounts;
  readonly byAppliance: readonly ApplianceObjectCounts[];
  readonly coverage: readonly InventoryCoverageView[];
  readonly reads: readonly ObjectReadView[];
  /** Epoch ms (exclusive) until which the judgement holds for the same reads and settings. */
  readonly validUntil: number;
  /** Every object worst first, then by name and key; ordered when first asked, once. */
  sorted(): readonly JudgedObject[];
  /** The worst problem objects, at most `OBJECT_PROBLEM_LIMIT`, worst first. */
  worstProblems(): readonly JudgedObject[];
  /** An object as the window, the CLI and the server show it. */
  view(object: JudgedObject): ObjectView;
  /** Whether the admin acknowledged the object in the very state it is in. */
  acknowledged(object: JudgedObject): boolean;
}

/** Judges the fleet's objects; the same reads and settings give the same judgement (the same object). */
export type ObjectJudge = (fleet: FleetState, settings: ObjectSettings, now: number) => FleetObjects | null;

const isoOf = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** Whether an object turns the tray red: unprotected or at risk weigh like a job at risk. */
export const isProblemObject = (object: { readonly state: ObjectState }): boolean =>
  object.state === 'unprotected' || object.state === 'at_risk';

/** The full view of one object, its appliances and jobs named as their judgements found them. */
/** What an acknowledgement names of an object: its state, why, and since which point. */
const judgedOf = (object: JudgedObject) => ({
  key: object.key,
  state: object.state,
  reason: object.verdict.state === 'at_risk' ? object.verdict.reason : null,
  lastGoodPoint: isoOf(object.lastGoodPointMs),
});

function viewOf(object: JudgedObject, judgements: ReadonlyMap<string, ApplianceJudgement>, acknowledged: boolean): ObjectView {
  const nameOf = (id: string) => judgements.get(id)?.state.appliance.name ?? id;
  const { verdict, inventory } = object;
  return {
    ...judgedOf(object),
    name: object.name,
    kind: object.kind,
    acknowledged,
    excludedBy: verdict.state === 'excluded' ? verdict.rule : null,
    rpoSec: object.rpoSec,
    rpoOverridden: object.rpoOverridden,
    inventory:
      inventory === null
        ? null
        : {
            applianceId: inventory.inventoryId,
            applianceName: nameOf(inventory.inventoryId),
            folder: inventory.folder,
            tags: inventory.tags,
          },
    matchedBy: object.matchedBy,
    backups: object.backups.map(({ backup: b }) => {
      const jobs = judgements.get(b.applianceId)?.jobs;
      return {
        applianceId: b.applianceId,
        applianceName: nameOf(b.applianceId),
        objectId: b.id,
        jobs: b.jobIds.map((jobId) => ({ jobId, jobName: jobs?.get(jobId)?.name ?? jobId })),
        lastGoodPoint: isoOf(b.lastGoodPointMs),
        lastFailure: isoOf(b.lastFailureMs),
      };
    }),
  };
}

function coverageOf(index: FleetObjectIndex, judgements: readonly ApplianceJudgement[]): InventoryCoverageView[] {
  return judgements.flatMap(({ state }) => {
    const counts = index.byInventory.get(state.appliance.id);
    if (counts === undefined) return [];
    const judged = counts.protected + counts.at_risk + counts.unprotected;
    if (judged + counts.excluded === 0) return [];
    return [
      {
        applianceId: state.appliance.id,
        applianceName: state.appliance.name,
        counts: { ...counts },
        ratio: judged === 0 ? null : counts.protected / judged,
      },
    ];
  });
}

/** The judgement the index holds now, as a value: later updates of the index do not change it. */
function fleetObjectsOf(index: FleetObjectIndex, settings: ObjectSettings, names: { order: readonly JudgedObject[] }): FleetObjects {
  const judgements = index.judgements();
  const byId = new Map(judgements.map((j) => [j.state.appliance.id, j]));
  const lists = index.objectLists();
  const problems = [...index.problems.values()];
  let objects: readonly JudgedObject[] | null = null;
  let sorted: readonly JudgedObject[] | null = null;
  let worst: readonly JudgedObject[] | null = null;
  const acknowledged = (object: JudgedObject) => isObjectAcknowledged(judgedOf(object), settings.objectAcknowledged ?? {});
  // Flattened only when a list asks: the status and the news read the problems alone.
  const all = () => (objects ??= lists.flat());
  return {
    get objects() {
      return all();
    },
    problems,
    counts: { ...index.counts },
    byAppliance: judgements.map(({ state }) => ({
      applianceId: state.appliance.id,
      applianceName: state.appliance.name,
      counts: { ...(index.byAppliance.get(state.appliance.id) ?? zeroObjectCounts()) },
    })),
    coverage: coverageOf(index, judgements),
    reads: judgements.map(({ state }) => ({
      applianceId: state.appliance.id,
      applianceName: state.appliance.name,
      readAt: state.objects.readAt,
      error: state.objects.error,
    })),
    validUntil: index.validUntil(),
    sorted: () => (sorted ??= worstFirst((names.order = orderedByName(all(), names.order)))),
    worstProblems: () => (worst ??= worstOf(problems, OBJECT_PROBLEM_LIMIT)),
    view: (object) => viewOf(object, byId, acknowledged(object)),
    acknowledged,
  };
}

const isRead = (s: FleetState['appliances'][number]): s is ReadAppliance => s.objects !== undefined && s.appliance.enabled;

/**
 * A judge that keeps its work: the same reads, jobs, appliances and settings give the same
 * judgement until a point grows too old; a read that changed is judged again alone, and merged.
 */
export function cachedObjectJudge(): ObjectJudge {
  let index: FleetObjectIndex | null = null;
  let last: FleetObjects | null = null;
  // The last name order, kept across judgements: a later list sorts only what is new.
  const names: { order: readonly JudgedObject[] } = { order: [] };
  return (fleet, settings, now) => {
    const read = fleet.appliances.filter(isRead);
    if (read.length === 0) return (last = index = null);
    let changed = false;
    if (index === null || !index.fits(read, settings, now)) {
      index = new FleetObjectIndex(read, settings, now);
      changed = true;
    }
    if (index.update(read, now) || changed || last === null) last = fleetObjectsOf(index, settings, names);
    return last;
  };
}

/** Every watched appliance's objects judged once, from scratch; null when no appliance's objects were read yet. */
export function judgeFleetObjects(fleet: FleetState, settings: ObjectSettings, now: number): FleetObjects | null {
  return cachedObjectJudge()(fleet, settings, now);
}

/** The snapshot with the fleet's objects: their counts, the worst few, and the tray's colour. */
export function withObjectSummary(snapshot: StatusSnapshot, judged: FleetObjects | null): StatusSnapshot {
  if (judged === null) return snapshot;
  const worst = judged.worstProblems();
  const problems = judged.problems.map((object) => ({ state: object.state, acknowledged: judged.acknowledged(object) }));
  const summary: ObjectSummary = {
    counts: judged.counts,
    problems: worst.map(judged.view),
    problemsOmitted: judged.problems.length - worst.length,
    acknowledged: acknowledgedCounts(problems),
    coverage: judged.coverage,
  };
  // Acknowledged machines stay listed and counted; only those nobody acknowledged turn the tray red.
  const overall =
    problems.some((p) => !p.acknowledged) && severityRank('at_risk') < severityRank(snapshot.overall) ? 'at_risk' : snapshot.overall;
  return { ...snapshot, overall, objects: summary };
}
