/**
 * The services behind the IPC contract when the desktop reads a team server: the window is served
 * from the mirror of the server's state, read-only, with the server's maintenance windows as open
 * by this desktop's clock (an edge shows here at its time, before the server's next status).
 * Appliances, RPOs and the demo are the server's business; acknowledge and mute go to the server
 * for the whole team; the desktop keeps its own settings (quiet hours, which notifications, a pause).
 */
import { Emitter } from '../../common/event.js';
import type { CertificateProbe, MutationResult, WindowEvent } from '../../common/ipc-contract.js';
import type { IpcHandlers } from '../../common/ipc-channels.js';
import { failureCause } from '../../common/failure-cause.js';
import { windowsOpenAt, type OpenWindow } from '../../common/maintenance.js';
import { jobInMaintenance, withMaintenance } from '../../common/maintenance-status.js';
import type { Session } from '../../common/model.js';
import type { Settings } from '../../common/settings.js';
import type { ApplianceState, FleetState, StatusSnapshot } from '../../common/snapshot.js';
import type { ConfigStore } from '../config/config-store.js';
import { listenerFailure, type Logger } from '../logger.js';
import { cronWindows } from '../maintenance/cron-starts.js';
import { findSession, querySessions } from '../session-query.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { TeamClient } from '../team-source/team-client.js';
import { teamSourceHandlers } from './team-source-setup.js';
import type { TeamMirror } from '../team-source/team-mirror.js';
import { messageOf, UserError } from './errors.js';
import { mergedSettings } from './job-settings.js';
import { createMutations } from './mutations.js';
import { validatedHandlers } from './request-validation.js';
import { shellHandlers, type SavePdf } from './service-context.js';
import type { WindowServices } from './services.js';

export interface TeamServiceDeps {
  readonly config: ConfigStore;
  readonly mirror: TeamMirror;
  readonly client: Pick<TeamClient, 'flag' | 'objects' | 'maintenance' | 'addMaintenance' | 'removeMaintenance'>;
  readonly secrets: SecretStore;
  probeCertificate(baseUrl: string): Promise<CertificateProbe>;
  readonly url: string;
  info: IpcHandlers['app:info'];
  openExternal(url: string): Promise<void>;
  readonly restartToUpdate?: () => MutationResult;
  readonly savePdf?: SavePdf;
  now(): number;
  readonly log: Logger;
}

const refusal = (what: string) => ({ ok: false as const, message: `${what} on the Backwatch server this desktop reads, not here.` });

/** The mirror's sessions as a fleet, for the session queries (jobs and credentials play no part). */
function fleetOf(snapshot: StatusSnapshot | null, sessions: readonly Session[], at: string): FleetState {
  const byAppliance = new Map<string, Session[]>();
  for (const session of sessions) {
    const list = byAppliance.get(session.applianceId);
    if (list) list.push(session);
    else byAppliance.set(session.applianceId, [session]);
  }
  const appliances = (snapshot?.appliances ?? []).map((view): ApplianceState => ({
    appliance: { ...view, credential: view.credential },
    health: view.health,
    jobs: [],
    sessions: byAppliance.get(view.id) ?? [],
  }));
  return { at, appliances };
}

