/**
 * SPP's object read: the VMs of the recovery catalog, each with its newest copy's time
 * (`/api/endeavour/catalog/recovery/hypervisorvm`, one paged list), and how each VM of every job's
 * newest run ended (`/api/progress` of the run named by the job's `lastrun`): a VM failed or skipped
 * inside a run that completed comes back with its failure. A finished run is read once. SPP names
 * VMs by its own key, with no managed object id or vCenter UUID that any stored source confirms:
 * the platform stays null and coverage matches by name. SPPMon reads no per-VM point at all; the
 * per-VM versions list would cost one request per VM, so it is not read.
 */
import type { ResourceProgress } from '../../../common/model.js';
import type { BackedUpObject } from '../../../common/protected-objects.js';
import type { HttpRequest } from '../../http/http-client.js';
import type { ObjectRead } from '../connector.js';
import type { SppLastRun } from './spp-object-parser.js';
import { parseSppLastRuns, parseSppRecoveryVms } from './spp-object-parser.js';
import type { SppPage, SppParseContext } from './spp-parser.js';
import type { SppPaging } from './spp-requests.js';
import { jobsRequest, recoveryVmsRequest } from './spp-requests.js';

/** What the reader needs of the connector. */
export interface SppObjectCalls {
  readonly parse: SppParseContext;
  readAll<T>(build: (paging: SppPaging) => HttpRequest, parsePage: (body: unknown) => SppPage<T>, signal?: AbortSignal): Promise<T[]>;
  resourceProgress(sessionId: string, signal?: AbortSignal): Promise<ResourceProgress[]>;
}

interface VmResult {
  readonly name: string;
  readonly failed: boolean;
}

/** `failed`, or `skipped` (which the status table reads as canceled): the VM has no copy from that run. */
const failedOrSkipped = (r: ResourceProgress): boolean => r.status === 'failed' || r.vendorStatus.trim().toLowerCase() === 'skipped';

export class SppObjectReader {
  #results = new Map<string, readonly VmResult[]>();

  constructor(
    private readonly applianceId: string,
    private readonly calls: SppObjectCalls,
    private readonly now: () => number,
  ) {}

  async read(signal?: AbortSignal): Promise<ObjectRead> {
    const { parse } = this.calls;
    const vms = await this.calls.readAll(recoveryVmsRequest, (b) => parseSppRecoveryVms(b, parse), signal);
    const runs = await this.calls.readAll(jobsRequest, (b) => parseSppLastRuns(b, parse), signal);
    const results = await this.#newestResults(runs, signal);
    const backedUp = vms.map((vm): BackedUpObject => {
      const mine = results.filter((r) => r.result.name.toLowerCase() === vm.name.toLowerCase());
      const failures = mine.flatMap((r) => (r.result.failed ? [r.endMs ?? this.now()] : []));
      return {
        applianceId: this.applianceId,
        id: vm.id,
        name: vm.name,
        kind: 'vm',
        platform: null,
        jobIds: [...new Set(mine.map((r) => r.jobId))],
        lastGoodPointMs: vm.protectedMs,
        lastFailureMs: failures.length > 0 ? Math.max(...failures) : null,
      };
    });
    return { backedUp, inventory: [] };
  }

  async #newestResults(runs: readonly SppLastRun[], signal?: AbortSignal) {
    const kept = new Map<string, readonly VmResult[]>();
    const found: { jobId: string; endMs: number | null; result: VmResult }[] = [];
    for (const run of runs) {
      const results =
        this.#results.get(run.sessionId) ??
        (await this.calls.resourceProgress(run.sessionId, signal)).map((r) => ({ name: r.resourceName, failed: failedOrSkipped(r) }));
      // A run still at work may add results: read it again next time.
      if (run.endMs !== null) kept.set(run.sessionId, results);
      found.push(...results.map((result) => ({ jobId: run.jobId, endMs: run.endMs, result })));
    }
    this.#results = kept;
    return found;
  }
}
