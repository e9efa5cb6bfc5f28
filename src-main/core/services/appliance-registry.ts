/**
 * The configured appliances: add, edit, remove, certificate trust, connection tests and the demo
 * fleet. Passwords go one way, into the keychain; the pin is set only to the certificate the admin
 * accepted, read again from the appliance.
 */
import type { ApplianceDraft, ConnectionTestResult } from '../../common/ipc-contract.js';
import type { IpcHandlers } from '../../common/ipc-channels.js';
import type { Appliance, CertificatePin, CredentialSource } from '../../common/model.js';
import type { Settings } from '../../common/settings.js';
import { newApplianceId } from '../config/appliance-id.js';
import { normalizeFingerprint } from '../http/tls-trust.js';
import { resolvePassword } from '../secrets/secret-store.js';
import { CertificateMismatchError, messageOf, MissingPasswordError, scrub, UserError } from './errors.js';
import type { ServiceContext } from './service-context.js';

const KEYCHAIN: CredentialSource = { kind: 'keychain' };

type RegistryChannel =
  | 'appliances:list'
  | 'appliances:add'
  | 'appliances:update'
  | 'appliances:remove'
  | 'appliances:test'
  | 'appliances:probe-certificate'
  | 'appliances:trust-certificate'
  | 'app:start-demo';

function withoutAppliance<T>(record: Readonly<Record<string, T>>, applianceId: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => !k.startsWith(`${applianceId}/`)));
}

/** Names compare as people read them: case and Unicode normal form do not make two names. */
export function sameName(a: string, b: string): boolean {
  return a.normalize('NFC').toLowerCase() === b.normalize('NFC').toLowerCase();
}

function applianceFrom(id: string, draft: ApplianceDraft, base: Partial<Appliance>, certificate: CertificatePin | undefined): Appliance {
  return {
    id,
    name: draft.name,
    vendor: draft.vendor,
    baseUrl: draft.baseUrl,
    username: draft.username,
    credential: draft.credential ?? base.credential ?? KEYCHAIN,
    ...(certificate ? { certificate } : {}),
    options: draft.options ?? base.options ?? {},
    enabled: base.enabled ?? true,
  };
}