/** What the server does for the team: each answers where it is done instead. */
const serverOnlyHandlers = {
  'appliances:add': async () => refusal('Appliances are added'),
  'appliances:update': async () => refusal('Appliances are edited'),
  'appliances:remove': async () => refusal('Appliances are removed'),
  'appliances:discard-set-aside': async () => refusal('Appliance entries are discarded'),
  'appliances:test': async () => ({ ok: false, reason: 'error', message: refusal('Appliances are tested').message }),
  'appliances:probe-certificate': async () => ({
    certificate: null,
    trustedBySystem: false,
    message: refusal('Certificates are read').message,
  }),
  'appliances:trust-certificate': async () => refusal('Certificates are trusted'),
  'jobs:set-rpo': async () => refusal('RPOs are set'),
  'objects:exclude': async () => refusal('Exclusions are set'),
  'objects:remove-exclusion': async () => refusal('Exclusions are removed'),
  'objects:set-rpo': async () => refusal('RPOs are set'),
  'sessions:log': async () => refusal('Session logs are read'),
  'reports:compliance': async () => refusal('Compliance reports are made'),
  'reports:export': async () => refusal('Compliance reports are made'),
  'reports:job-band': async () => refusal('Compliance reports are made'),
  'report-mail:get': async () => refusal('The report mail is set'),
  'report-mail:save': async () => refusal('The report mail is set'),
  'app:start-demo': async () => ({ ok: false, message: 'The demo is not offered while this desktop reads a Backwatch server.' }),
  'app:leave-demo': async () => ({ ok: false, message: 'The demo is not offered while this desktop reads a Backwatch server.' }),
} satisfies Partial<IpcHandlers>;

/** The server's windows open now; null until they were read (the server's own marks stand meanwhile). */
function openWindows(deps: TeamServiceDeps): readonly OpenWindow[] | null {
  const windows = deps.mirror.maintenance();
  return windows === null ? null : windowsOpenAt(windows, deps.now(), cronWindows);
}

/**
 * The server's status as the mirror holds it, with the windows open now, this desktop's own pause
 * and the link to the server.
 */
function teamSnapshot(deps: TeamServiceDeps): StatusSnapshot {
  const link = deps.mirror.link();
  const served = deps.mirror.snapshot();
  const at = new Date(deps.now()).toISOString();
  const base: StatusSnapshot = served ?? {
    at,
    overall: 'no_data',
    failedJobs: 0,
    atRiskJobs: 0,
    jobsNeedingAttention: 0,
    appliances: [],
    problems: [],
    lastPoll: null,
    notificationsPausedUntil: null,
    setAsideAppliances: [],
  };
  const open = openWindows(deps);
  // The pause is this desktop's own, like its quiet hours.
  return {
    ...(open === null ? base : withMaintenance(base, open)),
    notificationsPausedUntil: deps.config.read().settings.notificationsPausedUntil,
    teamServer: { url: deps.url, link: link.state, message: link.message },
  };
}

/**
 * Maintenance windows are the server's, for the whole team: any token lists them, and the server
 * refuses a change from a read token in its own words.
 */
function maintenanceOnServer(client: TeamServiceDeps['client']) {
  const said = async <T>(call: () => Promise<T>): Promise<MutationResult<T>> => {
    try {
      return { ok: true, value: await call() };
    } catch (error) {
      return { ok: false, message: messageOf(error) };
    }
  };
  return {
    'maintenance:list': async () => {
      try {
        return [...(await client.maintenance())];
      } catch (error) {
        throw new UserError(messageOf(error));
      }
    },
    'maintenance:add': (draft) => said(() => client.addMaintenance(draft)),
    'maintenance:remove': (id) => said(() => client.removeMaintenance(id)),
  } satisfies Partial<IpcHandlers>;
}

/** Acknowledge and mute go to the server, for the whole team. */
const flagOnServer =
  (client: TeamServiceDeps['client'], kind: 'acknowledge' | 'mute'): IpcHandlers['notifications:mute'] =>
  async (flag) => {
    try {
      await client.flag(kind, flag);
    } catch (error) {
      throw new UserError(messageOf(error));
    }
  };

