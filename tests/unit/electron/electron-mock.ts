/**
 * The ONE stand-in for the `electron` module in the shell's unit tests (the binary is not
 * installed here). Each test file does `vi.mock('electron', () => import('./electron-mock.js'))`;
 * everything else (core, rules, electron-store) is real. The fakes record what the shell did, and
 * behave as Electron where the shell could go wrong unseen: IPC payloads are structured-cloned,
 * handler errors reach the page reduced to Electron's message, and every page, preload and icon
 * must be a file of the build (electron-fake-checks.ts).
 */
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';
import { vi } from 'vitest';
import { appFolder, checkBuildFile, checkPage, cloneAcross } from './electron-fake-checks.js';

export { takeFaults } from './electron-fake-checks.js';

// electron-store is loaded by Node itself, outside vitest's module graph, so vi.mock cannot reach
// its own `import 'electron'`: there it gets the npm package, which (with this variable set) only
// returns a path instead of trying to download the binary. The shell always passes electron-store
// an absolute `cwd`, so it needs nothing else from Electron. Import this module first.
process.env.ELECTRON_OVERRIDE_DIST_PATH ??= '/nonexistent-electron-dist';

class FakeWebFrame {
  constructor(
    public url: string,
    public readonly processId = 1,
    public readonly routingId = 1,
  ) {}
}

export class FakeWebContents extends EventEmitter {
  readonly mainFrame: FakeWebFrame;
  readonly sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  constructor(url = '', processId = 1, routingId = 1) {
    super();
    this.mainFrame = new FakeWebFrame(url, processId, routingId);
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload: cloneAcross(payload, `webContents.send('${channel}')`, 'Failed to serialize arguments') });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  /** Emits an event the way Electron does, with a preventable event object first; returns it. */
  fire(name: string, ...args: unknown[]): { defaultPrevented: boolean; preventDefault(): void } {
    const event = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    this.emit(name, event, ...args);
    return event;
  }
}

let nextProcessId = 10;

export class BrowserWindow extends EventEmitter {
  static readonly all: BrowserWindow[] = [];
  static fromWebContents(contents: unknown): BrowserWindow | null {
    return BrowserWindow.all.find((w) => w.webContents === contents) ?? null;
  }
  readonly webContents: FakeWebContents;
  readonly loaded: string[] = [];
  destroyed = false;
  visible = false;
  maximized = false;
  minimized = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    this.webContents = new FakeWebContents('', (nextProcessId += 1));
    BrowserWindow.all.push(this);
    const preload = (options.webPreferences as { preload?: unknown } | undefined)?.preload;
    if (preload !== undefined) checkBuildFile('BrowserWindow webPreferences.preload', preload);
    if (typeof options.icon === 'string') checkBuildFile('BrowserWindow icon', options.icon);
  }
  async loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    checkPage(`loadURL('${url}')`, url);
    this.webContents.mainFrame.url = url;
    this.emit('ready-to-show');
  }
  async loadFile(path: string): Promise<void> {
    await this.loadURL(pathToFileURL(path).href);
  }
  isDestroyed = () => this.destroyed;
  isMinimized = () => this.minimized;
  isMaximized = () => this.maximized;
  maximize = () => void (this.maximized = true);
  restore = () => void (this.minimized = false);
  show = () => void (this.visible = true);
  focus = vi.fn();
  getNormalBounds = () => ({ x: 10, y: 20, width: 900, height: 700 });
  /** What the user closing the window does. */
  close(): void {
    this.emit('close', { preventDefault() {} });
    this.destroyed = true;
    this.emit('closed');
  }
}

export class Tray extends EventEmitter {
  static readonly all: Tray[] = [];
  readonly images: unknown[] = [];
  readonly tooltips: string[] = [];
  readonly menus: FakeMenu[] = [];
  readonly titles: string[] = [];
  destroyed = false;
  constructor(image: unknown) {
    super();
    if (typeof image === 'string') checkBuildFile('Tray image', image);
    this.images.push(image);
    Tray.all.push(this);
  }
  setImage = (image: unknown) => {
    if (typeof image === 'string') checkBuildFile('Tray image', image);
    this.images.push(image);
  };
  setToolTip = (text: string) => void this.tooltips.push(text);
  setContextMenu = (menu: FakeMenu) => void this.menus.push(menu);
  setTitle = (title: string) => void this.titles.push(title);
  destroy = () => void (this.destroyed = true);
}

export interface FakeMenu {
  readonly template: readonly Record<string, unknown>[];
}

export const Menu = {
  buildFromTemplate: (template: readonly Record<string, unknown>[]): FakeMenu => ({ template }),
};

export const nativeImage = {
  createFromPath: (path: string) => {
    checkBuildFile('nativeImage.createFromPath', path);
    return { path };
  },
};

export class Notification extends EventEmitter {
  static supported = true;
  static readonly shown: Notification[] = [];
  static isSupported = () => Notification.supported;
  constructor(readonly options: { title: string; body: string; icon?: string }) {
    super();
    if (options.icon !== undefined) checkBuildFile('Notification icon', options.icon);
  }
  show(): void {
    Notification.shown.push(this);
  }
}

type Handler = (event: unknown, ...args: unknown[]) => unknown;