export function createApplianceRegistry(ctx: ServiceContext): Pick<IpcHandlers, RegistryChannel> {
  const { deps, secrets, mutations, status } = ctx;
  const appliances = () => deps.config.read().appliances;

  /** Changes the list as it is in the file now (another process may have changed it), under its lock. */
  const saveAppliances = async (
    change: (list: readonly Appliance[]) => readonly Appliance[],
    settingsChange?: (s: Settings) => Settings,
  ) => {
    const saved = await deps.config.update((d) => ({
      ...d,
      appliances: change(d.appliances),
      settings: settingsChange ? settingsChange(d.settings) : d.settings,
    }));
    deps.monitor.setAppliances(saved.appliances);
    status.publish();
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

  /** The pin for a draft: a newly accepted fingerprint is checked; otherwise the existing pin stays. */
  const certificateFor = async (draft: ApplianceDraft, existing?: Appliance): Promise<CertificatePin | undefined> => {
    const accepted = draft.trustedFingerprint;
    if (accepted === undefined || normalizeFingerprint(accepted) === existing?.certificate?.fingerprint256) return existing?.certificate;
    return pinFor(draft.baseUrl, accepted);
  };

  /** A keychain that refuses the password is the admin's to fix (unlock it, or use an environment variable). */
  const storeOrExplain = (id: string, password: string) =>
    secrets.store(id, password).catch((e: unknown) => {
      throw new UserError(messageOf(e));
    });

  const assertNameFree = (name: string, exceptId?: string, list: readonly Appliance[] = appliances()) => {
    if (list.some((a) => a.id !== exceptId && sameName(a.name, name))) {
      throw new UserError(`An appliance named "${name}" already exists.`);
    }
  };

  const assertPasswordFits = (credential: CredentialSource, draft: ApplianceDraft, stored: boolean) => {
    if (credential.kind === 'env' && draft.password !== undefined) {
      throw new UserError(`The password comes from the environment variable ${credential.variable}; it cannot also be stored.`);
    }
    if (credential.kind === 'keychain' && draft.password === undefined && !stored) {
      throw new UserError('Enter the password: it is stored in the OS keychain, never in the configuration file.');
    }
  };

  const add = async (draft: ApplianceDraft) => {
    assertNameFree(draft.name);
    assertPasswordFits(draft.credential ?? KEYCHAIN, draft, false);
    const appliance = applianceFrom(newApplianceId(), draft, {}, await certificateFor(draft));
    if (draft.password !== undefined) await storeOrExplain(appliance.id, draft.password);
    try {
      await saveAppliances((list) => {
        assertNameFree(draft.name, undefined, list);
        return [...list, appliance];
      });
    } catch (e) {
      // Nothing was saved: a password stored for it would be an orphan in the keychain.
      if (draft.password !== undefined) await secrets.forget(appliance.id);
      throw e;
    }
    return status.view(appliance.id);
  };

  const update = async (id: string, draft: ApplianceDraft) => {
    const existing = ctx.findOrFail(id);
    assertNameFree(draft.name, id);
    assertPasswordFits(draft.credential ?? existing.credential, draft, secrets.state(id) === 'stored');
    const appliance = applianceFrom(id, draft, existing, await certificateFor(draft, existing));
    if (draft.password !== undefined) await storeOrExplain(id, draft.password);
    if (appliance.credential.kind === 'env' && existing.credential.kind === 'keychain') await secrets.forget(id);
    await saveAppliances((list) => {
      assertNameFree(draft.name, id, list);
      return list.map((a) => (a.id === id ? appliance : a));
    });
    return status.view(id);
  };

  const remove = async (id: string) => {
    const existing = ctx.findOrFail(id);
    await saveAppliances(
      (list) => list.filter((a) => a.id !== id),
      (s) => ({
        ...s,
        mutedJobs: withoutAppliance(s.mutedJobs, id),
        acknowledged: withoutAppliance(s.acknowledged, id),
        jobRpo: withoutAppliance(s.jobRpo, id),
      }),
    );
    if (existing.credential.kind !== 'keychain') return { password: 'none' as const };
    const forgotten = await secrets.forget(id);
    return forgotten.forgotten ? { password: 'deleted' as const } : { password: 'kept' as const, why: forgotten.why };
  };

  const trust = async (id: string, fingerprint256: string) => {
    const existing = ctx.findOrFail(id);
    const certificate = await pinFor(existing.baseUrl, fingerprint256);
    await saveAppliances((list) => list.map((a) => (a.id === id ? { ...a, certificate } : a)));
  };

  const startDemo = async () => {
    if (!deps.startDemo) throw new UserError('The demo fleet is not available here.');
    const demo = await deps.startDemo();
    // A previous demo run left appliances with the same names (on other ports): replace them.
    const demoIds = new Set(demo.map((a) => a.id));
    const isStale = (a: Appliance) => demoIds.has(a.id) || demo.some((d) => sameName(d.name, a.name));
    await Promise.all(
      appliances()
        .filter((a) => isStale(a) && !demoIds.has(a.id) && a.credential.kind === 'keychain')
        .map((a) => secrets.forget(a.id)),
    );
    await Promise.all(demo.map((a) => secrets.learn(a)));
    await saveAppliances((list) => [...list.filter((a) => !isStale(a)), ...demo]);
  };

  /** What a connection test runs with: a saved appliance, or a draft (possibly of a saved one). */
  const testTarget = async (target: { id: string } | { draft: ApplianceDraft; id?: string }) => {
    if (!('draft' in target)) {
      const appliance = ctx.findOrFail(target.id);
      const password = await resolvePassword(appliance, deps.secrets, ctx.env).catch((e: unknown) => {
        throw new MissingPasswordError(messageOf(e));
      });
      return { appliance, password };
    }
    const existing = target.id === undefined ? undefined : ctx.findOrFail(target.id);
    const appliance = applianceFrom(existing?.id ?? 'draft', target.draft, existing ?? {}, await certificateFor(target.draft, existing));
    const fallback = existing ? await resolvePassword(appliance, deps.secrets, ctx.env).catch(() => null) : null;
    return { appliance, password: target.draft.password ?? fallback };
  };

  const test = async (target: { id: string } | { draft: ApplianceDraft; id?: string }): Promise<ConnectionTestResult> => {
    const typed = 'draft' in target ? target.draft.password : undefined;
    try {
      if ('draft' in target) assertNameFree(target.draft.name, target.id);
      const { appliance, password } = await testTarget(target);
      const result = await deps.testConnection(appliance, password);
      return { ...result, message: scrub(result.message, password, typed) };
    } catch (e) {
      const message = scrub(messageOf(e), typed);
      if (e instanceof CertificateMismatchError) {
        const certificate = e.presented ? { certificate: e.presented } : {};
        return { ok: false, reason: 'untrusted_certificate', message, previousFingerprint: e.accepted, ...certificate };
      }
      return { ok: false, reason: e instanceof MissingPasswordError ? 'auth_failed' : 'error', message };
    }
  };

  const { guard } = mutations;
  return {
    'appliances:list': async () => {
      await ctx.ready;
      return [...status.snapshot().appliances];
    },
    'appliances:add': (draft) => guard('Adding an appliance', () => add(draft), draft.password),
    'appliances:update': ({ id, draft }) => guard('Saving an appliance', () => update(id, draft), draft.password),
    'appliances:remove': (id) => guard('Removing an appliance', () => remove(id)),
    'appliances:test': test,
    'appliances:probe-certificate': (baseUrl) =>
      deps.probeCertificate(baseUrl).catch((e: unknown) => ({ certificate: null, trustedBySystem: false, message: messageOf(e) })),
    'appliances:trust-certificate': ({ id, fingerprint256 }) => guard('Trusting a certificate', () => trust(id, fingerprint256)),
    'app:start-demo': () => guard('Starting the demo fleet', startDemo),
  };
}
