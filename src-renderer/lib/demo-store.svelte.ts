/** The demo fleet: simulated appliances on this computer, started from the first-run screen. */
import type { BackwatchApi } from '../../src-main/common/ipc-contract.js';

export class DemoStore {
  /** Why the demo did not start, in main's words. */
  #error = $state<string | null>(null);
  readonly #api: BackwatchApi;

  constructor(api: BackwatchApi) {
    this.#api = api;
  }

  get error(): string | null {
    return this.#error;
  }

  async start(): Promise<void> {
    const result = await this.#api['app:start-demo']();
    this.#error = result.ok ? null : result.message;
  }

  /** Stops the simulators and removes the demo appliances; resolves to why not, or null. */
  async leave(): Promise<string | null> {
    const result = await this.#api['app:leave-demo']();
    return result.ok ? null : result.message;
  }
}
