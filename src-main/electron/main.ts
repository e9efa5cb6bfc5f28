/**
 * The desktop app's entry: the one place that builds the real adapters (electron-store, keytar,
 * tray, notifications, window, IPC) and wires them to the core (the feed itself is shell-feed.ts).
 * It also holds what only the desktop has: the tray menu's commands, the login item, the app's
 * lifecycle and opening the window at first run.
 */
import { app } from 'electron';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { NoticeTarget } from '../common/notification-policy.js';
import { requestHandlerOf, sendToWindows, type IpcHandlers } from '../common/ipc-channels.js';
import type { TrayCommand } from '../common/tray-model.js';
import { createAppCore } from '../core/app/app-core.js';
import { defaultConfigDir, type ConfigStore } from '../core/config/config-store.js';
import { fileLogSink } from '../core/file-log.js';
import { createLogger } from '../core/logger.js';
import { realScheduler } from '../core/poller/scheduler.js';
import { createKeytarSecretStore } from '../core/secrets/secret-store.js';
import type { DemoFleet } from '../demo/fleet.js';
import { APP_PAGE_URL } from './app-protocol.js';
import { registerAppScheme, serveAppScheme } from './app-scheme.js';
import { openHistoryStore } from '../core/history/history-store.js';
import { openWindowStateStore } from './app-state-store.js';
import { openElectronConfigStore } from './electron-config-store.js';
import { createElectronServerTransport } from './ipc-main.js';
import { createLoginItem, type LoginItem } from './login-item.js';
import { createElectronNotifier, type Notifier } from './notifier.js';
import { saveReportPdf } from './pdf-export.js';
import type { SavePdf } from '../core/services/service-context.js';
import { feedShell } from './shell-feed.js';
import { createElectronTray } from './tray.js';
import { createUpdater, updateUnavailableReason, type Updater } from './updater.js';
import { createMainWindow, isSamePage, openApplianceUrl, showWindowAt, type MainWindow } from './window.js';

/** Keeps the tray's relative texts ("last success 31 h ago", pause expiry) fresh between statuses. */
const TRAY_REFRESH_MS = 60_000;
/** Windows groups notifications and taskbar entries by this id: the installer's appId (electron-builder.yml). */
const APP_USER_MODEL_ID = 'com.backwatch.app';

// Same folder as the CLI (`BACKWATCH_CONFIG_DIR` overrides it, e.g. for the end-to-end tests).
const configDir = defaultConfigDir(process.platform, process.env, homedir());
const toLogFile = fileLogSink({ dir: join(configDir, 'logs') });
const log = createLogger((line) => {
  if (line.level === 'debug') return;
  process.stderr.write(`[backwatch] ${line.level}: ${line.message}\n`);
  toLogFile(line);
});

/** Files inside the app (the folder holding package.json, inside app.asar when packaged). */
function appPaths() {
  const root = app.getAppPath();
  // Icons are unpacked from the archive (electron-builder.yml) because the OS reads them by path.
  const assets = join(root.replace(/app\.asar$/, 'app.asar.unpacked'), 'assets');
  return {
    preload: join(root, 'dist', 'main', 'preload', 'preload.cjs'),
    renderer: join(root, 'dist', 'renderer'),
    trayIcons: join(assets, 'tray'),
    appIcon: join(assets, 'icon.png'),
  };
}

/** The core with the shell's ports: the shared config, the history database, keytar, the demo fleet in-process. */
function buildCore(
  configDir: string,
  config: ConfigStore,
  updater: Updater,
  shell: { openExternal: (url: string) => Promise<void>; savePdf: SavePdf },
) {
  const secrets = createKeytarSecretStore();
  let demo: DemoFleet | null = null;
  const history = openHistoryStore(configDir, log);
  const core = createAppCore({
    config,
    history,
    secrets,
    log,
    ...shell,
    info: async () => {
      const keychain = await secrets.availability();
      return {
        version: app.getVersion(),
        platform: process.platform,
        shell: 'electron',
        keychainAvailable: keychain.available,
        keychainMessage: keychain.message,
        startupNotices: config.notices,
        updates: updater.state(),
      };
    },
    restartToUpdate: () => updater.restartToUpdate(),
    // The simulators run in this process for as long as the app does. They and their certificate
    // generator load only when the demo starts: most launches never need them.
    startDemoFleet: async () => {
      demo ??= await (await import('../demo/fleet.js')).startDemoFleet();
      return demo.appliances;
    },
    stopDemoFleet: async () => {
      const stopping = demo;
      demo = null;
      await stopping?.close();
    },
  });
  const close = async () => {
    await Promise.all([core.close(), demo?.close()]);
    config.close();
    history.close();
  };
  return { core, close };
}

interface CommandDeps {
  readonly window: MainWindow;
  readonly handlers: IpcHandlers;
  readonly showAt: (target: NoticeTarget) => Promise<void>;
  readonly renderTray: () => void;
}

