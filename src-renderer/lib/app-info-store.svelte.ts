/** What main says about itself once: version, whether a keychain exists, problems found at start. */
import type { AppInfo, BackwatchApi, UpdateState } from '../../src-main/common/ipc-contract.js';

/** Where passwords can go, as the appliance form needs to know. */
export interface KeychainState {
  readonly available: boolean;
  readonly message: string;
}

export class AppInfoStore {
  #info = $state.raw<AppInfo | null>(null);
  #dismissed = $state(false);
  /** A version downloaded while the window was open (`app:update-ready`). */
  #updateReady = $state<string | null>(null);
  readonly #api: BackwatchApi;

  constructor(api: BackwatchApi) {
    this.#api = api;
  }

  async load(): Promise<void> {
    this.#info = await this.#api['app:info']();
  }

  /** Listens for updates downloaded from now on; returns the unsubscribe function. */
  connect(): () => void {
    return this.#api.on('app:update-ready', ({ version }) => (this.#updateReady = version));
  }

  /** Whether and why not this install updates itself; null where there is no updater (browser mode). */
  get updates(): UpdateState | null {
    return this.#info?.updates ?? null;
  }

  /** The version waiting to be installed by a restart, or null. */
  get updateReady(): string | null {
    return this.#updateReady ?? this.#info?.updates?.readyVersion ?? null;
  }

  /** Asks main to quit and install the update; resolves to what went wrong, or null. */
  async restartToUpdate(): Promise<string | null> {
    const result = await this.#api['app:restart-to-update']();
    return result.ok ? null : result.message;
  }

  /** Until main answers, assume a keychain: the form then asks for a password as usual. */
  get keychain(): KeychainState {
    return { available: this.#info?.keychainAvailable ?? true, message: this.#info?.keychainMessage ?? '' };
  }

  /** Only the desktop app can start at login (browser mode has no login item to set). */
  /** The desktop app prints to PDF itself ('reports:save-pdf'); a browser prints with its own dialog. */
  get savesPdf(): boolean {
    return this.#info?.shell === 'electron';
  }

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
