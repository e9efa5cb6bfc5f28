/**
 * The monitoring core as a shell uses it: configuration, keychain, poller, services, notification
 * planning and its memory, wired once. The Electron shell and the browser harness each build one
 * of these with their own ports and only add their glue (tray, notifications, windows, transport).
 */
import type { AppInfo, MutationResult } from '../common/ipc-contract.js';
import type { IpcHandlers } from '../common/ipc-channels.js';
import type { Appliance, CertificatePin, Vendor } from '../common/model.js';
import { describeChangeEvent, eventsToTell } from '../common/change-text.js';
import type { Notice } from '../common/notification-policy.js';
import { systemLocalMinutes } from '../common/time.js';
import type { ChangeEvent, FleetState, StatusSnapshot } from '../common/snapshot.js';
import { probeCertificate, testConnection } from './appliance-check.js';
import { newApplianceId } from './config/appliance-id.js';
import type { ConfigStore } from './config/config-store.js';
import { connectAppliance } from './connect.js';
import type { HttpStats } from './http/http-client.js';
import type { Logger } from './logger.js';
import { createCoreListeners } from './core-listeners.js';
import { createMonitor } from './monitor.js';
import type { HistoryStore } from './history/history-store.js';
import { createNotificationLedger, type LedgerMemory } from './notification-ledger.js';
import type { MonitorUpdate } from './monitor-types.js';
import type { Scheduler } from './scheduler.js';
import type { SecretStore } from './secrets/secret-store.js';
import { createServices, type ServiceEventListener } from './services/services.js';
import { createSwitchingCore } from './source-switch.js';
import { createTeamAppCore } from './team-source/team-core.js';

/** An appliance of the demo fleet, as the shell's simulators describe it. */
export interface DemoApplianceSpec {
  readonly name: string;
  readonly vendor: Vendor;
  readonly baseUrl: string;
  readonly username: string;
  readonly password: string;
  readonly certificate: CertificatePin;
}

export interface AppCoreOptions {
  readonly config: ConfigStore;
  /** The history database: sessions, jobs, read positions and (unless `memory` says otherwise) the ledger. */
  readonly history: HistoryStore;
  /** Where the notification ledger is kept, when not in `history` (a CLI run notifies nobody and writes none). */
  readonly memory?: LedgerMemory;
  readonly secrets: SecretStore;
  readonly log: Logger;
  readonly info: () => Promise<AppInfo>;
  readonly openExternal: (url: string) => Promise<void>;
  /** Starts the demo simulators (absent where the shell offers no demo); the shell owns their lifetime. */
  readonly startDemoFleet?: () => Promise<readonly DemoApplianceSpec[]>;
  /** Stops the demo simulators (leaving the demo); a later start begins a new fleet. */
  readonly stopDemoFleet?: () => Promise<void>;
  /** Quits and installs a downloaded update (the desktop app's updater). */
  readonly restartToUpdate?: () => MutationResult;
  readonly env?: NodeJS.ProcessEnv;
  readonly now?: () => number;
  /** Minutes since local midnight (quiet hours); the system clock's by default. */
  readonly localMinutes?: (epochMs: number) => number;
  readonly concurrency?: number;
  /** Timers of the reconnect back-off to a team server; real ones by default. */
  readonly scheduler?: Scheduler;
}

export interface AppCore {
  readonly handlers: IpcHandlers;
  subscribe(listener: ServiceEventListener): () => void;
  /** Desktop notifications to show, already de-duplicated, filtered and digested. */
  onNotice(listener: (notice: Notice) => void): () => void;
  /** Every change event of every poll round, before any notification rule. */
  onChanges(listener: (changes: readonly ChangeEvent[]) => void): () => void;
  /** Every completed poll of one appliance (duration, error kind), for metrics. */
  onPoll(listener: (update: MonitorUpdate) => void): () => void;
  snapshot(): Promise<StatusSnapshot>;
  /** The monitor's fleet as it stands: every appliance's health, jobs and sessions in memory. */
  fleet(): FleetState;
  /** Requests sent to an appliance and response bytes read, since this process started. */
  httpStats(applianceId: string): Readonly<HttpStats>;
  start(): void;
  close(): Promise<void>;
}

/**
 * Demo appliances with their passwords in the keychain; where there is no keychain, in this
 * process's environment (the `--password-env` route), never in the config file.
 */
