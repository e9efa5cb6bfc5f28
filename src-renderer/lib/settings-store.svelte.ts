/** The settings as main holds them; edits go through 'settings:update' and come back validated. */
import type { BackwatchApi } from '../../src-main/common/ipc-contract.js';
import type { Settings } from '../../src-main/common/settings.js';

export class SettingsStore {
  #settings = $state.raw<Settings | null>(null);
  #error = $state<string | null>(null);
  readonly #api: BackwatchApi;

  constructor(api: BackwatchApi) {
    this.#api = api;
  }

  get settings(): Settings | null {
    return this.#settings;
  }

  /** Why the last update was refused, in main's words. */
  get error(): string | null {
    return this.#error;
  }

  async load(): Promise<void> {
    this.#settings = await this.#api['settings:get']();
  }

  /** Subscribes first, then loads: a change made elsewhere (the tray, the CLI) shows at once. */
  connect(): () => void {
    const off = this.#api.on('settings:changed', (settings) => (this.#settings = settings));
    void this.load();
    return off;
  }

  async update(patch: Partial<Settings>): Promise<boolean> {
    const result = await this.#api['settings:update'](patch);
    if (result.ok) {
      this.#settings = result.value;
      this.#error = null;
    } else {
      this.#error = result.message;
    }
    return result.ok;
  }

  /** Unmutes one job (`jobKey` = `${applianceId}/${jobId}`), then reloads what main now holds. */
  async unmute(key: string): Promise<void> {
    const slash = key.indexOf('/');
    if (slash < 0) return;
    await this.#api['notifications:mute']({ applianceId: key.slice(0, slash), jobId: key.slice(slash + 1), on: false });
    await this.load();
  }
}
