/**
 * The one Backwatch window: locked down (isolated, sandboxed, no Node, no navigation,
 * no new windows, no permissions), created on demand and destroyed on close (the app lives on
 * in the tray), its size and position remembered.
 */
import { BrowserWindow, screen, session, shell, type Rectangle } from 'electron';
import type { ServerTransport } from '../common/ipc-channels.js';
import type { NavigateTarget } from '../common/ipc-contract.js';

export interface WindowState {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

/** Where the window's size and position are kept between runs. */
export interface WindowStateStore {
  load(): WindowState | null;
  save(state: WindowState): void;
}

export interface MainWindowOptions {
  /** Absolute path of the built preload (CommonJS: sandboxed preloads cannot be ESM). */
  readonly preloadPath: string;
  /** The page to load (APP_PAGE_URL: the built renderer's index.html on the app:// origin). */
  readonly pageUrl: string;
  readonly iconPath?: string;
  readonly state: WindowStateStore;
  /** Told when the window opens or closes (macOS shows the Dock icon only while it is open). */
  readonly onOpenChange?: (open: boolean) => void;
  /** Called for links the page tries to open in a new window; it decides whether to open them outside. */
  readonly openExternal: (url: string) => void;
}

export interface MainWindow {
  /** Shows the window (creating it if needed); resolves once its page has loaded. */
  show(): Promise<BrowserWindow>;
  /** The window, or null while it is closed. */
  current(): BrowserWindow | null;
}

export const DEFAULT_SIZE = { width: 1100, height: 720 } as const;
const MIN_SIZE = { width: 720, height: 480 } as const;

/** Whether a URL is the page `pageUrl` (any hash or query): the only page the window may show. */
export function isSamePage(pageUrl: string, url: string): boolean {
  try {
    const [a, b] = [new URL(pageUrl), new URL(url)];
    return a.protocol === b.protocol && a.host === b.host && a.pathname === b.pathname;
  } catch {
    return false;
  }
}

/**
 * The saved bounds if they still show at least 100×50 px of the window on some display
 * (a monitor may have been unplugged since), otherwise none so the window opens centred.
 */
export function restoreBounds(saved: WindowState | null, workAreas: readonly Rectangle[]): WindowState | null {
  if (!saved || ![saved.x, saved.y, saved.width, saved.height].every(Number.isFinite)) return null;
  const visible = workAreas.some((area) => {
    const w = Math.min(saved.x + saved.width, area.x + area.width) - Math.max(saved.x, area.x);
    const h = Math.min(saved.y + saved.height, area.y + area.height) - Math.max(saved.y, area.y);
    return w >= 100 && h >= 50;
  });
  return visible ? { ...saved, width: Math.max(saved.width, MIN_SIZE.width), height: Math.max(saved.height, MIN_SIZE.height) } : null;
}

/**
 * Refuses every permission request of the default session. Safe to repeat: each call replaces
 * Electron's previous handlers. (The CSP comes with every app:// response: app-protocol.ts.)
 */
function lockDownSession(): void {
  // The window needs no camera, notification, clipboard or other permission: main shows notifications.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

function createWindow(opts: MainWindowOptions): BrowserWindow {
  lockDownSession();
  const bounds = restoreBounds(
    opts.state.load(),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const window = new BrowserWindow({
    ...(bounds ? { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height } : DEFAULT_SIZE),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Backwatch',
    autoHideMenuBar: true,
    ...(opts.iconPath ? { icon: opts.iconPath } : {}),
    webPreferences: {
      // Reviewed: the preload only exposes the typed contract through contextBridge.
      preload: opts.preloadPath, // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // A middle click must not open a link in a new window either.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  if (bounds?.maximized) window.maximize();
  const contents = window.webContents;
  // The page never navigates: the renderer routes inside itself. Anything else is refused.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    opts.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK (the opener checks the URL against the appliances)
    return { action: 'deny' };
  });
  window.on('close', () => {
    const b = window.getNormalBounds();
    opts.state.save({ x: b.x, y: b.y, width: b.width, height: b.height, maximized: window.isMaximized() });
  });
  return window;
}

/** The window controller: one window at most, recreated on demand. */
export function createMainWindow(opts: MainWindowOptions): MainWindow {
  let window: BrowserWindow | null = null;
  let loaded: Promise<void> | null = null;

  const open = (): BrowserWindow => {
    const created = createWindow(opts);
    window = created;
    created.once('ready-to-show', () => created.show());
    created.on('closed', () => {
      window = null;
      loaded = null;
      opts.onOpenChange?.(false);
    });
    loaded = created.loadURL(opts.pageUrl);
    opts.onOpenChange?.(true);
    return created;
  };

  return {
    async show() {
      const existing = window;
      const target = existing ?? open();
      if (existing) {
        if (existing.isMinimized()) existing.restore();
        existing.show();
        existing.focus();
      }
      await loaded;
      return target;
    },
    current: () => window,
  };
}

/**
 * Shows the window and, once its page has loaded (so it listens), asks it to show `target`:
 * what a click on a notification or a tray problem does.
 */
export async function showWindowAt(window: MainWindow, emit: ServerTransport['emit'], target: NavigateTarget | null): Promise<void> {
  await window.show();
  if (target) emit('app:navigate', target);
}

/**
 * Whether `url` may be opened in the system browser: an http(s) URL on the origin of a configured
 * appliance. Everything else a page might ask for is refused.
 */
export function isApplianceUrl(url: string, applianceBaseUrls: readonly string[]): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  if (target.protocol !== 'https:' && target.protocol !== 'http:') return false;
  return applianceBaseUrls.some((base) => {
    try {
      return new URL(base).origin === target.origin;
    } catch {
      return false;
    }
  });
}

/** Opens `url` in the system browser when it belongs to a configured appliance; returns whether it did. */
export async function openApplianceUrl(url: string, applianceBaseUrls: readonly string[]): Promise<boolean> {
  if (!isApplianceUrl(url, applianceBaseUrls)) return false;
  await shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK (only configured appliance origins reach here)
  return true;
}
