/**
 * Where appliance passwords live: the OS keychain through keytar (service `Backwatch`, account =
 * appliance id), behind a small port so the services and the CLI can be tested with a memory store.
 * Nothing here ever writes a password to disk in plaintext, logs it or puts it in an error message.
 */
import { randomBytes } from 'node:crypto';
import type { Appliance } from '../../common/model.js';

/** The password store port. Accounts are appliance ids. */
export interface SecretStore {
  /** The stored secret, or null when there is none. Throws when the keychain cannot be reached. */
  get(account: string): Promise<string | null>;
  /** Stores (or replaces) a secret. Throws a clear Error when no keychain is available. */
  set(account: string, secret: string): Promise<void>;
  /** Removes a secret; removing a missing one is not an error. Throws when the keychain cannot be reached. */
  delete(account: string): Promise<void>;
  /** Whether secrets can be stored here, with a sentence for the admin. */
  availability(): Promise<KeychainAvailability>;
}

export interface KeychainAvailability {
  readonly available: boolean;
  readonly message: string;
  /** The keychain is there but locked: unlocking it is the fix, not another password source. */
  readonly locked?: true;
}

export const NO_KEYCHAIN_MESSAGE =
  'No OS keychain (Secret Service) is available: use --password-env VAR to read the password from an environment variable.';

export const KEYCHAIN_LOCKED_MESSAGE = 'The OS keychain is locked — unlock it; Backwatch tries it again within a minute.';

/** A password this computer cannot give (a variable not set, a keychain out of reach): no fault of the appliance's. */
export class LocalCredentialError extends Error {}

/** The keychain is there but locked (its unlock prompt dismissed, or none could be shown). */
export class KeychainLockedError extends LocalCredentialError {}

/**
 * What keychains say when they are locked: gnome-keyring through libsecret ("Cannot create an
 * item in a locked collection"), and macOS when it may not ask for the password or was refused it
 * (errSecInteractionNotAllowed, errSecUserCanceled).
 */
const LOCKED_WORDS = /locked collection|is locked|user interaction is not allowed|user canceled the operation/i;

/** A locked keychain is probed again after this long (each probe may raise its unlock prompt). */
const LOCKED_RECHECK_MS = 60_000;

/** The part of keytar we use (it is a CommonJS module; `default` holds it under ESM). */
interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/** A Secret Service without a display may wait for a prompt that never comes: do not hang on it. */
const PROBE_TIMEOUT_MS = 5000;
const PROBE_ACCOUNT = '__backwatch_availability_probe__';

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms / 1000} s`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function loadKeytar(): Promise<Keytar> {
  const mod = (await import('keytar')) as unknown as Keytar & { default?: Keytar };
  return mod.default ?? mod;
}

/**
 * Checks by writing and deleting a throw-away entry: a locked or missing login keyring still
 * answers reads (with null) but fails writes, so a read-only probe would claim too much.
 */
async function probe(keytar: Keytar, service: string): Promise<KeychainAvailability> {
  const token = randomBytes(8).toString('hex');
  await withTimeout(keytar.setPassword(service, PROBE_ACCOUNT, token), PROBE_TIMEOUT_MS, 'The OS keychain');
  await keytar.deletePassword(service, PROBE_ACCOUNT);
  return { available: true, message: 'Passwords are stored in the OS keychain.' };
}

/** What the probe's failure means: a locked keychain, or none this process can use. */
function unavailable(error: unknown): KeychainAvailability {
  const said = reason(error);
  if (LOCKED_WORDS.test(said)) return { available: false, message: KEYCHAIN_LOCKED_MESSAGE, locked: true };
  return { available: false, message: `${NO_KEYCHAIN_MESSAGE} (${said})` };
}

interface Checked {
  readonly keytar: Keytar | null;
  readonly availability: KeychainAvailability;
  readonly at: number;
}

/**
 * The keytar-backed store. keytar is loaded on first use, so a machine without its native module
 * or without a Secret Service still runs (with `availability()` saying why it cannot store). A
 * locked keychain is probed again now and then, so unlocking it is all the admin has to do.
 */
export function createKeytarSecretStore(service = 'Backwatch', now: () => number = Date.now): SecretStore {
  let checked: Promise<Checked> | undefined;
  const probed = (): Promise<Checked> =>
    loadKeytar().then(
      (keytar) =>
        probe(keytar, service).then(
          (availability) => ({ keytar, availability, at: now() }),
          (e: unknown) => ({ keytar: null, availability: unavailable(e), at: now() }),
        ),
      (e: unknown) => ({
        keytar: null,
        availability: { available: false, message: `${NO_KEYCHAIN_MESSAGE} (keytar: ${reason(e)})` },
        at: now(),
      }),
    );
  const check = async (): Promise<Checked> => {
    const last = await (checked ??= probed());
    if (last.availability.locked && now() - last.at >= LOCKED_RECHECK_MS) checked = probed();
    return checked;
  };
  const usable = async (): Promise<Keytar> => {
    const { keytar, availability } = await check();
    if (!keytar) throw availability.locked ? new KeychainLockedError(availability.message) : new Error(availability.message);
    return keytar;
  };
  return {
    async get(account) {
      const found = await (await usable()).getPassword(service, account);
      // A keychain locked since the last probe answers reads with nothing: ask it again (once a
      // while) before saying there is none.
      if (found === null && now() - (await check()).at >= LOCKED_RECHECK_MS) {
        checked = probed();
        await usable();
      }
      return found;
    },
    async set(account, secret) {
      const keytar = await usable();
      try {
        await keytar.setPassword(service, account, secret);
      } catch (e) {
        // keytar's messages name the keyring, never the secret; still, do not pass the object on.
        throw new Error(`Could not store the password in the OS keychain: ${reason(e)}`);
      }
    },
    async delete(account) {
      // An unreachable keychain may still hold the password (stored while it was reachable): say so.
      await (await usable()).deletePassword(service, account);
    },
    async availability() {
      return (await check()).availability;
    },
  };
}

/** An in-memory store for tests and for the demo fleet. */
export function createMemorySecretStore(initial: Readonly<Record<string, string>> = {}): SecretStore {
  const secrets = new Map(Object.entries(initial));
  return {
    get: async (account) => secrets.get(account) ?? null,
    set: async (account, secret) => void secrets.set(account, secret),
    delete: async (account) => void secrets.delete(account),
    availability: async () => ({ available: true, message: 'Passwords are kept in memory for this run only.' }),
  };
}

/**
 * The password of an appliance at call time: from the keychain (account = appliance id) or from
 * the environment variable it names. Errors name the appliance and the source, never a secret.
 */
export async function resolvePassword(appliance: Appliance, secrets: SecretStore, env: NodeJS.ProcessEnv): Promise<string> {
  const { credential } = appliance;
  if (credential.kind === 'env') {
    const value = env[credential.variable];
    if (value === undefined || value === '') {
      throw new LocalCredentialError(
        `${credential.variable} is not set on this computer (the password of "${appliance.name}" is read from it).`,
      );
    }
    return value;
  }
  const stored = await secrets.get(appliance.id).catch((e: unknown) => {
    if (e instanceof KeychainLockedError) throw new KeychainLockedError(`${e.message} It holds the password of "${appliance.name}".`);
    throw new LocalCredentialError(`No password for appliance "${appliance.name}": ${reason(e)}`);
  });
  if (stored === null) throw new Error(`No password is stored in the keychain for appliance "${appliance.name}".`);
  return stored;
}
