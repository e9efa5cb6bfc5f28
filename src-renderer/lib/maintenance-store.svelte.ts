/** The maintenance windows as main holds them: listed, added and removed through the maintenance channels. */
import type { BackwatchApi, MaintenanceDraft, MaintenanceWindowView } from '../../src-main/common/ipc-contract.js';
import { requestErrorMessage } from './request-error.js';

export class MaintenanceStore {
  #windows = $state.raw<readonly MaintenanceWindowView[]>([]);
  #error = $state<string | null>(null);
  readonly #api: BackwatchApi;

  constructor(api: BackwatchApi) {
    this.#api = api;
  }

  get windows(): readonly MaintenanceWindowView[] {
    return this.#windows;
  }

  /** Why the last change was refused, in main's words. */
  get error(): string | null {
    return this.#error;
  }

  async load(): Promise<void> {
    try {
      this.#windows = await this.#api['maintenance:list']();
    } catch (error) {
      // A team server that cannot be read now: its windows stay as last read, and the window says why.
      this.#error = requestErrorMessage(error);
    }
  }

  async add(draft: MaintenanceDraft): Promise<boolean> {
    const result = await this.#api['maintenance:add'](draft);
    this.#error = result.ok ? null : result.message;
    await this.load();
    return result.ok;
  }

  async remove(id: string): Promise<void> {
    const result = await this.#api['maintenance:remove'](id);
    this.#error = result.ok ? null : result.message;
    await this.load();
  }
}
