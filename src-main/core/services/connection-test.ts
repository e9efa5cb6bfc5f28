/** `appliances:test`: logs in to a saved appliance, or to a draft before it is saved. */
import type { ApplianceDraft, ConnectionTestResult } from '../../common/ipc-contract.js';
import { resolvePassword } from '../secrets/secret-store.js';
import { applianceFrom, assertNameFree } from './appliance-drafts.js';
import { certificateFor } from './certificate-pinning.js';
import { CertificateMismatchError, messageOf, MissingPasswordError, scrub } from './errors.js';
import type { ServiceContext } from './service-context.js';

export type TestTarget = { id: string } | { draft: ApplianceDraft; id?: string };

/** What a connection test runs with: a saved appliance, or a draft (possibly of a saved one). */
async function testTarget(ctx: ServiceContext, target: TestTarget) {
  const { deps, env } = ctx;
  if (!('draft' in target)) {
    const appliance = ctx.findOrFail(target.id);
    const password = await resolvePassword(appliance, deps.secrets, env).catch((e: unknown) => {
      throw new MissingPasswordError(messageOf(e));
    });
    return { appliance, password };
  }
  const existing = target.id === undefined ? undefined : ctx.findOrFail(target.id);
  const certificate = await certificateFor(deps, target.draft, existing);
  const appliance = applianceFrom(existing?.id ?? 'draft', target.draft, existing ?? {}, certificate);
  const fallback = existing ? await resolvePassword(appliance, deps.secrets, env).catch(() => null) : null;
  return { appliance, password: target.draft.password ?? fallback };
}

export async function testConnection(ctx: ServiceContext, target: TestTarget): Promise<ConnectionTestResult> {
  const typed = 'draft' in target ? target.draft.password : undefined;
  try {
    // A name already taken is refused before the certificate step, not after it.
    if ('draft' in target) assertNameFree(ctx.deps.config.read().appliances, target.draft.name, target.id);
  } catch (e) {
    return { ok: false, reason: 'refused', message: messageOf(e) };
  }
  try {
    const { appliance, password } = await testTarget(ctx, target);
    const result = await ctx.deps.testConnection(appliance, password);
    return { ...result, message: scrub(result.message, password, typed) };
  } catch (e) {
    const message = scrub(messageOf(e), typed);
    if (e instanceof CertificateMismatchError) {
      const certificate = e.presented ? { certificate: e.presented } : {};
      return { ok: false, reason: 'untrusted_certificate', message, previousFingerprint: e.accepted, ...certificate };
    }
    return { ok: false, reason: e instanceof MissingPasswordError ? 'auth_failed' : 'error', message };
  }
}
