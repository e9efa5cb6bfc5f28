/**
 * Pointing this computer at a team server, and away from it: the certificate is pinned only as
 * accepted and read again at saving, the server must answer the token before anything is saved,
 * and the token goes to the keychain (or stays in the environment variable it came from).
 */
import type { CertificateProbe } from '../../common/ipc-contract.js';
import type { IpcHandlers } from '../../common/ipc-channels.js';
import { TEAM_SERVER_ACCOUNT, type TeamServerSource } from '../../common/settings.js';
import type { ConfigStore } from '../config/config-store.js';
import type { Logger } from '../logger.js';
import { NO_KEYCHAIN_MESSAGE, type SecretStore } from '../secrets/secret-store.js';
import { pinFor } from './certificate-pinning.js';
import { teamServerAccount } from '../team-source/team-account.js';
import { createTeamClient } from '../team-source/team-client.js';

export interface TeamSourceSetupDeps {
  readonly config: ConfigStore;
  readonly secrets: SecretStore;
  readonly log: Logger;
  probeCertificate(baseUrl: string): Promise<CertificateProbe>;
}

export interface TeamServerRequest {
  readonly url: string;
  readonly token: string;
  /** The fingerprint the admin accepted; absent when the system's CAs vouch for the server. */
  readonly trustedFingerprint?: string;
  /** Where the token came from: kept as the credential when there is no keychain. */
  readonly tokenEnv?: string;
}

/** What the server holds, in a few words ("2 appliances, 14 jobs"). */
async function readServer(source: TeamServerSource, token: string, log: Logger): Promise<string> {
  const client = createTeamClient({ source, token: async () => token, log });
  try {
    const status = await client.status();
    const jobs = status.appliances.reduce((sum, a) => sum + a.jobs.length + a.jobsOmitted, 0);
    const count = status.appliances.length;
    return `${count} appliance${count === 1 ? '' : 's'}, ${jobs} job${jobs === 1 ? '' : 's'}`;
  } finally {
    await client.close();
  }
}

/** Saves the server as this computer's source once it answered; throws a sentence for the admin. */
export async function addTeamServer(deps: TeamSourceSetupDeps, request: TeamServerRequest): Promise<string> {
  const { url, token } = request;
  const certificate = request.trustedFingerprint ? await pinFor(deps, url, request.trustedFingerprint) : undefined;
  const keychain = await deps.secrets.availability();
  if (!keychain.available && request.tokenEnv === undefined) throw new Error(NO_KEYCHAIN_MESSAGE.replace('--password-env', '--token-env'));
  const credential: TeamServerSource['credential'] = keychain.available
    ? { kind: 'keychain' }
    : { kind: 'env', variable: request.tokenEnv! };
  const source: TeamServerSource = { url, credential, ...(certificate ? { certificate } : {}) };
  const found = await readServer(source, token, deps.log);
  if (keychain.available) await deps.secrets.set(teamServerAccount(deps.config.path, url), token);
  await deps.config.update((data) => ({ ...data, teamServer: source }));
  return found;
}

/** Forgets the server and its token; says when the keychain kept the token. */
export async function removeTeamServer(deps: Pick<TeamSourceSetupDeps, 'config' | 'secrets'>): Promise<{ tokenKept: string | null }> {
  const url = deps.config.read().teamServer?.url;
  await deps.config.update((data) => ({ ...data, teamServer: null }));
  try {
    const own = url === undefined ? null : teamServerAccount(deps.config.path, url);
    // The shared entry of earlier versions goes only with the folder that still used it.
    await deps.secrets.delete(own !== null && (await deps.secrets.get(own)) !== null ? own : TEAM_SERVER_ACCOUNT);
    return { tokenKept: null };
  } catch (error) {
    return { tokenKept: (error as Error).message };
  }
}

/** The window's two channels for the source, answering with `MutationResult`s. */
export function teamSourceHandlers(deps: TeamSourceSetupDeps): Pick<IpcHandlers, 'source:add-server' | 'source:remove-server'> {
  const guarded = async <T>(fn: () => Promise<T>) => {
    try {
      return { ok: true as const, value: await fn() };
    } catch (error) {
      return { ok: false as const, message: (error as Error).message };
    }
  };
  return {
    'source:add-server': ({ url, token, trustedFingerprint }) =>
      guarded(
        async () =>
          `This desktop now reads ${url} (${await addTeamServer(deps, { url, token, ...(trustedFingerprint ? { trustedFingerprint } : {}) })}).`,
      ),
    'source:remove-server': () =>
      guarded(async () => {
        const { tokenKept } = await removeTeamServer(deps);
        if (tokenKept) deps.log.warn(`The team server's token may still be in the OS keychain: ${tokenKept}`);
      }),
  };
}