/** The reads the window makes of the mirror: appliances, jobs, sessions, status. */
function mirrorReadHandlers(deps: TeamServiceDeps, synced: () => Promise<void>) {
  const { mirror } = deps;
  const fleet = () => fleetOf(mirror.snapshot(), mirror.sessions(), new Date(deps.now()).toISOString());
  return {
    'appliances:list': async () => {
      await synced();
      return [...teamSnapshot(deps).appliances];
    },
    'jobs:list': async (query) => {
      await synced();
      const wanted = query.protection && query.protection.length > 0 ? new Set(query.protection) : null;
      const open = openWindows(deps);
      return mirror
        .jobs()
        .filter(
          (job) =>
            (query.applianceId === undefined || job.applianceId === query.applianceId) && (wanted === null || wanted.has(job.protection)),
        )
        .map((job) => (open === null ? job : jobInMaintenance(job, open)));
    },
    'sessions:list': async (query) => {
      await synced();
      return querySessions(fleet(), query);
    },
    'sessions:get': async ({ applianceId, sessionId }) => {
      const found = findSession(fleet(), applianceId, sessionId);
      // The server reads no resources or logs for its desktops: the session's own message is the cause it has.
      return found
        ? {
            session: found.session,
            resources: null,
            cause: failureCause(found.session, null, null),
            applianceUrl: found.state.appliance.baseUrl,
          }
        : null;
    },
    'status:snapshot': async () => {
      await synced();
      return teamSnapshot(deps);
    },
  } satisfies Partial<IpcHandlers>;
}

export function createTeamServices(deps: TeamServiceDeps): WindowServices {
  const { config, mirror, log } = deps;
  const events = new Emitter<WindowEvent>({ onListenerError: listenerFailure(log, 'window events') });
  const mutations = createMutations(log);
  const settings = () => config.read().settings;
  // The first request brings the mirror up, so a one-shot CLI command needs no start.
  const synced = () => {
    mirror.start();
    return mirror.ready;
  };
  const snapshot = () => teamSnapshot(deps);

  const updateSettings = async (change: (s: Settings) => Settings) => {
    const saved = await config.update((d) => ({ ...d, settings: change(d.settings) }));
    events.fire({ type: 'settings:changed', payload: saved.settings });
    events.fire({ type: 'status:changed', payload: snapshot() });
    return saved.settings;
  };

  const handlers: IpcHandlers = {
    ...serverOnlyHandlers,
    ...mirrorReadHandlers(deps, synced),
    ...maintenanceOnServer(deps.client),
    // Brings the mirror up (the CLI's one-shot commands); the server itself polls on its own
    // schedule, as a desktop asking it to poll would cost the appliances.
    'appliances:refresh': synced,
    'notifications:pause': ({ until }) =>
      mutations.serial(() => updateSettings((s) => ({ ...s, notificationsPausedUntil: until })).then(() => undefined)),
    // The server's objects are read when asked: the mirror keeps only their counts, in the status.
    'objects:list': async (query) => {
      try {
        return await deps.client.objects(query);
      } catch (error) {
        throw new UserError(messageOf(error));
      }
    },
    'notifications:mute': flagOnServer(deps.client, 'mute'),
    'notifications:acknowledge': flagOnServer(deps.client, 'acknowledge'),
    'objects:acknowledge': async (request) => {
      try {
        await deps.client.flag('objects/acknowledge', request);
        return { ok: true, value: undefined };
      } catch (error) {
        return { ok: false, message: messageOf(error) };
      }
    },
    'settings:get': async () => settings(),
    'settings:update': (patch) => mutations.guard('Saving settings', () => updateSettings((current) => mergedSettings(current, patch))),
    ...teamSourceHandlers(deps),
    'app:info': () => deps.info(),
    'app:open-appliance': async (applianceId) => {
      const view = mirror.snapshot()?.appliances.find((a) => a.id === applianceId);
      if (view) await deps.openExternal(view.baseUrl);
      else log.warn('Asked to open an appliance the team server does not list.');
    },
    ...shellHandlers(deps, serverOnlyHandlers),
  };

  const publish = () => events.fire({ type: 'status:changed', payload: snapshot() });
  const off = [
    mirror.on('status', publish),
    mirror.on('link', publish),
    mirror.on('sessions', (delta) => events.fire({ type: 'sessions:changed', payload: delta })),
    config.onChange((data) => events.fire({ type: 'settings:changed', payload: data.settings })),
  ];

  return {
    handlers: validatedHandlers(handlers),
    events: events.event,
    publish,
    dispose() {
      off.forEach((unsubscribe) => unsubscribe());
      events.dispose();
    },
  };
}
