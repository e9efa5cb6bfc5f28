/** The fleet's status summary, fed by 'status:changed'. */
import { jobOnAppliance } from '../../src-main/common/format.js';
import type { BackwatchApi } from '../../src-main/common/ipc-contract.js';
import type { ApplianceView, JobState, OverallStatus, StatusSnapshot, TeamServerView } from '../../src-main/common/snapshot.js';

export class StatusStore {
  #snapshot = $state.raw<StatusSnapshot | null>(null);
  readonly #api: BackwatchApi;

  constructor(api: BackwatchApi) {
    this.#api = api;
  }

  get snapshot(): StatusSnapshot | null {
    return this.#snapshot;
  }

  get loaded(): boolean {
    return this.#snapshot !== null;
  }

  get overall(): OverallStatus {
    return this.#snapshot?.overall ?? 'no_data';
  }

  /** The shared server this desktop reads (read-only), or null when it watches appliances itself. */
  get teamServer(): TeamServerView | null {
    return this.#snapshot?.teamServer ?? null;
  }

  get appliances(): readonly ApplianceView[] {
    return this.#snapshot?.appliances ?? [];
  }

  appliance(id: string): ApplianceView | undefined {
    return this.appliances.find((a) => a.id === id);
  }

  /** "SQL Nightly — SPP prod" for a `jobKey`; the key itself for a job the snapshot no longer lists. */
  jobLabel(key: string): string {
    for (const appliance of this.appliances) {
      if (!key.startsWith(`${appliance.id}/`)) continue;
      const job = appliance.jobs.find((j) => `${appliance.id}/${j.jobId}` === key);
      return jobOnAppliance(job?.jobName ?? key.slice(appliance.id.length + 1), appliance.name);
    }
    return key;
  }

  /** A job's current state (protection, RPO, acknowledgement), if the snapshot lists it. */
  job(applianceId: string, jobId: string): JobState | undefined {
    return this.appliance(applianceId)?.jobs.find((j) => j.jobId === jobId);
  }

  async load(): Promise<void> {
    this.#snapshot = await this.#api['status:snapshot']();
  }

  /** Subscribes first, then loads, so no change between the two is lost. */
  connect(): () => void {
    const off = this.#api.on('status:changed', (snapshot) => (this.#snapshot = snapshot));
    void this.load();
    return off;
  }
}
