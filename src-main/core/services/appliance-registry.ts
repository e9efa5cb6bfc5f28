/**
 * The configured appliances: add, edit, remove, certificate trust and the demo fleet. Every change
 * is made to the list the file holds now, under its lock, so another process's change is kept.
 * Passwords go one way, into the keychain.
 */
import { holdDemoLock } from '../config/demo-lock.js';
import type { ApplianceDraft, ApplianceRemoval } from '../../common/ipc-contract.js';
import type { IpcHandlers } from '../../common/ipc-channels.js';
import type { Appliance } from '../../common/model.js';
import type { Settings } from '../../common/settings.js';
import type { ApplianceView } from '../../common/snapshot.js';
import { sameName } from '../../common/text.js';
import { newApplianceId } from '../config/appliance-id.js';
import { applianceIdSchema } from '../config/config-schema.js';
import { applianceFrom, assertNameFree, assertPasswordFits, KEYCHAIN } from './appliance-drafts.js';
import { certificateFor, pinFor } from './certificate-pinning.js';
import { testConnection } from './connection-test.js';
import { messageOf, UserError } from './errors.js';
import type { ServiceContext } from './service-context.js';

type RegistryChannel =
  | 'appliances:list'
  | 'appliances:add'
  | 'appliances:update'
  | 'appliances:remove'
  | 'appliances:discard-set-aside'
  | 'appliances:test'
  | 'appliances:probe-certificate'
  | 'appliances:trust-certificate'
  | 'app:start-demo'
  | 'app:leave-demo';

function withoutAppliances<T>(record: Readonly<Record<string, T>>, ids: readonly string[]): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => !ids.some((id) => k.startsWith(`${id}/`))));
}

/** The settings without the mutes, acknowledgements and RPO overrides of removed appliances. */
const forgettingAppliances =
  (ids: readonly string[]) =>
  (s: Settings): Settings => ({
    ...s,
    mutedJobs: withoutAppliances(s.mutedJobs, ids),
    acknowledged: withoutAppliances(s.acknowledged, ids),
    jobRpo: withoutAppliances(s.jobRpo, ids),
  });

/** Changes the list as it is in the file now (another process may have changed it), under its lock. */
async function saveAppliances(
  ctx: ServiceContext,
  change: (list: readonly Appliance[]) => readonly Appliance[],
  settingsChange?: (s: Settings) => Settings,
): Promise<void> {
  const saved = await ctx.deps.config.update((d) => ({
    ...d,
    appliances: change(d.appliances),
    settings: settingsChange ? settingsChange(d.settings) : d.settings,
  }));
  ctx.deps.monitor.setAppliances(saved.appliances);
  ctx.status.publish();
  if (settingsChange) ctx.status.publishSettings();
}

/** A keychain that refuses the password is the admin's to fix (unlock it, or use an environment variable). */
function storeOrExplain(ctx: ServiceContext, id: string, password: string): Promise<void> {
  return ctx.secrets.store(id, password).catch((e: unknown) => {
    throw new UserError(messageOf(e));
  });
}

async function add(ctx: ServiceContext, draft: ApplianceDraft): Promise<ApplianceView> {
  assertNameFree(ctx.deps.config.read().appliances, draft.name);
  assertPasswordFits(draft.credential ?? KEYCHAIN, draft, false);
  const appliance = applianceFrom(newApplianceId(), draft, {}, await certificateFor(ctx.deps, draft));
  if (draft.password !== undefined) await storeOrExplain(ctx, appliance.id, draft.password);
  try {
    await saveAppliances(ctx, (list) => {
      assertNameFree(list, draft.name);
      return [...list, appliance];
    });
  } catch (e) {
    // Nothing was saved: a password stored for it would be an orphan in the keychain.
    if (draft.password !== undefined) await ctx.secrets.forget(appliance.id);
    throw e;
  }
  return ctx.status.view(appliance.id);
}

async function update(ctx: ServiceContext, id: string, draft: ApplianceDraft): Promise<ApplianceView> {
  const existing = ctx.findOrFail(id);
  assertNameFree(ctx.deps.config.read().appliances, draft.name, id);
  assertPasswordFits(draft.credential ?? existing.credential, draft, ctx.secrets.state(id) === 'stored');
  const appliance = applianceFrom(id, draft, existing, await certificateFor(ctx.deps, draft, existing));
  if (draft.password !== undefined) await storeOrExplain(ctx, id, draft.password);
  if (appliance.credential.kind === 'env' && existing.credential.kind === 'keychain') await ctx.secrets.forget(id);
  await saveAppliances(ctx, (list) => {
    assertNameFree(list, draft.name, id);
    return list.map((a) => (a.id === id ? appliance : a));
  });
  return ctx.status.view(id);
}

async function remove(ctx: ServiceContext, id: string): Promise<ApplianceRemoval> {
  const existing = ctx.findOrFail(id);
  await saveAppliances(ctx, (list) => list.filter((a) => a.id !== id), forgettingAppliances([id]));
  return existing.credential.kind === 'keychain' ? forgetPassword(ctx, id) : { password: 'none' };
}

