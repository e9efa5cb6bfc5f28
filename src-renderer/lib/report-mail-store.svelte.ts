/**
 * The scheduled report mail as main holds it: its settings, whether an SMTP password is saved and
 * when serve sends next. Saved through 'report-mail:save'; the password only ever goes that way.
 */
import type { BackwatchApi, ReportMailChange, ReportMailView } from '../../src-main/common/ipc-contract.js';
import { requestErrorMessage } from './request-error.js';

export class ReportMailStore {
  #view = $state.raw<ReportMailView | null>(null);
  #unavailable = $state<string | null>(null);
  #error = $state<string | null>(null);
  readonly #api: BackwatchApi;

  constructor(api: BackwatchApi) {
    this.#api = api;
  }

  get view(): ReportMailView | null {
    return this.#view;
  }

  /** Why the report mail is not set here (a desktop that reads a team server), in main's words. */
  get unavailable(): string | null {
    return this.#unavailable;
  }

  /** Why the last save was refused, in main's words. */
  get error(): string | null {
    return this.#error;
  }

  async load(): Promise<void> {
    try {
      const result = await this.#api['report-mail:get']();
      this.#view = result.ok ? result.value : null;
      this.#unavailable = result.ok ? null : result.message;
    } catch (error) {
      this.#unavailable = requestErrorMessage(error);
    }
  }

  async save(change: ReportMailChange): Promise<boolean> {
    const result = await this.#api['report-mail:save'](change);
    if (result.ok) this.#view = result.value;
    this.#error = result.ok ? null : result.message;
    return result.ok;
  }
}
