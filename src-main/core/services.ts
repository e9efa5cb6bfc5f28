/**
 * The services behind the IPC contract, shared by the Electron shell and the browser harness.
 * Plain Node: the shell only provides the ports (config, keychain, monitor, certificate probe,
 * opening a URL). Passwords go one way, into the SecretStore; no value or message that leaves
 * here contains one. Expected failures come back as `{ ok: false, message }`, never as throws.
 */
import type {
  AppInfo,
  ApplianceDraft,
  CertificateProbe,
  ConnectionTestResult,
  IpcEvents,
  IpcEventChannel,
  JobFlagRequest,
  MutationResult,
} from '../common/ipc-contract.js';
import type { IpcHandlers } from '../common/ipc-channels.js';
import type { Appliance, ApplianceHealth, CertificatePin, CredentialSource, PresentedCertificate } from '../common/model.js';
import type { ConfigData, Settings } from '../common/settings.js';
import { jobKey } from '../common/snapshot.js';
import type { ApplianceView, FleetState, StatusSnapshot } from '../common/snapshot.js';
import { buildStatusSnapshot } from '../common/status-rules.js';
import { newApplianceId } from './config/appliance-id.js';
import { describeIssue, settingsSchema } from './config/config-schema.js';
import type { ConfigStore } from './config/config-store.js';
import { normalizeFingerprint } from './http/tls-trust.js';
import type { Logger } from './logger.js';
import type { Monitor } from './monitor-types.js';
import { resolvePassword } from './secrets/secret-store.js';
import type { SecretStore } from './secrets/secret-store.js';
import { findSession, latestFailedSession, querySessions } from './session-query.js';

/** The ports the services need. Time, network and the keychain are all passed in. */
export interface ServiceDeps {
  readonly config: ConfigStore;
  readonly secrets: SecretStore;
  readonly monitor: Monitor;
  /** What the appliance at a URL presents (certificate step); never trusts it. */
  probeCertificate(baseUrl: string): Promise<CertificateProbe>;
  /** Logs in with a connector and reports what it found. */
  testConnection(appliance: Appliance, password: string | null): Promise<ConnectionTestResult>;
  info(): Promise<AppInfo>;
  /** Opens a URL in the system browser (only configured appliance URLs are ever passed). */
  openExternal(url: string): Promise<void>;
  /** Starts the demo simulators and returns their appliances (absent where there is no demo). */
  startDemo?: () => Promise<ConfigData['appliances']>;
  /** The notification scheduler, told when the admin pauses or resumes notifications. */
  notificationState?: { pause(until: string | null): void };
  now(): number;
  log: Logger;
  /** Environment read for `--password-env` credentials (default: `process.env`). */
  env?: NodeJS.ProcessEnv;
}

export type IpcEventPayload<E extends IpcEventChannel> = Parameters<IpcEvents[E]>[0];
export type ServiceEventListener = <E extends IpcEventChannel>(event: E, payload: IpcEventPayload<E>) => void;

export interface Services {
  readonly handlers: IpcHandlers;
  readonly events: { subscribe(listener: ServiceEventListener): () => void };
  dispose(): void;
}

const STATUS_THROTTLE_MS = 250;

/** A failure the admin caused or can fix; its message is shown as is. */
class UserError extends Error {}

/** The certificate presented is not the one the admin accepted. */
class CertificateMismatchError extends UserError {
  constructor(
    message: string,
    readonly presented: PresentedCertificate | undefined,
    readonly accepted: string,
  ) {
    super(message);
  }
}

/** No password could be found for an appliance (keychain entry or environment variable missing). */
class MissingPasswordError extends UserError {}

const KEYCHAIN: CredentialSource = { kind: 'keychain' };
const NOT_POLLED: ApplianceHealth = { state: 'ok', message: '', lastGoodPoll: null, lastPoll: null };

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Replaces any occurrence of a password in a message (a server may echo what it was sent). */
function scrub(message: string, ...secrets: readonly (string | null | undefined)[]): string {
  return secrets.reduce<string>((text, secret) => (secret ? text.split(secret).join('••••') : text), message);
}

