/**
 * VBR's object read: the machines in backups (`/backupObjects`), each one's newest restore point
 * (`/restorePoints?backupObjectIdFilter=…&limit=1`, newest first), and each job's newest run's
 * per-object results (`/sessions/{id}/taskSessions`, 1.2+), so a VM that failed inside a run whose
 * session says "Success" comes back with its failure. Incremental: points are looked up again only
 * for objects that are new, whose point count moved, or that have a point newer than the last read
 * (one `/restorePoints?createdAfterFilter` list); a finished run's results are read once. Beside
 * them (vbr-estate.ts): the computers agent protection groups hold, those without a backup as
 * objects without a point; and the VMs VBR's inventory sees, as an inventory, so those no job
 * covers are unprotected. A VM's place is its vCenter (by the name its path starts with) and its
 * managed object id; without VBR's inventory the platform stays null, and coverage matches the VM by name.
 */
import type { BackedUpObject } from '../../../common/protected-objects.js';
import type { ObjectRead } from '../connector.js';
import { foldObjectResults } from '../object-results.js';
import { computersWithoutBackup, inventoryOf, platformOf, rootKeys, VbrEstateReader } from './vbr-estate.js';
import type { VbrBackupObject, VbrTaskResult } from './vbr-object-parser.js';
import { parseVbrBackupObjects, parseVbrPoints, parseVbrTaskResults } from './vbr-object-parser.js';
import type { VbrObjectCalls } from './vbr-object-calls.js';
import { backupObjectsRequest, hasTaskSessions, restorePointsRequest, taskSessionsRequest } from './vbr-requests.js';

export interface VbrObjectTuning {
  /** Page size of the object and point lists. */
  readonly objectPageSize: number;
  /**
   * Most objects whose newest point one read looks up; the rest wait for the next read, meanwhile
   * without a point (at risk). High enough that a first read of a large appliance sees every point.
   */
  readonly pointLookups: number;
}

export const VBR_OBJECT_TUNING: VbrObjectTuning = { objectPageSize: 1000, pointLookups: 5000 };

interface KnownPoint {
  readonly count: number | null;
  readonly newestMs: number | null;
}

export class VbrObjectReader {
  readonly #points = new Map<string, KnownPoint>();
  /** Objects whose point is to be looked up again. */
  readonly #stale = new Set<string>();
  /** Newest point time seen: the next read lists points created after it. */
  #pointMark: number | null = null;
  /** Finished runs' results, by run id (only the jobs' newest runs are kept). */
  #results = new Map<string, readonly VbrTaskResult[]>();
  readonly #estate: VbrEstateReader;

  constructor(
    private readonly applianceId: string,
    private readonly calls: VbrObjectCalls,
    private readonly now: () => number,
    private readonly tuning: VbrObjectTuning = VBR_OBJECT_TUNING,
  ) {
    this.#estate = new VbrEstateReader(calls, tuning.objectPageSize);
  }

  async read(signal?: AbortSignal): Promise<ObjectRead> {
    const size = this.tuning.objectPageSize;
    const objects = (
      await this.calls.readPages(
        (p) => (r) => backupObjectsRequest(r, p),
        (b) => parseVbrBackupObjects(b, this.calls.parse),
        Infinity,
        signal,
        size,
      )
    ).items;
    await this.#markStale(objects, signal);
    await this.#lookUpPoints(objects, signal);
    const results = await this.#newestResults(signal);
    const computers = await this.#estate.computers(signal);
    const estate = await this.#estate.inventory(signal);
    const keys = rootKeys(estate);
    const readAt = this.now();
    const backedUp = objects.map((o): BackedUpObject => {
      const mine = results
        .filter((r) => r.result.name.toLowerCase() === o.name.toLowerCase())
        .map((r) => ({ jobId: r.jobId, ...r.result }));
      const folded = foldObjectResults(mine, readAt);
      return {
        applianceId: this.applianceId,
        id: o.id,
        name: o.name,
        kind: o.kind,
        platform: platformOf(keys, o),
        lastGoodPointMs: this.#points.get(o.id)?.newestMs ?? null,
        jobIds: folded.jobIds,
        // 1.3-rev1 says the last run failed without saying when: after the newest point, by the read at the latest.
        lastFailureMs: folded.lastFailureMs ?? (o.lastRunFailed === true ? readAt : null),
      };
    });
    backedUp.push(...computersWithoutBackup(this.applianceId, computers, objects));
    return { backedUp, inventory: inventoryOf(this.applianceId, estate, keys) };
  }

  /** New objects, moved counts, and names with a point since the last read are looked up again. */
  async #markStale(objects: readonly VbrBackupObject[], signal?: AbortSignal): Promise<void> {
    const names = new Set<string>();
    if (this.#pointMark !== null) {
      const createdAfter = new Date(this.#pointMark).toISOString();
      const size = this.tuning.objectPageSize;
      const fresh = await this.calls.readPages(
        (p) => (r) => restorePointsRequest(r, p, { createdAfter }),
        (b) => parseVbrPoints(b, this.calls.parse),
        Infinity,
        signal,
        size,
      );
      for (const point of fresh.items) {
        names.add(point.name.toLowerCase());
        this.#advanceMark(point.createdMs);
      }
    }
    const listed = new Set(objects.map((o) => o.id));
    for (const id of this.#points.keys()) if (!listed.has(id)) this.#points.delete(id);
    for (const o of objects) {
      const known = this.#points.get(o.id);
      if (!known || known.count !== o.restorePointsCount || names.has(o.name.toLowerCase())) this.#stale.add(o.id);
    }
  }

  async #lookUpPoints(objects: readonly VbrBackupObject[], signal?: AbortSignal): Promise<void> {
    const byId = new Map(objects.map((o) => [o.id, o]));
    const due = [...this.#stale].filter((id) => byId.has(id)).slice(0, this.tuning.pointLookups);
    for (const id of due) {
      const page = parseVbrPoints(
        await this.calls.call((r) => restorePointsRequest(r, { skip: 0, limit: 1 }, { backupObjectId: id, newestFirst: true }), signal),
        this.calls.parse,
      );
      const newestMs = page.items[0]?.createdMs ?? null;
      this.#points.set(id, { count: byId.get(id)?.restorePointsCount ?? null, newestMs });
      this.#stale.delete(id);
      if (newestMs !== null) this.#advanceMark(newestMs);
    }
  }

  /** The mark never passes now: a point dated in the future would hide every point before it. */
  #advanceMark(createdMs: number): void {
    if (createdMs <= this.now()) this.#pointMark = Math.max(this.#pointMark ?? 0, createdMs);
  }

  /** The per-object results of each job's newest run (none before 1.2); finished runs come from memory. */
  async #newestResults(signal?: AbortSignal): Promise<{ jobId: string; result: VbrTaskResult }[]> {
    if (!hasTaskSessions(this.calls.currentRevision())) return [];
    const runs = await this.calls.lastRuns(signal);
    const kept = new Map<string, readonly VbrTaskResult[]>();
    const found: { jobId: string; result: VbrTaskResult }[] = [];
    for (const [jobId, runId] of runs) {
      let results = this.#results.get(runId);
      if (!results) {
        const parse = (b: unknown) => parseVbrTaskResults(b, this.calls.parse);
        results = (await this.calls.readPages((p) => (r) => taskSessionsRequest(r, runId, p), parse, Infinity, signal)).items;
      }
      // A run still at work may add results: read it again next time.
      if (results.every((r) => r.endedMs !== null)) kept.set(runId, results);
      found.push(...results.map((result) => ({ jobId, result })));
    }
    this.#results = kept;
    return found;
  }
}
