/**
 * `backwatch serve`: the monitoring core without a window. It polls the configured appliances and
 * answers read-only HTTP(S): `/healthz`, Prometheus `/metrics`, the CCTray feed `/cctray.xml`.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { on } from '../common/event.js';
import type { AppCore } from '../core/app/app-core.js';
import type { Logger } from '../core/logger.js';
import { cronStarts } from '../core/maintenance/cron-starts.js';
import { realScheduler, type Scheduler } from '../core/poller/scheduler.js';
import { mailComplianceReport, type MailCredentials } from '../core/reports/report-mail.js';
import type { Registry } from 'prom-client';
import { startReportMailSchedule, type ReportMailSchedule } from './report-mail-schedule.js';
import { renderCctray } from './cctray.js';
import { cachedObjectJudge } from '../common/object-status.js';
import { gatherJobFacts } from './job-facts.js';
import { allowedHostNames, listenRefusal, type ListenAddress } from './listen-address.js';
import { createAuthLimiter } from './auth-limiter.js';
import { DEFAULT_CONNECTION_LIMITS, limitConnections, type ConnectionLimits } from './connection-limits.js';
import { createServeMetrics } from './metrics.js';
import { createRequestHandler, send, sendJson, type Routes } from './serve-http.js';
import { createTeamApi } from './team-api.js';
import type { TokenStore } from './token-store.js';

export interface ServeTls {
  readonly cert: string | Buffer;
  readonly key: string | Buffer;
}

export interface ServeOptions {
  readonly core: AppCore;
  readonly listen: ListenAddress;
  readonly tls?: ServeTls;
  /** Names besides loopback and the listen host that clients reach the server by (DNS, a proxy). */
  readonly publicNames?: readonly string[];
  readonly log: Logger;
  /** The team API's tokens; without them the server answers only the open, read-only routes. */
  readonly tokens?: TokenStore;
  /** A reverse proxy whose `X-Forwarded-For` names the client for the failed-attempt limiter. */
  readonly trustedProxy?: string;
  /** The clock of the failed-attempt limiter (default `Date.now`). */
  readonly now?: () => number;
  /** Where the scheduled report mail finds its SMTP password; without it serve mails no report. */
  readonly mailCredentials?: MailCredentials;
  /** The report mail's clock and timers (tests move them by hand); the real ones otherwise. */
  readonly mailClock?: { readonly now: () => number; readonly scheduler: Scheduler };
  /** Timeouts and connection limits (tests shorten them); `DEFAULT_CONNECTION_LIMITS` otherwise. */
  readonly limits?: Partial<ConnectionLimits>;
}

export interface ServeHandle {
  /** `http(s)://host:port` with the port actually bound (the listen port may be 0). */
  readonly url: string;
  readonly port: number;
  /** Stops answering and drops open connections; the caller closes the core. */
  close(): Promise<void>;
}

/** Thrown when serve mode will not start; its message is one sentence for the admin. */
export class ServeRefusal extends Error {
  override readonly name = 'ServeRefusal';
}

function routesOf(core: AppCore): { routes: Routes; registry: Registry; close: () => void } {
  const judgeObjects = cachedObjectJudge();
  const metrics = createServeMetrics({
    objects: async () => judgeObjects(core.fleet(), await core.handlers['settings:get'](), Date.now()),
    jobs: () => core.handlers['jobs:list']({}),
    fleet: () => core.fleet(),
    httpStats: (id) => core.httpStats(id),
    onPoll: (listener) => on(core.events, 'poll', listener),
    maintenance: () => core.handlers['maintenance:list'](),
  });
  const routes: Routes = {
    'GET /healthz': async (_req, res) => {
      const fleet = core.fleet();
      sendJson(res, 200, { status: 'ok', appliances: fleet.appliances.length, at: fleet.at });
    },
    'GET /metrics': async (_req, res) => send(res, 200, metrics.contentType, await metrics.scrape()),
    'GET /cctray.xml': async (_req, res) => {
      const [jobs, settings] = await Promise.all([core.handlers['jobs:list']({}), core.handlers['settings:get']()]);
      const xml = renderCctray(gatherJobFacts(jobs, core.fleet()), { warningIsSuccess: settings.cctrayWarningIsSuccess });
      send(res, 200, 'application/xml; charset=utf-8', xml);
    },
  };
  return { routes, registry: metrics.registry, close: () => metrics.close() };
}

function scheduleReportMail(
  core: AppCore,
  credentials: MailCredentials,
  registry: Registry,
  log: Logger,
  clock = { now: Date.now, scheduler: realScheduler },
): ReportMailSchedule {
  return startReportMailSchedule({
    settings: async () => (await core.handlers['settings:get']()).reportMail,
    send: async (mail) => void (await mailComplianceReport(core.handlers, mail, credentials)),
    log,
    registry,
    ...clock,
    cronStarts,
  });
}

function listenOn(server: Server, listen: ListenAddress): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** Starts the HTTP(S) server and the poller. Refuses (ServeRefusal) a non-loopback address without TLS. */
export async function startServe(options: ServeOptions): Promise<ServeHandle> {
  const { core, listen, log } = options;
  const refusal = listenRefusal(listen, options.tls !== undefined);
  if (refusal) throw new ServeRefusal(refusal);
  const own = routesOf(core);
  const team = options.tokens
    ? createTeamApi({
        core,
        tokens: options.tokens,
        limiter: createAuthLimiter({ now: options.now ?? Date.now }),
        log,
        ...(options.trustedProxy ? { trustedProxy: options.trustedProxy } : {}),
      })
    : null;
  const handler = createRequestHandler({
    allowedHosts: allowedHostNames(listen, options.publicNames ?? []),
    routes: { ...own.routes, ...team?.routes },
    log,
  });
  const limits = { ...DEFAULT_CONNECTION_LIMITS, ...options.limits };
  // The timeouts are enforced at each check: every second, not every 30 s (Node's default).
  const checking = { connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs) };
  const server: Server = options.tls
    ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key, ...checking }, handler)
    : createHttpServer(checking, handler);
  limitConnections(server, limits, log, options.trustedProxy);
  let address: AddressInfo;
  try {
    address = await listenOn(server, listen);
  } catch (error) {
    own.close();
    throw new ServeRefusal(`Cannot listen on ${listen.host}:${listen.port}: ${(error as Error).message}`);
  }
  const scheme = options.tls ? 'https' : 'http';
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `${scheme}://${host}:${address.port}`;
  core.start();
  const mail = options.mailCredentials ? scheduleReportMail(core, options.mailCredentials, own.registry, log, options.mailClock) : null;
  log.info('Serving', { url, appliances: core.fleet().appliances.length });
  return {
    url,
    port: address.port,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      team?.close();
      mail?.close();
      server.closeAllConnections();
      await closed;
      own.close();
    },
  };
}
