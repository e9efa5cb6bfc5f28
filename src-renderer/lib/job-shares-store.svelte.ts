/**
 * The Jobs view's compliance column: every job's share of the last 30 days protected, read in one
 * 'reports:compliance' request (the report the Reports view shows), never one request per row.
 * Read while the Jobs view shows and at most once a minute per source: a month of the fleet's history
 * is a real read, and a share moves slowly; a switch to or from a team server reads again at once.
 */
import type { BackwatchApi } from '../../src-main/common/ipc-contract.js';
import { COLUMN_DAYS, NO_SHARES, sharesByJob, type JobShares } from './job-compliance.js';
import { requestErrorMessage } from './request-error.js';

const REREAD_AFTER_MS = 60_000;

export class JobSharesStore {
  #shares = $state.raw<JobShares>(NO_SHARES);
  #unavailable = $state<string | null>(null);
  #readAtMs = Number.NEGATIVE_INFINITY;
  #readSource: string | null = null;
  #reading = false;
  readonly #api: BackwatchApi;
  readonly #now: () => number;

  constructor(api: BackwatchApi, now: () => number) {
    this.#api = api;
    this.#now = now;
  }

  /** Each job's share by `jobKey`; a job not in it has no stored run yet (or the report is not read). */
  get shares(): JobShares {
    return this.#shares;
  }

  /** Why main reads no compliance here (a team server's desktop, no history store), in its words; null otherwise. */
  get unavailable(): string | null {
    return this.#unavailable;
  }

  /**
   * Reads the shares of `source` (the team server's address, or anything else for this desktop's own
   * history) unless a read is under way or the last read of the same source is under a minute old.
   */
  async load(source: string): Promise<void> {
    const nowMs = this.#now();
    if (this.#reading || (source === this.#readSource && nowMs - this.#readAtMs < REREAD_AFTER_MS)) return;
    this.#reading = true;
    try {
      // The column needs the jobs alone: no machine is combined or sent.
      const query = { period: { lastDays: COLUMN_DAYS }, machineRows: 0 };
      const made = await this.#api['reports:compliance'](query).catch((error: unknown) => ({
        ok: false as const,
        message: requestErrorMessage(error),
      }));
      this.#shares = made.ok ? sharesByJob(made.value.jobs) : NO_SHARES;
      this.#unavailable = made.ok ? null : made.message;
      this.#readAtMs = nowMs;
      this.#readSource = source;
    } finally {
      this.#reading = false;
    }
  }
}
