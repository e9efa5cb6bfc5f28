/**
 * The team server's token in the keychain: one entry per configuration folder and server, the
 * shared entry of earlier versions read until the server is added again, and removing a server
 * from one folder leaves another folder's token alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TEAM_SERVER_ACCOUNT } from '../../../src-main/common/settings.js';
import { type ConfigStore } from '../../../src-main/core/config/config-store.js';
import { openConfigFile } from '../../../src-main/core/config/conf-config-file.js';
import { createMemorySecretStore } from '../../../src-main/core/secrets/secret-store.js';
import { readTeamToken, teamServerAccount } from '../../../src-main/core/team-source/team-account.js';
import { removeTeamServer } from '../../../src-main/core/services/team-source-setup.js';

const URL_A = 'https://backwatch.example.test:9847';
const opened: { dir: string; config: ConfigStore }[] = [];
afterEach(() => {
  for (const { dir, config } of opened.splice(0)) {
    config.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

async function folderReading(url: string): Promise<ConfigStore> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bw-team-account-'));
  const config = openConfigFile(dir);
  opened.push({ dir, config });
  await config.update((d) => ({ ...d, teamServer: { url, credential: { kind: 'keychain' } } }));
  return config;
}

describe('the team server token account', () => {
  it('differs per folder and per server', () => {
    expect(teamServerAccount('/a/config.json', URL_A)).not.toBe(teamServerAccount('/b/config.json', URL_A));
    expect(teamServerAccount('/a/config.json', URL_A)).not.toBe(teamServerAccount('/a/config.json', 'https://other.test'));
    expect(teamServerAccount('/a/config.json', URL_A)).toMatch(/^team-server https:\/\/backwatch\.example\.test:9847 [0-9a-f]{16}$/);
  });

  it('reads its own entry first, the shared one of earlier versions otherwise', async () => {
    const secrets = createMemorySecretStore({ [TEAM_SERVER_ACCOUNT]: 'bw_old' });
    expect(await readTeamToken(secrets, '/a/config.json', URL_A)).toBe('bw_old');
    await secrets.set(teamServerAccount('/a/config.json', URL_A), 'bw_own');
    expect(await readTeamToken(secrets, '/a/config.json', URL_A)).toBe('bw_own');
  });

  it('removing the server from one folder keeps the token of another', async () => {
    const [one, two] = [await folderReading(URL_A), await folderReading(URL_A)];
    const secrets = createMemorySecretStore({
      [teamServerAccount(one.path, URL_A)]: 'bw_one',
      [teamServerAccount(two.path, URL_A)]: 'bw_two',
    });
    expect(await removeTeamServer({ config: one, secrets })).toEqual({ tokenKept: null });
    expect(await secrets.get(teamServerAccount(one.path, URL_A))).toBeNull();
    expect(await readTeamToken(secrets, two.path, URL_A)).toBe('bw_two');
  });
});
