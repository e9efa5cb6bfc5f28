/** From what the admin typed (a draft) to a configured appliance, and the rules a draft must meet. */
import type { ApplianceDraft } from '../../common/ipc-contract.js';
import type { Appliance, CertificatePin, CredentialSource } from '../../common/model.js';
import { sameName } from '../../common/text.js';
import { UserError } from './errors.js';

export const KEYCHAIN: CredentialSource = { kind: 'keychain' };

export function applianceFrom(
  id: string,
  draft: ApplianceDraft,
  base: Partial<Appliance>,
  certificate: CertificatePin | undefined,
): Appliance {
  return {
    id,
    name: draft.name,
    vendor: draft.vendor,
    baseUrl: draft.baseUrl,
    username: draft.username,
    credential: draft.credential ?? base.credential ?? KEYCHAIN,
    ...(certificate ? { certificate } : {}),
    // Options belong to a vendor: a draft that changes the vendor does not inherit the old ones.
    options: draft.options ?? (base.vendor === draft.vendor ? base.options : undefined) ?? {},
    enabled: base.enabled ?? true,
    // Pointed elsewhere, a demo appliance is a real one.
    ...(base.demo && base.baseUrl === draft.baseUrl ? { demo: true as const } : {}),
  };
}

export function assertNameFree(list: readonly Appliance[], name: string, exceptId?: string): void {
  if (list.some((a) => a.id !== exceptId && sameName(a.name, name))) throw new UserError(`An appliance named "${name}" already exists.`);
}

/** A keychain appliance needs a password once; an environment one never takes one. */
export function assertPasswordFits(credential: CredentialSource, draft: ApplianceDraft, stored: boolean): void {
  if (credential.kind === 'env' && draft.password !== undefined) {
    throw new UserError(`The password comes from the environment variable ${credential.variable}; it cannot also be stored.`);
  }
  if (credential.kind === 'keychain' && draft.password === undefined && !stored) {
    throw new UserError('Enter the password: it is stored in the OS keychain, never in the configuration file.');
  }
}
