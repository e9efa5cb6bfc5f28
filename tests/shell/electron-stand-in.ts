/**
 * The `electron` module the built main bundle gets in the shell test (the loader in
 * register-electron.mjs points it here): each BrowserWindow is a page of a real Chromium, the
 * app:// scheme is served by the handler the shell registered, the built preload runs beside
 * the page (context-bridge.ts); tray, notifications and the app's lifecycle record what they
 * are asked to do and report it to the test over the process's IPC channel (control.ts).
 */
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_LAUNCH } from '../support/chromium.js';
import {
  createContextBridge,
  createIpcRenderer,
  runSandboxedPreload,
  type InvokeHandler,
  type IpcRendererStandIn,
} from './context-bridge.js';
import { recorded, serveControl } from './control.js';
import { toAppUrl, toWireUrl, WIRE_ORIGIN } from './wire.js';

const profile = mkdtempSync(join(tmpdir(), 'backwatch-shell-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  ...CHROMIUM_LAUNCH,
  args: [...CHROMIUM_LAUNCH.args, '--remote-debugging-port=0'],
  headless: true,
  viewport: { width: 1280, height: 800 },
});

type ProtocolHandler = (request: Request) => Promise<Response>;
let ready = false;

export const protocol = {
  handlers: new Map<string, ProtocolHandler>(),
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges: Record<string, boolean> }[]): void {
    if (ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    recorded.privilegedSchemes.push(...schemes);
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    if (protocol.handlers.has(scheme)) throw new Error(`The scheme ${scheme} is already handled`);
    protocol.handlers.set(scheme, handler);
  },
};

// Every request of the window's origin goes to the shell's own app:// handler, headers and all.
await context.route(`${WIRE_ORIGIN}/**`, async (route) => {
  const handler = protocol.handlers.get('app');
  if (!handler) return route.abort('failed');
  const request = route.request();
  const response = await handler(new Request(toAppUrl(request.url()), { method: request.method() }));
  recorded.appRequests.push({
    url: toAppUrl(request.url()),
    status: response.status,
    csp: response.headers.get('content-security-policy'),
  });
  await route.fulfill({
    status: response.status,
    headers: Object.fromEntries(response.headers),
    body: Buffer.from(await response.arrayBuffer()),
  });
});

