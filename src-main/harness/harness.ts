/**
 * The browser harness: the real core and services behind a WebSocket transport, the built
 * renderer served over HTTP, both on loopback with a per-run token. Records what the tray would
 * show and every notification, so end-to-end tests see what the user would see.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { on } from '../common/event.js';
import { isWindowEvent, requestHandlerOf, sendToWindows } from '../common/ipc-channels.js';
import { AUTH_PATH } from '../common/ws-protocol.js';
import type { AppInfo } from '../common/ipc-contract.js';
import type { Notice } from '../common/notification-policy.js';
import { trayModel, type TrayModel } from '../common/tray-model.js';
import { createAppCore, type AppCore } from '../core/app/app-core.js';
import { openConfigFile } from '../core/config/conf-config-file.js';
import { isLoopbackHost } from '../core/http/loopback-host.js';
import { createLogger, type Logger } from '../core/logger.js';
import { openHistoryStore } from '../core/history/history-store.js';
import { createMemorySecretStore, type SecretStore } from '../core/secrets/secret-store.js';
import { startDemoFleet, type DemoFleet, type DemoFleetOptions } from '../demo/fleet.js';
import { serveStatic } from './static-server.js';
import { createWebSocketServerTransport, tokenMatches } from './ws-transport.js';

export interface HarnessOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
  /** Config directory; default: a fresh temporary directory, removed on close. */
  readonly configDir?: string;
  /** The built renderer; default `dist/renderer` under the current directory. */
  readonly rendererDir?: string;
  /** Start the demo fleet right away (default false: the window shows the first-run state). */
  readonly demo?: boolean;
  /** Options of the demo fleet ("Try the demo fleet" starts it), e.g. a seed, a tempo or a clock of its own for tests. */
  readonly demoOptions?: DemoFleetOptions;
  readonly log?: Logger;
  readonly now?: () => number;
  /** Where passwords go; default: memory, for this run only. Browser mode passes the OS keychain. */
  readonly secrets?: SecretStore;
}

/** What the harness recorded, as `GET /__harness/state?token=…` returns it. */
export interface HarnessState {
  readonly tray: TrayModel;
  readonly notifications: readonly Notice[];
}

export interface Harness {
  /** The page to open, token included: `http://127.0.0.1:N/?token=…`. */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly core: AppCore;
  /** The running demo fleet, once started: tests drive its scenarios (fail a run, start one now). */
  demoFleet(): DemoFleet | null;
  state(): Promise<HarnessState>;
  /** A click on a notification, as the desktop shell answers it: the window is sent where the notice points. */
  clickNotice(notice: Notice): void;
  close(): Promise<void>;
}

export const STATE_PATH = '/__harness/state';

const stderrLogger = (): Logger =>
  createLogger((line) => {
    if (line.level !== 'debug') process.stderr.write(`[harness] ${line.level}: ${line.message}\n`);
  });

async function appInfo(secrets: SecretStore | undefined, notices: readonly string[]): Promise<AppInfo> {
  const pkg = JSON.parse(await readFile(resolve('package.json'), 'utf8')) as { version?: string };
  const keychain = secrets
    ? await secrets.availability()
    : { available: true, message: 'Browser harness: passwords are kept in memory for this run only.' };
  return {
    version: pkg.version ?? '0.0.0',
    platform: process.platform,
    shell: 'browser',
    keychainAvailable: keychain.available,
    keychainMessage: keychain.message,
    startupNotices: notices,
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((done, fail) => {
    server.once('error', fail);
    // Loopback only: the harness must never be reachable from the network.
    server.listen(port, '127.0.0.1', () => done((server.address() as AddressInfo).port));
  });
}

/** The harness's HTTP side: the token check for the WebSocket, the recorded state, and the built renderer. */
function harnessRequests(
  token: string,
  rendererDir: string,
  state: () => Promise<HarnessState>,
  log: Logger,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    if (!isLoopbackHost(req.headers.host)) {
      sendJson(res, 421, { error: 'Backwatch answers only at 127.0.0.1 or localhost.' });
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === AUTH_PATH) {
      res.writeHead(tokenMatches(token, url.searchParams.get('token')) ? 204 : 403, { 'cache-control': 'no-store' }).end();
      return;
    }
    if (url.pathname === STATE_PATH) {
      if (!tokenMatches(token, url.searchParams.get('token'))) sendJson(res, 403, { error: 'bad token' });
      else
        void state().then(
          (body) => sendJson(res, 200, body),
          (error: unknown) => sendJson(res, 500, { error: String(error) }),
        );
      return;
    }
    void serveStatic(rendererDir, req, res)
      .then((served) => {
        if (!served) sendJson(res, 404, { error: 'not found' });
      })
      .catch((error: unknown) => {
        log.error(`static: ${String(error)}`);
        if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      });
  };
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const log = opts.log ?? stderrLogger();
  const token = randomBytes(24).toString('base64url');
  const configDir = opts.configDir ?? (await mkdtemp(join(tmpdir(), 'backwatch-harness-')));
  const rendererDir = resolve(opts.rendererDir ?? 'dist/renderer');
  let fleet: DemoFleet | null = null;
  const config = openConfigFile(configDir);
  const history = openHistoryStore(configDir, log);
  const core = createAppCore({
    config,
    history,
    secrets: opts.secrets ?? createMemorySecretStore(),
    log,
    info: () => appInfo(opts.secrets, config.notices),
    openExternal: async (url) => log.info(`open external: ${url}`),
    startDemoFleet: async () => {
      fleet ??= await startDemoFleet({ ...(opts.now ? { now: opts.now } : {}), ...opts.demoOptions });
      return fleet.appliances;
    },
    stopDemoFleet: async () => {
      const stopping = fleet;
      fleet = null;
      await stopping?.close();
    },
    ...(opts.now ? { now: opts.now } : {}),
  });
  const notifications: Notice[] = [];
  const now = opts.now ?? Date.now;
  const state = async (): Promise<HarnessState> => {
    const settings = await core.handlers['settings:get']();
    const tray = trayModel(await core.snapshot(), now(), { startAtLogin: settings.startAtLogin, startAtLoginSupported: false });
    return { tray, notifications: [...notifications] };
  };

  const server = createServer(harnessRequests(token, rendererDir, state, log));
  const transport = createWebSocketServerTransport(server, token);
  transport.serve(requestHandlerOf(core.handlers));
  const offEvents = core.events((event) => isWindowEvent(event) && sendToWindows(transport, event));
  const offNotices = on(core.events, 'notice', (notice) => {
    notifications.push(notice);
    transport.sendHarness('notice', notice);
  });
  const port = await listen(server, opts.port ?? 0);
  core.start();
  if (opts.demo) {
    const started = await core.handlers['app:start-demo']();
    if (!started.ok) log.error(`demo fleet: ${started.message}`);
  }

  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    core,
    demoFleet: () => fleet,
    state,
    clickNotice: (notice) => {
      if (notice.target !== null) sendToWindows(transport, { type: 'app:navigate', payload: notice.target });
    },
    async close() {
      offEvents();
      offNotices();
      transport.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await core.close();
      config.close();
      history.close();
      await fleet?.close();
      if (!opts.configDir) await rm(configDir, { recursive: true, force: true });
    },
  };
}
