/**
 * The app core of a desktop that reads a shared `backwatch serve` instead of the appliances: the
 * mirror of the server's state behind the same services contract, and notifications planned here
 * from the server's change events with this desktop's own ledger, quiet hours and pause, and the
 * server's maintenance windows. Nothing here knows an appliance credential; the only secret is the
 * server's token.
 */
import { anyOf, Emitter, type Event } from '../../common/event.js';
import type { Settings, TeamServerSource } from '../../common/settings.js';
import { jobKey, type ChangeEvent } from '../../common/snapshot.js';
import { systemLocalMinutes } from '../../common/time.js';
import { probeCertificate } from '../appliance-check.js';
import { listenerFailure } from '../logger.js';
import { watchMaintenanceBoundaries } from '../maintenance/maintenance-boundaries.js';
import { createNotificationLedger } from '../notification-ledger.js';
import { realScheduler } from '../poller/scheduler.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { createTeamServices } from '../services/team-services.js';
import { readTeamToken } from '../team-source/team-account.js';
import { createTeamClient } from '../team-source/team-client.js';
import { createTeamMirror, type TeamMirror } from '../team-source/team-mirror.js';
import type { AppCore, AppCoreOptions, CoreEvent } from './app-core-port.js';
import { tellChanges, tellNotices } from './pipeline.js';

export interface TeamCoreOptions extends AppCoreOptions {
  readonly source: TeamServerSource;
}

/** The token of the team server, from the keychain or the environment variable the source names. */
export async function teamServerToken(
  source: TeamServerSource,
  secrets: SecretStore,
  env: NodeJS.ProcessEnv,
  configFile: string,
): Promise<string> {
  const token = source.credential.kind === 'env' ? env[source.credential.variable] : await readTeamToken(secrets, configFile, source.url);
  if (token) return token;
  throw new Error(
    source.credential.kind === 'env'
      ? `The environment variable ${source.credential.variable} that holds the Backwatch server's token is not set.`
      : 'No token for the Backwatch server is in the keychain: add the server again (backwatch server add URL).',
  );
}

/**
 * This desktop's notification ledger over the server's state: a job muted on the server is muted
 * here too (the desktop may mute more on its own), and the maintenance windows are the server's,
 * for the whole team.
 */
function teamLedger(options: AppCoreOptions, mirror: TeamMirror, now: () => number) {
  const settings = (): Settings => {
    const own = options.config.read().settings;
    const maintenanceWindows = mirror.maintenance() ?? [];
    const serverMuted = mirror
      .jobs()
      .filter((j) => j.muted)
      .map((j) => [jobKey(j.applianceId, j.jobId), { until: null }] as const);
    return { ...own, maintenanceWindows, mutedJobs: { ...Object.fromEntries(serverMuted), ...own.mutedJobs } };
  };
  return createNotificationLedger({
    memory: options.memory ?? options.history,
    settings,
    now,
    localMinutes: options.localMinutes ?? systemLocalMinutes,
    applianceName: (id) => mirror.snapshot()?.appliances.find((a) => a.id === id)?.name,
    log: options.log,
  });
}

export function createTeamAppCore(options: TeamCoreOptions): AppCore {
  const { config, log, source } = options;
  const now = options.now ?? Date.now;
  const env = options.env ?? process.env;
  const client = createTeamClient({ source, token: () => teamServerToken(source, options.secrets, env, config.path), log });
  const scheduler = options.scheduler ?? realScheduler;
  const mirror = createTeamMirror({ client, scheduler, log });
  const out = new Emitter<CoreEvent>({ onListenerError: listenerFailure(log, 'app core') });

  const ledger = teamLedger(options, mirror, now);
  // Stage 4's notification branch, from the change events the server detected.
  const notify = (changes: readonly ChangeEvent[]) => tellNotices(out, log, ledger.recordChanges(changes));
  const offMirror = [
    mirror.on('changes', (changes) => {
      tellChanges(out, changes);
      notify(changes);
    }),
    // Every server poll ends with a status: what quiet hours held comes out once they are over.
    mirror.on('status', () => notify([])),
  ];

  const services = createTeamServices({
    config,
    mirror,
    client,
    secrets: options.secrets,
    probeCertificate,
    url: source.url,
    info: options.info,
    openExternal: options.openExternal,
    ...(options.restartToUpdate ? { restartToUpdate: options.restartToUpdate } : {}),
    ...(options.savePdf ? { savePdf: options.savePdf } : {}),
    now,
    log,
  });

  // An edge of the server's windows, or a change of them, changes the tray and lets out what they
  // held here at once, without waiting for the server's next status.
  const atEdge = () => (services.publish(), notify([]));
  const windowsChanged: Event<unknown> = (listener) => mirror.on('maintenance', listener);
  const offWindows = windowsChanged(atEdge);
  const boundaries = watchMaintenanceBoundaries({
    windows: () => mirror.maintenance() ?? [],
    windowsChanged,
    now,
    scheduler,
    onBoundary: atEdge,
  });

  return {
    handlers: services.handlers,
    // This desktop polls no appliance: no 'poll' events and no appliance traffic.
    events: anyOf<CoreEvent>(services.events, out.event),
    snapshot: () => services.handlers['status:snapshot'](),
    fleet: () => ({ at: new Date(now()).toISOString(), appliances: [] }),
    objects: () => null,
    httpStats: () => ({ requests: 0, bytes: 0 }),
    start: () => mirror.start(),
    async close() {
      boundaries.stop();
      offWindows();
      offMirror.forEach((off) => off());
      services.dispose();
      out.dispose();
      await mirror.stop();
    },
  };
}