/** The password of a removed appliance: deleted, none to delete, or possibly still in an unreachable keychain. */
async function forgetPassword(ctx: ServiceContext, id: string): Promise<ApplianceRemoval> {
  const forgotten = await ctx.secrets.forget(id);
  return forgotten.forgotten ? { password: 'deleted' } : { password: 'kept', why: forgotten.why };
}

async function discardSetAside(ctx: ServiceContext, name: string): Promise<ApplianceRemoval> {
  const discarded = await ctx.deps.config.discardRejected(name);
  if (discarded === null) throw new UserError(`No set-aside appliance is named "${name}".`);
  ctx.status.publish();
  // An invalid entry may still own a keychain entry (added before it went bad): it goes too.
  return discarded.id !== null && applianceIdSchema.safeParse(discarded.id).success
    ? forgetPassword(ctx, discarded.id)
    : { password: 'none' };
}

async function trust(ctx: ServiceContext, id: string, fingerprint256: string): Promise<void> {
  const existing = ctx.findOrFail(id);
  const certificate = await pinFor(ctx.deps, existing.baseUrl, fingerprint256);
  await saveAppliances(ctx, (list) => list.map((a) => (a.id === id ? { ...a, certificate } : a)));
}

async function startDemo(ctx: ServiceContext): Promise<void> {
  if (!ctx.deps.startDemo) throw new UserError('The demo fleet is not available here.');
  // The start-up removal of an earlier demo must not take this one with it.
  await ctx.ready;
  const demo = await ctx.deps.startDemo();
  // A previous demo run left appliances with the same names (on other ports): replace them.
  const demoIds = new Set(demo.map((a) => a.id));
  const isStale = (a: Appliance) => demoIds.has(a.id) || a.demo === true || demo.some((d) => sameName(d.name, a.name));
  const stale = ctx.deps.config.read().appliances.filter((a) => isStale(a) && !demoIds.has(a.id) && a.credential.kind === 'keychain');
  await Promise.all(stale.map((a) => ctx.secrets.forget(a.id)));
  await Promise.all(demo.map((a) => ctx.secrets.learn(a)));
  await saveAppliances(ctx, (list) => [...list.filter((a) => !isStale(a)), ...demo]);
}

/**
 * Removes every demo appliance with its password and job settings. Also run at start: a demo whose
 * process ended without leaving it has no simulator any more, and its cards would only say
 * "could not be reached"; the first-run screen is the honest state.
 */
export async function removeDemoAppliances(ctx: ServiceContext): Promise<void> {
  const demo = ctx.deps.config.read().appliances.filter((a) => a.demo);
  if (demo.length === 0) return;
  const ids = demo.map((a) => a.id);
  await saveAppliances(ctx, (list) => list.filter((a) => !a.demo), forgettingAppliances(ids));
  for (const a of demo) if (a.credential.kind === 'env') delete ctx.env[a.credential.variable];
  // Only passwords the keychain said it holds: the CLI's demo of earlier versions stored none there,
  // and a simulator's password left in a keychain out of reach is nobody's secret.
  const stored = demo.filter((a) => a.credential.kind === 'keychain' && ctx.secrets.state(a.id) === 'stored');
  await Promise.all(stored.map((a) => ctx.secrets.forget(a.id)));
}

export function createApplianceRegistry(ctx: ServiceContext): Pick<IpcHandlers, RegistryChannel> {
  const { guard } = ctx.mutations;
  // Held while this process runs the demo (see demo-lock.ts).
  let releaseDemoLock: (() => Promise<void>) | null = null;
  const leaveDemo = async () => {
    await removeDemoAppliances(ctx);
    await ctx.deps.stopDemo?.();
    await releaseDemoLock?.().catch(() => undefined);
    releaseDemoLock = null;
  };
  const runDemo = async () => {
    await startDemo(ctx);
    releaseDemoLock ??= await holdDemoLock(ctx.deps.config.path);
  };
  return {
    'appliances:list': async () => {
      await ctx.ready;
      return [...ctx.status.snapshot().appliances];
    },
    'appliances:add': (draft) => guard('Adding an appliance', () => add(ctx, draft), draft.password),
    'appliances:update': ({ id, draft }) => guard('Saving an appliance', () => update(ctx, id, draft), draft.password),
    'appliances:remove': (id) => guard('Removing an appliance', () => remove(ctx, id)),
    'appliances:discard-set-aside': (name) => guard('Removing a set-aside appliance', () => discardSetAside(ctx, name)),
    'appliances:test': (target) => testConnection(ctx, target),
    'appliances:probe-certificate': (baseUrl) =>
      ctx.deps.probeCertificate(baseUrl).catch((e: unknown) => ({ certificate: null, trustedBySystem: false, message: messageOf(e) })),
    'appliances:trust-certificate': ({ id, fingerprint256 }) => guard('Trusting a certificate', () => trust(ctx, id, fingerprint256)),
    'app:start-demo': () => guard('Starting the demo fleet', runDemo),
    'app:leave-demo': () => guard('Leaving the demo', leaveDemo),
  };
}
