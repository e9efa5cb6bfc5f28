/**
 * The keychain account of a team server's token, one per configuration folder and server: two
 * folders (a test profile, another user's `--config-dir`) or a server added after another must
 * not read or overwrite one shared entry.
 */
import { createHash } from 'node:crypto';
import { TEAM_SERVER_ACCOUNT } from '../../common/settings.js';
import type { SecretStore } from '../secrets/secret-store.js';

/** `team-server <url> <hash of the config file's path>`: readable in a keychain viewer, unique per folder. */
export function teamServerAccount(configFile: string, url: string): string {
  const folder = createHash('sha256').update(configFile, 'utf8').digest('hex').slice(0, 16);
  return `${TEAM_SERVER_ACCOUNT} ${url} ${folder}`;
}

/** The token of the server; the one shared entry of earlier versions when there is no own one yet. */
export async function readTeamToken(secrets: SecretStore, configFile: string, url: string): Promise<string | null> {
  return (await secrets.get(teamServerAccount(configFile, url))) ?? (await secrets.get(TEAM_SERVER_ACCOUNT));
}