export const ipcMain = {
  handlers: new Map<string, InvokeHandler>(),
  handle(channel: string, handler: InvokeHandler): void {
    if (ipcMain.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    ipcMain.handlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    ipcMain.handlers.delete(channel);
  },
  on(): void {},
};

let nextProcessId = 100;

class WebContents extends EventEmitter {
  readonly processId = (nextProcessId += 1);
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly ipcRenderer: IpcRendererStandIn;
  constructor(
    readonly owner: BrowserWindow,
    private readonly page: () => Page | null,
  ) {
    super();
    this.ipcRenderer = createIpcRenderer({
      handler: (channel) => ipcMain.handlers.get(channel),
      event: () => ({ sender: this, senderFrame: this.mainFrame, processId: this.processId, frameId: 1 }),
    });
  }
  get mainFrame() {
    const page = this.page();
    return { url: page ? toAppUrl(page.url()) : '', processId: this.processId, routingId: 1 };
  }
  send(channel: string, payload: unknown): void {
    this.ipcRenderer.deliver(channel, payload);
  }
  /** As Electron's: the page printed by Chromium (Page.printToPDF, through Playwright), its bytes. */
  async printToPDF(options: { pageSize?: 'A4' | 'Letter'; printBackground?: boolean }): Promise<Buffer> {
    const page = this.page();
    if (!page) throw new Error('The window has no page to print');
    recorded.printedPdfs.push({ pageSize: options.pageSize ?? 'Letter', url: toAppUrl(page.url()), html: await page.content() });
    return page.pdf({ format: options.pageSize ?? 'Letter', printBackground: options.printBackground ?? false });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed = () => this.owner.isDestroyed();
}

export class BrowserWindow extends EventEmitter {
  static readonly all: BrowserWindow[] = [];
  static fromWebContents(contents: unknown): BrowserWindow | null {
    return BrowserWindow.all.find((w) => w.webContents === contents && !w.destroyed) ?? null;
  }
  readonly webContents: WebContents;
  private page: Page | null = null;
  private readonly opened: Promise<Page>;
  private destroyed = false;
  private visible = false;
  private maximized = false;

  constructor(readonly options: { show?: boolean; webPreferences?: { preload?: string }; icon?: string }) {
    super();
    BrowserWindow.all.push(this);
    recorded.windows.push({ preload: options.webPreferences?.preload ?? null, icon: options.icon ?? null, show: options.show ?? true });
    this.webContents = new WebContents(this, () => this.page);
    this.opened = this.open();
  }

  private async open(): Promise<Page> {
    const page = await context.newPage();
    const preload = this.options.webPreferences?.preload;
    if (preload) {
      const bridge = createContextBridge(page);
      runSandboxedPreload(preload, { contextBridge: bridge, ipcRenderer: this.webContents.ipcRenderer });
      await bridge.ready();
    }
    page.on('popup', (popup) => {
      const decision = this.webContents.windowOpenHandler?.({ url: popup.url() }) ?? { action: 'allow' };
      if (decision.action === 'deny') void popup.close();
    });
    page.on('console', (message) => {
      if (message.type() === 'error') recorded.consoleErrors.push(message.text());
    });
    this.page = page;
    return page;
  }

  async loadURL(url: string): Promise<void> {
    const page = await this.opened;
    const response = await page.goto(toWireUrl(url));
    if (!response?.ok()) throw new Error(`ERR_FAILED (-2) loading '${url}' (${response?.status() ?? 'no response'})`);
    this.emit('ready-to-show');
  }

  /** As Electron's: resolves once the file has loaded (its page stays in the background). */
  async loadFile(path: string): Promise<void> {
    const page = await this.opened;
    const response = await page.goto(pathToFileURL(path).href);
    if (!response?.ok()) throw new Error(`ERR_FILE_NOT_FOUND (-6) loading '${path}'`);
  }

  isDestroyed = () => this.destroyed;
  isMinimized = () => false;
  isMaximized = () => this.maximized;
  isVisible = () => this.visible;
  maximize = () => void (this.maximized = true);
  restore(): void {}
  show(): void {
    this.visible = true;
    void this.opened.then((page) => page.bringToFront());
  }
  focus(): void {}
  getNormalBounds = () => ({ x: 0, y: 0, width: 1280, height: 800 });
  /** As Electron's: closes without a 'close' event to prevent. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    void this.opened.then((page) => page.close());
    this.emit('closed');
  }
  close(): void {
    if (this.destroyed) return;
    this.emit('close', { preventDefault() {} });
    this.destroyed = true;
    void this.opened.then((page) => page.close());
    this.emit('closed');
  }
}

export class Tray extends EventEmitter {
  constructor(image: { path: string }) {
    super();
    recorded.tray.images.push(image.path);
  }
  setImage = (image: { path: string }) => void recorded.tray.images.push(image.path);
  setToolTip = (text: string) => void (recorded.tray.tooltip = text);
  setContextMenu = (menu: { template: MenuTemplate }) => void (recorded.tray.menu = menu.template);
  setTitle = (title: string) => void (recorded.tray.title = title);
  destroy = () => void (recorded.tray.destroyed = true);
}

export type MenuTemplate = readonly { label?: string; click?: () => void; submenu?: MenuTemplate; [key: string]: unknown }[];

export const Menu = { buildFromTemplate: (template: MenuTemplate) => ({ template }) };

export const nativeImage = {
  createFromPath: (path: string) => ({ path, isEmpty: () => !existsSync(path) }),
};

export class Notification extends EventEmitter {
  static isSupported = () => true;
  constructor(private readonly options: { title: string; body: string; icon?: string }) {
    super();
  }
  show(): void {
    recorded.notifications.push({ title: this.options.title, body: this.options.body, icon: this.options.icon ?? null });
  }
}

export const session = {
  defaultSession: {
    setPermissionRequestHandler(handler: unknown): void {
      recorded.permissionHandlers += handler ? 1 : 0;
    },
    setPermissionCheckHandler(): void {},
  },
};

type SaveDialogOptions = { defaultPath?: string; title?: string };

/** The save dialog (with or without a parent window) answers with a file in the profile's folder, as if the admin had pressed Save. */
export const dialog = {
  async showSaveDialog(...args: [unknown, SaveDialogOptions] | [SaveDialogOptions]) {
    const options = args.length === 2 ? args[1] : args[0];
    const filePath = join(profile, basename(options.defaultPath ?? 'saved'));
    recorded.saveDialogs.push({ title: options.title ?? '', filePath });
    return { canceled: false, filePath };
  },
};

export const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1280, height: 800 } }] };

export const shell = {
  async openExternal(url: string): Promise<void> {
    recorded.openedExternally.push(url);
  },
};

const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

export const app = Object.assign(new EventEmitter(), {
  getAppPath: () => process.cwd(),
  getPath: () => profile,
  getVersion: () => version,
  requestSingleInstanceLock: () => true,
  whenReady: async () => {
    await new Promise((resolve) => setImmediate(resolve));
    ready = true;
    return undefined;
  },
  setBadgeCount(count: number): boolean {
    recorded.badge = count;
    return true;
  },
  getLoginItemSettings: () => ({ openAtLogin: false }),
  setLoginItemSettings(): void {},
  setAppUserModelId: (id: string) => void (recorded.appUserModelId = id),
  /** As Electron: 'before-quit', then a preventable 'will-quit', then exit. */
  quit(): void {
    app.emit('before-quit', { preventDefault() {} });
    let prevented = false;
    app.emit('will-quit', { preventDefault: () => void (prevented = true) });
    if (!prevented) app.exit(0);
  },
  exit(code = 0): void {
    recorded.exitCode = code;
    void context.close().finally(() => {
      rmSync(profile, { recursive: true, force: true });
      process.exit(code);
    });
  },
});

// The test went away (its IPC channel closed): so does the app, browser and all.
process.once('disconnect', () => app.exit(1));
serveControl({ profile, tray: () => recorded.tray.menu, quit: () => app.quit() });

export default { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, Notification, protocol, screen, session, shell, Tray };
