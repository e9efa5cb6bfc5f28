/** What main says about itself once: version, whether a keychain exists, problems found at start. */
import type { AppInfo, BackwatchApi } from '../../src-main/common/ipc-contract.js';

/** Where passwords can go, as the appliance form needs to know. */
export interface KeychainState {
  readonly available: boolean;
  readonly message: string;
}

export class AppInfoStore {
  #info = $state.raw<AppInfo | null>(null);
  #dismissed = $state(false);
  readonly #api: BackwatchApi;

  constructor(api: BackwatchApi) {
    this.#api = api;
  }

  async load(): Promise<void> {
    this.#info = await this.#api['app:info']();
  }

  /** Until main answers, assume a keychain: the form then asks for a password as usual. */
  get keychain(): KeychainState {
    return { available: this.#info?.keychainAvailable ?? true, message: this.#info?.keychainMessage ?? '' };
  }

  /** Only the desktop app can start at login (browser mode has no login item to set). */
  get canStartAtLogin(): boolean {
    return this.#info?.shell === 'electron';
  }

  /** Start-up problems (e.g. a damaged config file kept aside) until the admin dismisses them. */
  get notices(): readonly string[] {
    return this.#dismissed ? [] : (this.#info?.startupNotices ?? []);
  }

  dismiss(): void {
    this.#dismissed = true;
  }
}
