/**
 * The Jobs view's state: one row per job, derived from the status snapshot (which already carries
 * every job's state and is pushed after each poll) and the sessions store (its live deltas feed
 * the history strips). Deriving costs no request: 'jobs:list' would return the same states again.
 * What the admin does to a job (acknowledge, mute, set its RPO) goes to main from here; the new
 * state comes back with the next snapshot.
 */
import type { BackwatchApi, MutationResult } from '../../src-main/common/ipc-contract.js';
import { jobKey, type JobIdentity } from '../../src-main/common/snapshot.js';
import { countJobStates, EMPTY_JOB_FILTER, jobListItems, jobRows, NONE_COLLAPSED, rowsByKey, selectJobs, toggled } from './job-list.js';
import type { JobFilter, JobListItem, JobRow, JobRowState, JobSortKey } from './job-list.js';
import type { JobSharesStore } from './job-shares-store.svelte.js';
import type { SessionsStore } from './sessions-store.svelte.js';
import type { StatusStore } from './status-store.svelte.js';

export class JobsStore {
  filter = $state.raw<JobFilter>(EMPTY_JOB_FILTER);
  grouped = $state(false);
  sort = $state<JobSortKey>('state');
  #collapsed = $state.raw<ReadonlySet<string>>(NONE_COLLAPSED);

  /** Every job, in snapshot order. */
  readonly rows: readonly JobRow[];
  /** Filtered, in the chosen order (worst first unless sorted otherwise). */
  readonly visible: readonly JobRow[];
  /** The list's lines: `visible`, grouped under appliance headings when `grouped`. */
  readonly items: readonly JobListItem[];
  readonly counts: Readonly<Record<JobRowState, number>>;
  /** Jobs a huge appliance reports beyond what the snapshot lists. */
  readonly omitted: number;
  readonly #byKey: ReadonlyMap<string, JobRow>;
  readonly #api: BackwatchApi;

  constructor(api: BackwatchApi, status: StatusStore, sessions: SessionsStore, shares: JobSharesStore) {
    this.#api = api;
    this.rows = $derived(jobRows(status.appliances, sessions.all));
    this.#byKey = $derived(rowsByKey(this.rows));
    this.visible = $derived(selectJobs(this.rows, this.filter, this.sort, shares.shares));
    this.items = $derived(jobListItems(this.visible, this.grouped, this.#collapsed));
    this.counts = $derived(countJobStates(this.rows));
    this.omitted = $derived(status.appliances.reduce((n, a) => n + a.jobsOmitted, 0));
  }

  row(applianceId: string, jobId: string): JobRow | undefined {
    return this.#byKey.get(jobKey(applianceId, jobId));
  }

  toggleGroup(applianceId: string): void {
    this.#collapsed = toggled(this.#collapsed, applianceId);
  }

  /**
   * Acknowledges the job's failure or missed RPO, or mutes its notifications, until `until` (ISO;
   * null: until changed). Rejects when main (or a team server) refuses.
   */
  flag(kind: 'acknowledge' | 'mute', job: JobIdentity, until: string | null): Promise<void> {
    return this.#api[`notifications:${kind}`]({ applianceId: job.applianceId, jobId: job.jobId, on: true, until });
  }

  /** Sets the job's own RPO: seconds, null to switch the check off, or 'default'. */
  setRpo(job: JobIdentity, rpoSec: number | null | 'default'): Promise<MutationResult> {
    return this.#api['jobs:set-rpo']({ applianceId: job.applianceId, jobId: job.jobId, rpoSec });
  }
}
