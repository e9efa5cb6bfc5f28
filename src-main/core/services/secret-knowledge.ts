/**
 * What the services know about each appliance's password without ever holding it: stored, missing,
 * or unknown because the keychain cannot be reached now. Asked once per appliance, then kept up to
 * date by the services' own writes.
 */
import type { Appliance } from '../../common/model.js';
import type { Logger } from '../logger.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { messageOf } from './errors.js';

export type SecretState = 'stored' | 'missing' | 'unreachable';

export interface SecretKnowledge {
  /** What is known of a keychain appliance's password (env credentials are not tracked here). */
  state(id: string): SecretState;
  /** Whether the keychain was asked about this appliance yet. */
  isKnown(id: string): boolean;
  learn(appliance: Appliance): Promise<void>;
  store(id: string, password: string): Promise<void>;
  /** Deletes the stored password; says whether it is gone, or why it may still be there. */
  forget(id: string): Promise<{ readonly forgotten: true } | { readonly forgotten: false; readonly why: string }>;
}

export function createSecretKnowledge(secrets: SecretStore, log: Logger): SecretKnowledge {
  const known = new Map<string, SecretState>();
  return {
    state: (id) => known.get(id) ?? 'missing',
    isKnown: (id) => known.has(id),
    async learn(appliance) {
      if (appliance.credential.kind !== 'keychain') return;
      const state = await secrets.get(appliance.id).then(
        (stored): SecretState => (stored === null ? 'missing' : 'stored'),
        (): SecretState => 'unreachable',
      );
      known.set(appliance.id, state);
    },
    async store(id, password) {
      await secrets.set(id, password);
      known.set(id, 'stored');
    },
    async forget(id) {
      try {
        await secrets.delete(id);
        known.delete(id);
        return { forgotten: true };
      } catch (e) {
        const why = messageOf(e);
        log.warn(`Could not delete a stored password: ${why}`);
        return { forgotten: false, why };
      }
    },
  };
}