export const ipcMain = {
  handlers: new Map<string, Handler>(),
  handle: vi.fn((channel: string, handler: Handler) => {
    if (ipcMain.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    ipcMain.handlers.set(channel, handler);
  }),
  removeHandler: vi.fn((channel: string) => void ipcMain.handlers.delete(channel)),
  on: vi.fn(),
};

/** Who sends an IPC request: the contents and the frame it came from. */
export interface FakeSender {
  readonly sender: unknown;
  readonly senderFrame: unknown;
}

/**
 * What a page's `ipcRenderer.invoke` does in Electron: the arguments and the answer are
 * structured-cloned, and a handler's error reaches the page as a plain Error with Electron's
 * message, `Error invoking remote method '<channel>': <error.toString()>`.
 */
export async function invokeFrom(from: FakeSender, channel: string, ...args: unknown[]): Promise<unknown> {
  const received = cloneAcross(args, `ipcRenderer.invoke('${channel}') arguments`, 'An object could not be cloned.');
  try {
    const handler = ipcMain.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const answer = await handler(from, ...received);
    return cloneAcross(answer, `the answer to '${channel}'`, 'An object could not be cloned.');
  } catch (e) {
    throw new Error(`Error invoking remote method '${channel}': ${String(e)}`);
  }
}

/** The preload's view of IPC; its requests come from the newest window's main frame. */
export const ipcRenderer = Object.assign(new EventEmitter(), {
  invoke: vi.fn(async (channel: string, ...args: unknown[]): Promise<unknown> => {
    const contents = BrowserWindow.all.at(-1)?.webContents;
    return invokeFrom({ sender: contents, senderFrame: contents?.mainFrame ?? null }, channel, ...args);
  }),
});

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld: vi.fn((key: string, api: unknown) => void contextBridge.exposed.set(key, api)),
};

export const shell = { openExternal: vi.fn(async (_url: string) => undefined) };

export const screen = {
  getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
};

type HeadersListener = (details: { responseHeaders?: Record<string, string[]> }, callback: (r: unknown) => void) => void;

export const session = {
  defaultSession: {
    webRequest: { onHeadersReceived: vi.fn((_listener: HeadersListener) => undefined) },
    setPermissionRequestHandler: vi.fn((_handler: (c: unknown, p: string, cb: (ok: boolean) => void) => void) => undefined),
    setPermissionCheckHandler: vi.fn((_handler: () => boolean) => undefined),
  },
};

type ProtocolHandler = (request: Request) => Promise<Response>;

export const protocol = {
  privileged: [] as { scheme: string; privileges: Record<string, boolean> }[],
  handlers: new Map<string, ProtocolHandler>(),
  registerSchemesAsPrivileged: vi.fn((schemes: { scheme: string; privileges: Record<string, boolean> }[]) => {
    protocol.privileged.push(...schemes);
  }),
  handle: vi.fn((scheme: string, handler: ProtocolHandler) => {
    if (protocol.handlers.has(scheme)) throw new Error(`The scheme ${scheme} is already handled`);
    protocol.handlers.set(scheme, handler);
  }),
};

export const app = Object.assign(new EventEmitter(), {
  loginItem: { openAtLogin: false },
  getLoginItemSettings: () => ({ openAtLogin: app.loginItem.openAtLogin }),
  setLoginItemSettings: vi.fn((s: { openAtLogin: boolean }) => void (app.loginItem.openAtLogin = s.openAtLogin)),
  setBadgeCount: vi.fn((_count: number) => true),
  getVersion: () => '0.1.0',
  getAppPath: () => appFolder.path,
  getPath: (_name: string) => process.cwd(),
  dock: { show: vi.fn(async () => undefined), hide: vi.fn() },
  whenReady: vi.fn(async () => undefined),
  requestSingleInstanceLock: vi.fn(() => true),
  quit: vi.fn(),
  exit: vi.fn(),
});

/** Makes `path` the app's folder: the build every page, preload and icon must come from. */
export function useAppFolder(path: string): void {
  appFolder.path = path;
}

/** Forgets everything recorded, between tests (the app folder goes back to the checkout). */
export function resetElectronMock(): void {
  appFolder.path = process.cwd();
  BrowserWindow.all.length = 0;
  Tray.all.length = 0;
  Notification.shown.length = 0;
  Notification.supported = true;
  ipcMain.handlers.clear();
  protocol.privileged.length = 0;
  protocol.handlers.clear();
  contextBridge.exposed.clear();
  ipcRenderer.removeAllListeners();
  app.loginItem.openAtLogin = false;
  vi.clearAllMocks();
}

/** A sender that is not our window (another window's contents), for the IPC tests. */
export function foreignContents(url: string): FakeWebContents {
  return new FakeWebContents(url, 999);
}

export default {
  app,
  BrowserWindow,
  contextBridge,
  ipcMain,
  ipcRenderer,
  Menu,
  nativeImage,
  Notification,
  protocol,
  screen,
  session,
  shell,
  Tray,
};

/**
 * electron-updater's `autoUpdater`, recorded: `vi.mock('electron-updater', () => import('./electron-mock.js'))`.
 * A test plays the feed by emitting `update-downloaded` or `error` itself.
 */
export const autoUpdater = Object.assign(new EventEmitter(), {
  autoDownload: false,
  autoInstallOnAppQuit: false,
  logger: null as unknown,
  checkForUpdates: vi.fn(async () => null),
  quitAndInstall: vi.fn((_isSilent?: boolean, _isForceRunAfter?: boolean) => undefined),
  /** Forgets listeners and calls, between tests. */
  reset(): void {
    autoUpdater.removeAllListeners();
    autoUpdater.checkForUpdates.mockClear();
    autoUpdater.quitAndInstall.mockClear();
  },
});