function withoutKey<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
}

function withoutAppliance<T>(record: Readonly<Record<string, T>>, applianceId: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => !k.startsWith(`${applianceId}/`)));
}

export function createServices(deps: ServiceDeps): Services {
  const { config, secrets, monitor, log } = deps;
  const env = deps.env ?? process.env;
  const listeners = new Set<ServiceEventListener>();
  /** Whether a keychain password exists, per appliance id: asked once, then kept up to date here. */
  const secretKnown = new Map<string, boolean>();

  const emit: ServiceEventListener = (event, payload) => {
    for (const listener of listeners) {
      try {
        listener(event, payload);
      } catch (e) {
        log.warn(`An event listener failed: ${messageOf(e)}`);
      }
    }
  };

  const appliances = () => config.read().appliances;
  const settings = () => config.read().settings;
  const find = (id: string) => appliances().find((a) => a.id === id);
  const findOrFail = (id: string) => {
    const appliance = find(id);
    if (!appliance) throw new UserError('That appliance no longer exists.');
    return appliance;
  };

  const hasSecret = (id: string): boolean => {
    const credential = find(id)?.credential;
    if (credential?.kind === 'env') return Boolean(env[credential.variable]);
    return secretKnown.get(id) ?? false;
  };

  const learnSecret = async (appliance: Appliance) => {
    if (appliance.credential.kind !== 'keychain') return;
    const stored = await secrets.get(appliance.id).catch(() => null);
    secretKnown.set(appliance.id, stored !== null);
  };

  /** The monitor's fleet, restricted to and updated with the configured appliances. */
  const currentFleet = (fleet: FleetState = monitor.fleet()): FleetState => {
    const polled = new Map(fleet.appliances.map((state) => [state.appliance.id, state]));
    return {
      at: new Date(deps.now()).toISOString(),
      appliances: appliances().map((appliance) => {
        const state = polled.get(appliance.id);
        return state ? { ...state, appliance } : { appliance, health: NOT_POLLED, jobs: [], sessions: [] };
      }),
    };
  };

  const snapshot = (fleet?: FleetState): StatusSnapshot => buildStatusSnapshot(currentFleet(fleet), settings(), deps.now(), hasSecret);
  const emitStatus = () => emit('status:changed', snapshot());
  const viewOf = (id: string): ApplianceView => {
    const view = snapshot().appliances.find((a) => a.id === id);
    if (!view) throw new Error(`Appliance ${id} vanished while saving.`);
    return view;
  };

  // Mutations run one at a time, so two quick edits cannot both pass the same uniqueness check.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  const guard = <T>(what: string, fn: () => Promise<T>, password?: string): Promise<MutationResult<T>> =>
    serial(fn).then(
      (value): MutationResult<T> => ({ ok: true, value }),
      (e: unknown): MutationResult<T> => {
        const message = scrub(messageOf(e), password);
        if (!(e instanceof UserError)) log.warn(`${what} failed: ${message}`);
        return { ok: false, message };
      },
    );

  /** Changes the list as the file holds it now (another process may have changed it meanwhile). */
  const saveAppliances = async (
    change: (list: readonly Appliance[]) => readonly Appliance[],
    settingsChange?: (s: Settings) => Settings,
  ) => {
    const saved = await config.update((d) => ({
      ...d,
      appliances: change(d.appliances),
      settings: settingsChange ? settingsChange(d.settings) : d.settings,
    }));
    monitor.setAppliances(saved.appliances);
    emitStatus();
  };

  const updateSettings = async (change: (s: Settings) => Settings) => {
    await config.update((d) => ({ ...d, settings: change(d.settings) }));
    emitStatus();
  };

  const storeSecret = async (id: string, password: string) => {
    await secrets.set(id, password);
    secretKnown.set(id, true);
  };

  const forgetSecret = async (id: string) => {
    secretKnown.delete(id);
    await secrets.delete(id).catch((e: unknown) => log.warn(`Could not delete a stored password: ${messageOf(e)}`));
  };

  /** Reads the certificate again and pins it only if it is exactly the one the admin accepted. */
  const pinFor = async (baseUrl: string, acceptedFingerprint: string): Promise<CertificatePin> => {
    const accepted = normalizeFingerprint(acceptedFingerprint) ?? acceptedFingerprint;
    const probe = await deps.probeCertificate(baseUrl);
    const presented = probe.certificate;
    if (!presented) throw new UserError(`No certificate could be read from ${baseUrl}: ${probe.message}`);
    const fingerprint = normalizeFingerprint(presented.fingerprint256);
    if (fingerprint !== accepted) {
      throw new CertificateMismatchError(
        `The certificate ${baseUrl} presents now (${presented.fingerprint256}) is not the one you accepted (${accepted}). Check it again before trusting it.`,
        presented,
        accepted,
      );
    }
    return { fingerprint256: fingerprint, pem: presented.pem };
  };

  const assertNameFree = (name: string, exceptId?: string) => {
    const taken = appliances().some((a) => a.id !== exceptId && a.name.toLowerCase() === name.toLowerCase());
    if (taken) throw new UserError(`An appliance named "${name}" already exists.`);
  };

  const assertPasswordFits = (credential: CredentialSource, draft: ApplianceDraft, stored: boolean) => {
    if (credential.kind === 'env' && draft.password !== undefined) {
      throw new UserError(`The password comes from the environment variable ${credential.variable}; it cannot also be stored.`);
    }
    if (credential.kind === 'keychain' && draft.password === undefined && !stored) {
      throw new UserError('Enter the password: it is stored in the OS keychain, never in the configuration file.');
    }
  };

  const applianceFrom = (
    id: string,
    draft: ApplianceDraft,
    base: Partial<Appliance>,
    certificate: CertificatePin | undefined,
  ): Appliance => ({
    id,
    name: draft.name,
    vendor: draft.vendor,
    baseUrl: draft.baseUrl,
    username: draft.username,
    credential: draft.credential ?? base.credential ?? KEYCHAIN,
    ...(certificate ? { certificate } : {}),
    options: draft.options ?? base.options ?? {},
    enabled: base.enabled ?? true,
  });

  /** The pin for a draft: a newly accepted fingerprint is checked; otherwise the existing pin stays. */
  const certificateFor = async (draft: ApplianceDraft, existing?: Appliance): Promise<CertificatePin | undefined> => {
    const accepted = draft.trustedFingerprint;
    if (accepted === undefined || normalizeFingerprint(accepted) === existing?.certificate?.fingerprint256) return existing?.certificate;
    return pinFor(draft.baseUrl, accepted);
  };

  const add = async (draft: ApplianceDraft): Promise<ApplianceView> => {
    assertNameFree(draft.name);
    assertPasswordFits(draft.credential ?? KEYCHAIN, draft, false);
    const appliance = applianceFrom(newApplianceId(), draft, {}, await certificateFor(draft));
    if (draft.password !== undefined) await storeSecret(appliance.id, draft.password);
    try {
      await saveAppliances((list) => [...list, appliance]);
    } catch (e) {
      await forgetSecret(appliance.id);
      throw e;
    }
    return viewOf(appliance.id);
  };

  const update = async (id: string, draft: ApplianceDraft): Promise<ApplianceView> => {
    const existing = findOrFail(id);
    assertNameFree(draft.name, id);
    assertPasswordFits(draft.credential ?? existing.credential, draft, secretKnown.get(id) ?? false);
    const appliance = applianceFrom(id, draft, existing, await certificateFor(draft, existing));
    if (draft.password !== undefined) await storeSecret(id, draft.password);
    if (appliance.credential.kind === 'env' && existing.credential.kind === 'keychain') await forgetSecret(id);
    await saveAppliances((list) => list.map((a) => (a.id === id ? appliance : a)));
    return viewOf(id);
  };

  const remove = async (id: string): Promise<void> => {
    findOrFail(id);
    await saveAppliances(
      (list) => list.filter((a) => a.id !== id),
      (s) => ({ ...s, mutedJobs: withoutAppliance(s.mutedJobs, id), acknowledged: withoutAppliance(s.acknowledged, id) }),
    );
    await forgetSecret(id);
  };

  const trust = async (id: string, fingerprint256: string): Promise<void> => {
    const existing = findOrFail(id);
    const certificate = await pinFor(existing.baseUrl, fingerprint256);
    await saveAppliances((list) => list.map((a) => (a.id === id ? { ...a, certificate } : a)));
  };

  const startDemo = async (): Promise<void> => {
    if (!deps.startDemo) throw new UserError('The demo fleet is not available here.');
    const demo = await deps.startDemo();
    // A previous demo run left appliances with the same names (on other ports): replace them.
    const demoKeys = new Set(demo.flatMap((a) => [a.id, a.name.toLowerCase()]));
    const isStale = (a: Appliance) => demoKeys.has(a.id) || demoKeys.has(a.name.toLowerCase());
    const demoIds = new Set(demo.map((a) => a.id));
    await Promise.all(
      appliances()
        .filter((a) => isStale(a) && !demoIds.has(a.id))
        .map((a) => forgetSecret(a.id)),
    );
    await Promise.all(demo.map(learnSecret));
    await saveAppliances((list) => [...list.filter((a) => !isStale(a)), ...demo]);
  };

  /** What a connection test runs with: a saved appliance, or a draft (possibly of a saved one). */
  const testTarget = async (
    target: { id: string } | { draft: ApplianceDraft; id?: string },
  ): Promise<{ appliance: Appliance; password: string | null }> => {
    if (!('draft' in target)) {
      const appliance = findOrFail(target.id);
      const password = await resolvePassword(appliance, secrets, env).catch((e: unknown) => {
        throw new MissingPasswordError(messageOf(e));
      });
      return { appliance, password };
    }
    const existing = target.id === undefined ? undefined : findOrFail(target.id);
    const appliance = applianceFrom(existing?.id ?? 'draft', target.draft, existing ?? {}, await certificateFor(target.draft, existing));
    const fallback = existing ? await resolvePassword(appliance, secrets, env).catch(() => null) : null;
    return { appliance, password: target.draft.password ?? fallback };
  };

  const test = async (target: { id: string } | { draft: ApplianceDraft; id?: string }): Promise<ConnectionTestResult> => {
    const typed = 'draft' in target ? target.draft.password : undefined;
    try {
      const { appliance, password } = await testTarget(target);
      const result = await deps.testConnection(appliance, password);
      return { ...result, message: scrub(result.message, password, typed) };
    } catch (e) {
      const message = scrub(messageOf(e), typed);
      if (e instanceof CertificateMismatchError) {
        return {
          ok: false,
          reason: 'untrusted_certificate',
          message,
          previousFingerprint: e.accepted,
          ...(e.presented ? { certificate: e.presented } : {}),
        };
      }
      return { ok: false, reason: e instanceof MissingPasswordError ? 'auth_failed' : 'error', message };
    }
  };

  const setJobFlag = (flag: JobFlagRequest, field: 'mutedJobs' | 'acknowledged', value: Settings[typeof field][string] | null) =>
    serial(async () => {
      const key = jobKey(flag.applianceId, flag.jobId);
      await updateSettings((s) => ({ ...s, [field]: value === null ? withoutKey(s[field], key) : { ...s[field], [key]: value } }));
    });

  const handlers: IpcHandlers = {
    'appliances:list': async () => {
      await ready;
      return [...snapshot().appliances];
    },
    'appliances:add': (draft) => guard('Adding an appliance', () => add(draft), draft.password),
    'appliances:update': ({ id, draft }) => guard('Saving an appliance', () => update(id, draft), draft.password),
    'appliances:remove': (id) => guard('Removing an appliance', () => remove(id)),
    'appliances:test': test,
    'appliances:probe-certificate': (baseUrl) =>
      deps.probeCertificate(baseUrl).catch((e: unknown) => ({ certificate: null, trustedBySystem: false, message: messageOf(e) })),
    'appliances:trust-certificate': ({ id, fingerprint256 }) => guard('Trusting a certificate', () => trust(id, fingerprint256)),
    'appliances:refresh': () => monitor.refreshNow(),
    'sessions:list': async (query) => querySessions(currentFleet(), query),
    'sessions:get': async ({ applianceId, sessionId }) => {
      const found = findSession(currentFleet(), applianceId, sessionId);
      if (!found) return null;
      const connector = monitor.connector(applianceId);
      const resources = connector?.resourceProgress
        ? await connector.resourceProgress(sessionId).catch((e: unknown) => {
            log.warn(`Reading resource progress failed: ${messageOf(e)}`);
            return null;
          })
        : null;
      return { session: found.session, resources, applianceUrl: found.state.appliance.baseUrl };
    },
    'sessions:log': async ({ applianceId, sessionId, page }) => {
      const connector = monitor.connector(applianceId);
      if (!connector?.jobLog) return { ok: false, message: 'This appliance does not offer session logs.' };
      return connector.jobLog(sessionId, page).then(
        (value) => ({ ok: true, value }),
        (e: unknown) => ({ ok: false, message: `The log could not be read: ${messageOf(e)}` }),
      );
    },
    'status:snapshot': async () => {
      await ready;
      return snapshot();
    },
    'notifications:pause': ({ until }) =>
      serial(async () => {
        await updateSettings((s) => ({ ...s, notificationsPausedUntil: until }));
        deps.notificationState?.pause(until);
      }),
    'notifications:mute': (flag) => setJobFlag(flag, 'mutedJobs', flag.on ? { until: flag.until ?? null } : null),
    'notifications:acknowledge': async (flag) => {
      if (!flag.on) return setJobFlag(flag, 'acknowledged', null);
      const failed = latestFailedSession(currentFleet(), flag.applianceId, flag.jobId);
      if (failed) return setJobFlag(flag, 'acknowledged', { sessionId: failed.id, until: flag.until ?? null });
      log.info(`Nothing to acknowledge: job ${flag.jobId} has no failed session.`);
    },
    'settings:get': async () => settings(),
    'settings:update': (patch) =>
      guard('Saving settings', async () => {
        const parsed = settingsSchema.safeParse({ ...settings(), ...patch });
        if (!parsed.success) throw new UserError(`Invalid setting: ${describeIssue(parsed.error)}`);
        await updateSettings(() => parsed.data);
        return parsed.data;
      }),
    'app:info': () => deps.info(),
    'app:open-appliance': async (applianceId) => {
      const appliance = find(applianceId);
      if (appliance) await deps.openExternal(appliance.baseUrl);
      else log.warn('Asked to open an appliance that is not configured.');
    },
    'app:start-demo': () => guard('Starting the demo fleet', startDemo),
  };

  const ready = Promise.all(appliances().map(learnSecret)).then(emitStatus);

  // A snapshot covers the whole fleet: polls that end close together share one (at most one per
  // STATUS_THROTTLE_MS, the last one always sent), instead of one per appliance per cycle.
  let statusTimer: ReturnType<typeof setTimeout> | null = null;
  let statusDirty = false;
  const emitStatusSoon = () => {
    if (statusTimer) {
      statusDirty = true;
      return;
    }
    emitStatus();
    statusTimer = setTimeout(() => {
      statusTimer = null;
      if (statusDirty) {
        statusDirty = false;
        emitStatusSoon();
      }
    }, STATUS_THROTTLE_MS);
  };

  // Another process (the CLI, another window) saved the configuration: watch what it holds now.
  const offConfig = config.onChange((data) => {
    monitor.setAppliances(data.appliances);
    const unknown = data.appliances.filter((a) => !secretKnown.has(a.id));
    void Promise.all(unknown.map(learnSecret)).then(emitStatus);
  });

  const unsubscribe = monitor.onUpdate((update) => {
    if (update.changedSessions.length > 0 || update.removedSessionKeys.length > 0) {
      emit('sessions:changed', { reset: false, upserted: update.changedSessions, removed: update.removedSessionKeys });
    }
    emitStatusSoon();
  });

  return {
    handlers,
    events: {
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    dispose() {
      if (statusTimer) clearTimeout(statusTimer);
      offConfig();
      unsubscribe();
      listeners.clear();
    },
  };
}
