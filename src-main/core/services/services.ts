/**
 * The services behind the IPC contract, shared by the Electron shell, the browser harness and the
 * CLI. Plain Node: the shell only provides the ports (config, keychain, monitor, certificate probe,
 * opening a URL). Every request is validated here, whoever sends it. Passwords go one way, into the
 * SecretStore; no value or message that leaves here contains one. Expected failures come back as
 * `{ ok: false, message }`, never as throws.
 */
import { cachedObjectJudge, type FleetObjects } from '../../common/object-status.js';
import { Emitter, type Event } from '../../common/event.js';
import { demoRunsElsewhere } from '../config/demo-lock.js';
import type { IpcHandlers } from '../../common/ipc-channels.js';
import type { WindowEvent } from '../../common/ipc-contract.js';
import { listenerFailure } from '../logger.js';
import type { MonitorUpdate } from '../poller/monitor-types.js';
import { realScheduler } from '../poller/scheduler.js';
import { createApplianceRegistry, removeDemoAppliances } from './appliance-registry.js';
import { UserError } from './errors.js';
import { createJobSettings } from './job-settings.js';
import { createMaintenanceWindows } from './maintenance-windows.js';
import { createMutations } from './mutations.js';
import { createObjectSettings } from './object-settings.js';
import { validatedHandlers } from './request-validation.js';
import { createSecretKnowledge } from './secret-knowledge.js';
import { shellHandlers, type ServiceContext, type ServiceDeps } from './service-context.js';
import { createReportMailSettings } from './report-mail-settings.js';
import { createReportQueries } from './report-queries.js';
import { createSessionQueries } from './session-queries.js';
import { createStatusPublisher } from './status-publisher.js';
import { teamSourceHandlers } from './team-source-setup.js';

export type { ServiceDeps } from './service-context.js';

/** The services as a window reaches them. */
export interface WindowServices {
  /** Every request channel, each checking its argument first. */
  readonly handlers: IpcHandlers;
  /** What the windows are told (status, sessions, settings). */
  readonly events: Event<WindowEvent>;
  /** Sends the status again, as it stands now (a maintenance window opened or closed). */
  publish(): void;
  dispose(): void;
}

/** The services over this process's own monitor. */
export interface Services extends WindowServices {
  /** Stage 4 of the pipeline: one poll's update, told to the windows as sessions and status. */
  accept(update: MonitorUpdate): void;
  /** The fleet's protected objects judged now; null before any appliance's objects were read. */
  objects(): FleetObjects | null;
}

/** Opens a configured appliance's web UI; an id that is no longer configured is only logged. */
function openApplianceHandler({ deps, find }: ServiceContext): IpcHandlers['app:open-appliance'] {
  return async (applianceId) => {
    const appliance = find(applianceId);
    if (appliance) await deps.openExternal(appliance.baseUrl);
    else deps.log.warn('Asked to open an appliance that is not configured.');
  };
}

export function createServices(deps: ServiceDeps): Services {
  const [{ config, log }, env] = [deps, deps.env ?? process.env];
  const events = new Emitter<WindowEvent>({ onListenerError: listenerFailure(log, 'window events') });
  const secrets = createSecretKnowledge(deps.secrets, log);
  const find = (id: string) => config.read().appliances.find((a) => a.id === id);
  const hasSecret = (id: string): boolean => {
    const credential = find(id)?.credential;
    if (credential?.kind === 'env') return Boolean(env[credential.variable]);
    return secrets.state(id) === 'stored';
  };
  const [scheduler, judgeObjects] = [deps.scheduler ?? realScheduler, deps.judgeObjects ?? cachedObjectJudge()];
  const status = createStatusPublisher({ config, monitor: deps.monitor, events, hasSecret, now: deps.now, scheduler, judgeObjects });
  let settle = (): void => undefined;
  const ready = new Promise<void>((resolve) => (settle = resolve));

  const ctx: ServiceContext = {
    deps,
    env,
    secrets,
    mutations: createMutations(log),
    status,
    ready,
    find,
    findOrFail(id) {
      const appliance = find(id);
      if (!appliance) throw new UserError('That appliance no longer exists.');
      return appliance;
    },
  };

  // A demo left over from an earlier process goes first, whatever runs now (see removeDemoAppliances);
  // a process that cannot run a demo leaves alone the demo another process is running.
  void Promise.all(config.read().appliances.map((a) => secrets.learn(a)))
    .then(async () => (deps.startDemo || !(await demoRunsElsewhere(config.path)) ? removeDemoAppliances(ctx) : undefined))
    .catch((e: unknown) => log.warn('Removing the demo appliances of an earlier run failed', { error: String(e) }))
    .finally(() => {
      status.publish();
      settle();
    });

  const handlers: IpcHandlers = {
    ...createApplianceRegistry(ctx),
    ...createSessionQueries(ctx),
    ...createJobSettings(ctx),
    ...createReportQueries(ctx),
    ...createMaintenanceWindows(ctx),
    ...createReportMailSettings(ctx),
    ...createObjectSettings(ctx),
    ...teamSourceHandlers({ config, secrets: deps.secrets, log, probeCertificate: deps.probeCertificate }),
    'appliances:refresh': () => deps.monitor.refreshNow(),
    'status:snapshot': () => ready.then(() => status.snapshot()),
    'app:info': () => deps.info(),
    'app:open-appliance': openApplianceHandler(ctx),
    ...shellHandlers(deps, createReportQueries(ctx)),
  };

  // Another process (the CLI, another window) saved the configuration: watch what it holds now.
  const offConfig = config.onChange((data) => {
    deps.monitor.setAppliances(data.appliances);
    const unknown = data.appliances.filter((a) => !secrets.isKnown(a.id));
    status.publishSettings();
    void Promise.all(unknown.map((a) => secrets.learn(a))).then(() => status.publish());
  });

  return {
    handlers: validatedHandlers(handlers),
    events: events.event,
    accept: status.accept,
    objects: status.objects,
    publish: () => status.publish(),
    dispose() {
      offConfig();
      status.dispose();
      events.dispose();
    },
  };
}