async function demoAppliances(specs: readonly DemoApplianceSpec[], secrets: SecretStore, env: NodeJS.ProcessEnv): Promise<Appliance[]> {
  const { available } = await secrets.availability();
  return Promise.all(
    specs.map(async (spec, index) => {
      const id = newApplianceId();
      let credential: Appliance['credential'] = { kind: 'keychain' };
      if (available) await secrets.set(id, spec.password);
      else {
        const variable = `BACKWATCH_DEMO_PASSWORD_${index + 1}`;
        env[variable] = spec.password;
        credential = { kind: 'env', variable };
      }
      return {
        id,
        name: spec.name,
        vendor: spec.vendor,
        baseUrl: spec.baseUrl,
        username: spec.username,
        credential,
        certificate: spec.certificate,
        options: {},
        enabled: true,
        demo: true,
      };
    }),
  );
}

/**
 * The core a shell runs: over the appliances, or, when the configuration names a Backwatch server,
 * over that server's state (see `createTeamAppCore`); it follows the configuration when that changes.
 */
export function createAppCore(options: AppCoreOptions): AppCore {
  const sourceOf = () => options.config.read().teamServer;
  return createSwitchingCore({
    config: options.config,
    log: options.log,
    build() {
      const source = sourceOf();
      return source ? createTeamAppCore({ ...options, source }) : createApplianceCore(options);
    },
    sourceKey: () => {
      const source = sourceOf();
      return source ? JSON.stringify(source) : null;
    },
  });
}

function createApplianceCore(options: AppCoreOptions): AppCore {
  const now = options.now ?? Date.now;
  const env = options.env ?? process.env;
  const { config, history, secrets, log } = options;
  const memory = options.memory ?? history;
  const listeners = createCoreListeners(log);

  const ledger = createNotificationLedger({
    memory,
    settings: () => config.read().settings,
    now,
    localMinutes: options.localMinutes ?? systemLocalMinutes,
    applianceName: (id) => config.read().appliances.find((a) => a.id === id)?.name,
    log,
  });

  // Per appliance id, so the counters survive a connector rebuilt after an edit.
  const httpStats = new Map<string, HttpStats>();
  const statsOf = (applianceId: string): HttpStats => {
    let stats = httpStats.get(applianceId);
    if (!stats) httpStats.set(applianceId, (stats = { requests: 0, bytes: 0 }));
    return stats;
  };

  // Demo appliances left by a run that ended without leaving the demo have no simulator any more:
  // the services remove them, and they are never polled meanwhile.
  const monitor = createMonitor({
    appliances: config.read().appliances.filter((a) => !a.demo),
    settings: () => config.read().settings,
    connect: (appliance) => connectAppliance(appliance, { secrets, env, log, now, stats: statsOf(appliance.id) }),
    log,
    now,
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    watermark: (id) => ledger.watermark(id),
    history,
  });
  // Removing an appliance removes its history; the daily prune keeps the retention.
  const keepHistory = (appliances: readonly Appliance[]) => {
    try {
      history.retainAppliances(appliances.map((a) => a.id));
    } catch (error) {
      log.error(`Could not update the history database: ${(error as Error).message}`);
    }
  };
  keepHistory(config.read().appliances);
  const stopKeeping = config.onChange((data) => keepHistory(data.appliances));

  const services = createServices({
    config,
    secrets,
    monitor,
    probeCertificate,
    testConnection: (appliance: Appliance, password: string | null) =>
      testConnection(appliance, { secrets, env, log, now, ...(password === null ? {} : { password }) }),
    info: options.info,
    openExternal: options.openExternal,
    ...(options.restartToUpdate ? { restartToUpdate: options.restartToUpdate } : {}),
    ...(options.startDemoFleet
      ? {
          startDemo: async () => demoAppliances(await options.startDemoFleet!(), secrets, env),
          stopDemo: async () => options.stopDemoFleet?.(),
        }
      : {}),
    now,
    log,
    env,
  });

  const applianceName = (id: string) => config.read().appliances.find((a) => a.id === id)?.name ?? id;
  monitor.onUpdate((update) => {
    // The log file is the admin's record of what happened: every change and every notice, one line each.
    for (const change of eventsToTell(update.changes)) log.info(`Change: ${describeChangeEvent(change, applianceName)}`);
    listeners.changed(update.changes);
    listeners.notify(ledger.record(update));
    try {
      history.pruneIfDue(now(), config.read().settings.historyRetentionDays);
    } catch (error) {
      log.error(`Could not prune the history database: ${(error as Error).message}`);
    }
  });

  return {
    handlers: services.handlers,
    subscribe: (listener) => services.events.subscribe(listener),
    onNotice: listeners.onNotice,
    onChanges: listeners.onChanges,
    onPoll: (listener) => monitor.onUpdate(listener),
    snapshot: () => services.handlers['status:snapshot'](),
    fleet: () => monitor.fleet(),
    httpStats: statsOf,
    start: () => monitor.start(),
    async close() {
      services.dispose();
      stopKeeping();
      await monitor.stop();
    },
  };
}
