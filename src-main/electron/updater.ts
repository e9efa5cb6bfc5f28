/**
 * Self-updating through electron-updater: checks at start and every 6 hours, downloads in the
 * background, and offers "Restart to update" once a new version is on disk. It never runs where
 * the install cannot replace itself (a deb, a copy run from source) or where the admin or the
 * organisation switched it off. The feed (GitHub Releases or an HTTPS folder) is set in
 * electron-builder.yml, which writes it into the installed app as app-update.yml.
 */
import type { MutationResult, UpdateState } from '../common/ipc-contract.js';
import type { Logger } from '../core/logger.js';
import type { Scheduler, TimerHandle } from '../core/poller/scheduler.js';

export const UPDATE_CHECK_INTERVAL_MS = 6 * 3_600_000;

/** Set to 1 by managed installs (software distribution, golden images): IT ships the updates. */
export const DISABLE_UPDATES_VARIABLE = 'BACKWATCH_DISABLE_UPDATES';

export interface InstallFacts {
  readonly platform: NodeJS.Platform;
  readonly env: NodeJS.ProcessEnv;
  /** Electron's `app.isPackaged`: false when run from source (`npm start`). */
  readonly isPackaged: boolean;
}

/** Why this install cannot update itself, in words for the admin; null when it can. */
export function updateUnavailableReason({ platform, env, isPackaged }: InstallFacts): string | null {
  if (env[DISABLE_UPDATES_VARIABLE] === '1') {
    return `Updates are managed by your organisation (${DISABLE_UPDATES_VARIABLE} is set).`;
  }
  if (!isPackaged) return 'This copy runs from source: it is updated with its source, not by itself.';
  // electron-updater replaces an AppImage in place (it sets APPIMAGE); a deb belongs to the package manager.
  if (platform === 'linux' && !env.APPIMAGE) return 'This copy was installed as a package: your package manager updates it.';
  return null;
}

/** The part of electron-updater's `autoUpdater` the shell uses. */
export interface AutoUpdaterPort {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  logger: { info(m: unknown): void; warn(m: unknown): void; error(m: unknown): void } | null;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface UpdaterOptions {
  /** `updateUnavailableReason` of this install: when not null nothing is ever checked or loaded. */
  readonly unavailableReason: string | null;
  /** The "automatic updates" setting, read at every check. */
  readonly enabled: () => boolean;
  readonly scheduler: Scheduler;
  readonly log: Logger;
  /** Told once a new version is downloaded and ready to install. */
  readonly onReady: (version: string) => void;
}

export interface Updater {
  state(): UpdateState;
  /** Quits and installs the downloaded version; refused while none is ready. */
  restartToUpdate(): MutationResult;
  /** Checks now, then every 6 hours. */
  start(): void;
  stop(): void;
}

/** electron-updater, loaded on the first check (off the start-up path, and never where updates are off). */
const loadAutoUpdater = async (): Promise<AutoUpdaterPort> => (await import('electron-updater')).autoUpdater;

export function createUpdater(opts: UpdaterOptions): Updater {
  let readyVersion: string | null = null;
  let timer: TimerHandle | null = null;
  let updater: Promise<AutoUpdaterPort> | null = null;

  const prepare = async (): Promise<AutoUpdaterPort> => {
    const loaded = await loadAutoUpdater();
    loaded.autoDownload = true;
    loaded.autoInstallOnAppQuit = true;
    loaded.logger = {
      info: (m) => opts.log.debug(`Updater: ${String(m)}`),
      warn: (m) => opts.log.warn(`Updater: ${String(m)}`),
      error: (m) => opts.log.warn(`Updater: ${String(m)}`),
    };
    loaded.on('update-downloaded', ({ version }) => {
      readyVersion = version;
      opts.log.info(`Update ${version} downloaded: it installs on restart.`);
      opts.onReady(version);
    });
    // A failed check or download (offline, feed unreachable) waits for the next check.
    loaded.on('error', (error) => opts.log.warn(`Update check failed: ${error.message}`));
    return loaded;
  };

  const check = async () => {
    if (readyVersion !== null || !opts.enabled()) return;
    updater ??= prepare();
    await (await updater).checkForUpdates();
  };

  const tick = () => {
    check().catch((e: unknown) => opts.log.warn(`Update check failed: ${e instanceof Error ? e.message : String(e)}`));
    timer = opts.scheduler.setTimeout(tick, UPDATE_CHECK_INTERVAL_MS);
  };

  return {
    state: () => ({ unavailableReason: opts.unavailableReason, readyVersion }),
    restartToUpdate() {
      if (readyVersion === null || updater === null) return { ok: false, message: 'No update has been downloaded yet.' };
      void updater.then((loaded) => loaded.quitAndInstall(true, true));
      return { ok: true, value: undefined };
    },
    start() {
      if (opts.unavailableReason !== null || timer !== null) return;
      tick();
    },
    stop() {
      if (timer !== null) opts.scheduler.clearTimeout(timer);
      timer = null;
    },
  };
}
