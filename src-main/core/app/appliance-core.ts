/**
 * The app core over this process's own appliances: the monitor (stages 1 to 3 of the pipeline),
 * the services behind the window's contract, the notification ledger and the history, wired once
 * by `runPollPipeline`. The desktop shell, the browser harness, the CLI and `backwatch serve` run it.
 */
import { anyOf, Emitter } from '../../common/event.js';
import type { Appliance } from '../../common/model.js';
import type { ConfigData } from '../../common/settings.js';
import { systemLocalMinutes } from '../../common/time.js';
import { probeCertificate, testConnection } from '../appliance-check.js';
import { newApplianceId } from '../config/appliance-id.js';
import type { ConfigStore } from '../config/config-store.js';
import { connectAppliance } from '../connect.js';
import type { HistoryStore } from '../history/history-store.js';
import type { HttpStats } from '../http/http-client.js';
import { listenerFailure, type Logger } from '../logger.js';
import { createNotificationLedger } from '../notification-ledger.js';
import { createMonitor } from '../poller/monitor.js';
import { cachedObjectJudge, type ObjectJudge } from '../../common/object-status.js';
import type { Monitor } from '../poller/monitor-types.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { createServices } from '../services/services.js';
import type { AppCore, AppCoreOptions, CoreEvent, DemoApplianceSpec } from './app-core-port.js';
import { runPollPipeline, tellNotices } from './pipeline.js';
import { watchMaintenanceBoundaries } from '../maintenance/maintenance-boundaries.js';
import { realScheduler } from '../poller/scheduler.js';

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

/** Request and byte counters per appliance id, so they survive a connector rebuilt after an edit. */
function httpCounters(): (applianceId: string) => HttpStats {
  const counters = new Map<string, HttpStats>();
  return (applianceId) => {
    let stats = counters.get(applianceId);
    if (!stats) counters.set(applianceId, (stats = { requests: 0, bytes: 0 }));
    return stats;
  };
}

/**
 * Removing an appliance removes its history; a change of RPO or of the maintenance windows is
 * recorded with its time (whoever made it: the window, the CLI, the team API or an editor); the
 * daily prune keeps the retention.
 */
function historyKeeping(config: ConfigStore, history: HistoryStore, log: Logger, now: () => number) {
  const attempt = (what: string, write: () => void) => {
    try {
      write();
    } catch (error) {
      log.error(`Could not ${what} the history database: ${(error as Error).message}`);
    }
  };
  const keep = (data: ConfigData) =>
    attempt('update', () => {
      history.retainAppliances(data.appliances.map((a) => a.id));
      history.recordRpo(data.settings, now());
      history.recordMaintenance(data.settings.maintenanceWindows, now());
    });
  keep(config.read());
  return {
    stop: config.onChange(keep),
    prune: () => attempt('prune', () => history.pruneIfDue(now(), config.read().settings.historyRetentionDays)),
  };
}

function ledgerOf(options: AppCoreOptions, now: () => number) {
  const { config } = options;
  return createNotificationLedger({
    memory: options.memory ?? options.history,
    settings: () => config.read().settings,
    now,
    localMinutes: options.localMinutes ?? systemLocalMinutes,
    applianceName: (id) => config.read().appliances.find((a) => a.id === id)?.name,
    log: options.log,
  });
}

/**
 * The monitor of the configured appliances. Demo appliances left by a run that ended without
 * leaving the demo have no simulator any more: the services remove them, and they are never polled meanwhile.
 */
function monitorOf(
  options: AppCoreOptions,
  parts: {
    now: () => number;
    env: NodeJS.ProcessEnv;
    statsOf: (applianceId: string) => HttpStats;
    ledger: { watermark(applianceId: string): string | null };
    judgeObjects: ObjectJudge;
  },
): Monitor {
  const { config, history, secrets, log } = options;
  const { now, env, statsOf, ledger, judgeObjects } = parts;
  return createMonitor({
    judgeObjects,
    appliances: config.read().appliances.filter((a) => !a.demo),
    settings: () => config.read().settings,
    connect: (appliance) => connectAppliance(appliance, { secrets, env, log, now, stats: statsOf(appliance.id) }),
    log,
    now,
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    watermark: (id) => ledger.watermark(id),
    history,
    ...(options.scheduler ? { scheduler: options.scheduler } : {}),
  });
}

export function createApplianceCore(options: AppCoreOptions): AppCore {
  const now = options.now ?? Date.now;
  const env = options.env ?? process.env;
  const { config, history, secrets, log } = options;
  // One judgement of the objects per read, shared by the monitor's news, the status and the server.
  const [statsOf, judgeObjects] = [httpCounters(), cachedObjectJudge()];
  const ledger = ledgerOf(options, now);
  const monitor = monitorOf(options, { now, env, statsOf, ledger, judgeObjects });
  const keeping = historyKeeping(config, history, log, now);
  const services = createServices({
    config,
    secrets,
    monitor,
    history,
    probeCertificate,
    testConnection: (appliance: Appliance, password: string | null) =>
      testConnection(appliance, { secrets, env, log, now, ...(password === null ? {} : { password }) }),
    info: options.info,
    openExternal: options.openExternal,
    ...(options.restartToUpdate ? { restartToUpdate: options.restartToUpdate } : {}),
    ...(options.savePdf ? { savePdf: options.savePdf } : {}),
    ...(options.startDemoFleet
      ? {
          startDemo: async () => demoAppliances(await options.startDemoFleet!(), secrets, env),
          stopDemo: async () => options.stopDemoFleet?.(),
        }
      : {}),
    now,
    log,
    env,
    judgeObjects,
    ...(options.scheduler ? { scheduler: options.scheduler } : {}),
  });

  const out = new Emitter<CoreEvent>({ onListenerError: listenerFailure(log, 'app core') });
  const stopPipeline = runPollPipeline({
    polls: monitor.onUpdate,
    status: services,
    ledger,
    out,
    log,
    applianceName: (id) => config.read().appliances.find((a) => a.id === id)?.name ?? id,
    afterPoll: keeping.prune,
  });

  // A window's edge changes the tray and lets out what it held, without waiting for a poll.
  const boundaries = watchMaintenanceBoundaries({
    windows: () => config.read().settings.maintenanceWindows,
    windowsChanged: (listener) => config.onChange(listener),
    now,
    scheduler: options.scheduler ?? realScheduler,
    onBoundary: () => (services.publish(), tellNotices(out, log, ledger.recordChanges([]))),
  });

  return {
    handlers: services.handlers,
    events: anyOf<CoreEvent>(services.events, out.event),
    snapshot: () => services.handlers['status:snapshot'](),
    fleet: () => monitor.fleet(),
    objects: services.objects,
    httpStats: statsOf,
    start: () => monitor.start(),
    async close() {
      boundaries.stop();
      stopPipeline();
      services.dispose();
      keeping.stop();
      out.dispose();
      await monitor.stop();
    },
  };
}