/** What each tray menu entry does. */
function trayCommands({ window, handlers, showAt, renderTray }: CommandDeps): (command: TrayCommand) => void {
  const run = async (command: TrayCommand): Promise<void> => {
    switch (command.type) {
      case 'open':
        return void (await window.show());
      case 'navigate':
        return showAt(command.target);
      case 'refresh':
        return handlers['appliances:refresh']();
      case 'pause':
        return handlers['notifications:pause']({ until: command.until });
      case 'start-at-login':
        await handlers['settings:update']({ startAtLogin: command.enabled });
        return void renderTray();
      case 'restart-to-update': {
        const result = await handlers['app:restart-to-update']();
        if (!result.ok) log.warn(result.message);
        return;
      }
      case 'quit':
        return app.quit();
    }
  };
  return (command) => void run(command).catch((e: unknown) => log.error(`Tray command ${command.type} failed: ${String(e)}`));
}

/** The OS login item follows the setting, whoever changed it (tray or window). */
function withLoginItem(handlers: IpcHandlers, loginItem: LoginItem): IpcHandlers {
  return {
    ...handlers,
    'settings:update': async (patch) => {
      const result = await handlers['settings:update'](patch);
      if (result.ok && patch.startAtLogin !== undefined) loginItem.set(patch.startAtLogin);
      return result;
    },
  };
}

/** At quit, stops the shell, then logs out of the appliances and stops the demo before leaving for real. */
function closeBeforeQuitting(stopShell: () => void, close: () => Promise<void>): void {
  app.once('will-quit', (event) => {
    event.preventDefault();
    stopShell();
    close()
      .catch((e: unknown) => log.error(`Shutdown: ${String(e)}`))
      .finally(() => app.exit(0));
  });
}

/** What the admin sees once the app is up: the settings notices, the window when needed, the demo when asked for. */
async function welcome(config: ConfigStore, notifier: Notifier, window: MainWindow, handlers: IpcHandlers): Promise<void> {
  for (const notice of config.notices) notifier.message('Backwatch settings', notice);
  // First run (nothing configured) or a config problem: open the window so the admin sees it.
  if (config.read().appliances.length === 0 || config.notices.length > 0) await window.show();
  if (process.argv.includes('--demo') || process.env.BACKWATCH_DEMO === '1') {
    const demo = await handlers['app:start-demo']();
    if (!demo.ok) log.error(`Demo fleet: ${demo.message}`);
  }
}

async function start(): Promise<MainWindow> {
  const paths = appPaths();
  serveAppScheme(paths.renderer);
  const config = openElectronConfigStore(configDir);
  const loginItem = createLoginItem(process.platform);
  const openExternal = async (url: string) => {
    const appliances = config.read().appliances.map((a) => a.baseUrl);
    if (!(await openApplianceUrl(url, appliances))) log.warn('Refused to open a link that is not a configured appliance.');
  };
  const updater = createUpdater({
    unavailableReason: updateUnavailableReason({ platform: process.platform, env: process.env, isPackaged: app.isPackaged }),
    enabled: () => config.read().settings.automaticUpdates,
    scheduler: realScheduler,
    log,
    onReady: (version) => {
      transport.emit('app:update-ready', { version });
      feed.redraw();
    },
  });
  const savePdf: SavePdf = (document) => saveReportPdf(window.current(), document);
  const { core, close } = buildCore(configDir, config, updater, { openExternal, savePdf });

  const window = createMainWindow({
    preloadPath: paths.preload,
    pageUrl: APP_PAGE_URL,
    iconPath: paths.appIcon,
    state: openWindowStateStore(configDir),
    // A tray app has no Dock icon on macOS, except while its window is open.
    onOpenChange: (open) => void (open ? app.dock?.show() : app.dock?.hide()),
    openExternal: (url) => void openExternal(url),
  });
  const transport = createElectronServerTransport(() => window.current(), { isAppUrl: (url) => isSamePage(APP_PAGE_URL, url) });
  const showAt = (target: NoticeTarget) => showWindowAt(window, (event, payload) => transport.emit(event, payload), target);

  const handlers = withLoginItem(core.handlers, loginItem);
  transport.serve(requestHandlerOf(handlers));

  const renderTray = () => feed.redraw();
  const tray = createElectronTray({
    iconDir: paths.trayIcons,
    platform: process.platform,
    onCommand: trayCommands({ window, handlers, showAt, renderTray }),
  });
  const notifier = createElectronNotifier({ onClick: (target) => void showAt(target), iconPath: paths.appIcon });
  const feed = feedShell({
    events: core.events,
    tray,
    notifier,
    trayOptions: () => ({
      startAtLogin: loginItem.get(),
      startAtLoginSupported: loginItem.supported,
      updateReady: updater.state().readyVersion,
    }),
    toWindow: (event) => sendToWindows(transport, event),
    now: Date.now,
  });
  const timer = setInterval(renderTray, TRAY_REFRESH_MS);
  core.start();
  updater.start();

  app.on('activate', () => void window.show());
  closeBeforeQuitting(() => {
    clearInterval(timer);
    updater.stop();
    feed.stop();
    transport.close();
    tray.destroy();
  }, close);
  await welcome(config, notifier, window, core.handlers);
  return window;
}

function main(): void {
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
  // A second launch only wakes the first one (its 'second-instance' shows the window).
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  registerAppScheme();
  // Closing the window keeps Backwatch running in the tray.
  app.on('window-all-closed', () => {});
  if (process.platform === 'darwin') app.dock?.hide();
  const started = app.whenReady().then(start);
  started.catch((e: unknown) => {
    log.error(`Backwatch could not start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    app.exit(1);
  });
  app.on('second-instance', () => void started.then((window) => window.show()));
}

main();
