/** The services: appliances: adding, editing, removing, trusting certificates and testing connections, and a configuration another process saves. */
import { on } from '../../../src-main/common/event.js';
import { describe, expect, it } from 'vitest';
import type { Appliance } from '../../../src-main/common/model.js';
import type { StatusSnapshot } from '../../../src-main/common/snapshot.js';
import { openConfigFile } from '../../../src-main/core/config/conf-config-file.js';
import { createMemorySecretStore } from '../../../src-main/core/secrets/secret-store.js';
import type { SecretStore } from '../../../src-main/core/secrets/secret-store.js';
import { makeJob } from '../common/factories.js';
import { withTimeout } from '../../support/with-timeout.js';
import {
  FP_A,
  FP_B,
  PASSWORD,
  addOk,
  answerProbe,
  config,
  dir,
  draft,
  expectNoSecret,
  h,
  monitor,
  presented,
  probeAnswer,
  secrets,
  services,
  start,
  tests,
  useSecrets,
  useServicesRig,
} from './services-rig.js';

useServicesRig();

describe('appliances', () => {
  it('add stores the password in the keychain only, and tells the monitor', async () => {
    const view = await addOk();
    expect(await secrets.get(view.id)).toBe(PASSWORD);
    expect(view).toMatchObject({ name: 'SPP prod', hasSecret: true, credential: { kind: 'keychain' }, certificateFingerprint: null });
    expect(config.read().appliances.map((a) => a.id)).toEqual([view.id]);
    expect(monitor.setCalls.at(-1)?.map((a) => a.id)).toEqual([view.id]);
    expectNoSecret(view, config.read(), await h()['appliances:list'](), await h()['status:snapshot']());
  });

  it('add refuses a duplicate name, and a keychain appliance without password', async () => {
    await addOk();
    const twin = await h()['appliances:add'](draft({ name: 'spp PROD' }));
    expect(twin).toEqual({ ok: false, message: 'An appliance named "spp PROD" already exists.' });
    const noPassword = await h()['appliances:add'](draft({ name: 'Other', password: undefined }));
    expect(noPassword.ok).toBe(false);
    expect(config.read().appliances).toHaveLength(1);
  });

  it('an env credential stores only the variable name, and refuses a password beside it', async () => {
    const view = await addOk(draft({ password: undefined, credential: { kind: 'env', variable: 'SPP_PW' } }));
    expect(view.hasSecret).toBe(true);
    expect(await secrets.get(view.id)).toBeNull();
    const both = await h()['appliances:add'](draft({ name: 'B', credential: { kind: 'env', variable: 'SPP_PW' } }));
    expect(both.ok).toBe(false);
    expectNoSecret(view, both);
  });

  it('update keeps the stored password when none is given, replaces it when one is', async () => {
    const { id } = await addOk();
    const renamed = await h()['appliances:update']({ id, draft: draft({ name: 'SPP main', password: undefined }) });
    expect(renamed).toMatchObject({ ok: true, value: { name: 'SPP main', hasSecret: true } });
    expect(await secrets.get(id)).toBe(PASSWORD);
    await h()['appliances:update']({ id, draft: draft({ password: 'new-one' }) });
    expect(await secrets.get(id)).toBe('new-one');
    expectNoSecret(renamed);
  });

  it('update to an env credential deletes the keychain entry', async () => {
    const { id } = await addOk();
    const result = await h()['appliances:update']({
      id,
      draft: draft({ password: undefined, credential: { kind: 'env', variable: 'SPP_PW' } }),
    });
    expect(result.ok).toBe(true);
    expect(await secrets.get(id)).toBeNull();
  });

  it('remove deletes the secret and the job flags of that appliance', async () => {
    const { id } = await addOk();
    const other = await addOk(draft({ name: 'Other' }));
    for (const a of config.read().appliances) monitor.poll(a, [], [makeJob({ applianceId: a.id, id: 'j1' })]);
    await h()['notifications:mute']({ applianceId: id, jobId: 'j1', on: true });
    await h()['notifications:mute']({ applianceId: other.id, jobId: 'j1', on: true });
    expect(await h()['appliances:remove'](id)).toEqual({ ok: true, value: { password: 'deleted' } });
    expect(await secrets.get(id)).toBeNull();
    expect(await secrets.get(other.id)).toBe(PASSWORD);
    expect(Object.keys(config.read().settings.mutedJobs)).toEqual([`${other.id}/j1`]);
    expect(monitor.setCalls.at(-1)?.map((a) => a.id)).toEqual([other.id]);
    expect((await h()['appliances:remove'](id)).ok).toBe(false);
  });

  it('a failing keychain comes back as a message without the password, and nothing is saved', async () => {
    const leaky: SecretStore = {
      ...createMemorySecretStore(),
      set: async (_a, s) => Promise.reject(new Error(`keyring locked while storing ${s}`)),
    };
    services.dispose();
    useSecrets(leaky);
    start();
    const result = await h()['appliances:add'](draft());
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/keyring locked while storing ••••/);
    expect(config.read().appliances).toEqual([]);
    expectNoSecret(result);
  });

  it('remove says so when the keychain cannot be reached and the password may still be stored', async () => {
    const { id } = await addOk();
    const unreachable: SecretStore = { ...secrets, delete: async () => Promise.reject(new Error('The OS keychain did not answer')) };
    services.dispose();
    useSecrets(unreachable);
    start();
    const removed = await h()['appliances:remove'](id);
    expect(removed).toEqual({ ok: true, value: { password: 'kept', why: 'The OS keychain did not answer' } });
    expect(config.read().appliances).toEqual([]);
  });

  it('refuses an invalid draft from any caller with one line, and stores nothing', async () => {
    const badVersion = await h()['appliances:add'](draft({ vendor: 'vb365', options: { apiVersion: '8' } }));
    expect(badVersion).toEqual({ ok: false, message: 'API version looks like v8.' });
    const notItsOption = await h()['appliances:add'](draft({ options: { apiVersion: 'v8' } }));
    expect(notItsOption).toEqual({ ok: false, message: 'IBM Spectrum Protect Plus takes no apiVersion option.' });
    const longName = await h()['appliances:update']({ id: 'x', draft: draft({ name: 'n'.repeat(101) }) });
    expect(longName).toEqual({ ok: false, message: 'The name is too long (at most 100 characters).' });
    const tested = await h()['appliances:test']({ draft: draft({ baseUrl: 'https://admin:hunter2@[::1' }) });
    expect(tested).toEqual({ ok: false, reason: 'refused', message: 'The address is not a URL: give it as https://host[:port].' });
    const badId = await h()['appliances:update']({ id: '../x', draft: draft() });
    expect(badId).toEqual({ ok: false, message: 'Invalid value: id: not a valid appliance id.' });
    // A caller that sends the wrong shape is told where, in the services' own terms.
    const wrongShape = await h()['appliances:add']({ ...draft(), name: 42 } as never);
    expect(wrongShape).toMatchObject({ ok: false, message: expect.stringMatching(/^Invalid value: name: /) as unknown });
    expect(JSON.stringify(tested)).not.toContain('hunter2');
    expect(config.read().appliances).toEqual([]);
    expect(await secrets.get('anything')).toBeNull();
  });

  it('names that differ only in Unicode form or case are the same name', async () => {
    await addOk(draft({ name: 'Caf\u00e9' }));
    const twin = await h()['appliances:add'](draft({ name: 'CAFE\u0301' }));
    expect(twin.ok).toBe(false);
  });

  it('a duplicate name is refused by the connection test, before any certificate step', async () => {
    await addOk();
    const tested = await h()['appliances:test']({ draft: draft({ name: 'spp prod', trustedFingerprint: FP_B }) });
    expect(tested).toEqual({ ok: false, reason: 'refused', message: 'An appliance named "spp prod" already exists.' });
  });

  it('hasSecret is learned from the store at start', async () => {
    const { id } = await addOk();
    services.dispose();
    start();
    expect((await h()['appliances:list']())[0]).toMatchObject({ id, hasSecret: true });
    await secrets.delete(id);
    services.dispose();
    start();
    expect((await h()['appliances:list']())[0]).toMatchObject({ id, hasSecret: false });
  });
});

describe('a configuration another process saves', () => {
  it('is watched and shown at once, and the next save here keeps it', async () => {
    const shown = new Promise<StatusSnapshot>((resolve) =>
      on(services.events, 'status:changed', (snapshot) => {
        if (snapshot.appliances.some((a) => a.name === 'CLI SPP')) resolve(snapshot);
      }),
    );
    const cli = openConfigFile(dir);
    const fromCli: Appliance = {
      id: 'cli-1',
      name: 'CLI SPP',
      vendor: 'spp',
      baseUrl: 'https://cli.example.test',
      username: 'admin',
      credential: { kind: 'keychain' },
      options: {},
      enabled: true,
    };
    await secrets.set('cli-1', PASSWORD);
    await cli.update((d) => ({ ...d, appliances: [...d.appliances, fromCli] }));
    cli.close();

    const snapshot = await withTimeout(shown, 2_000, 'the appliance saved by the CLI');
    // Its password, stored in the keychain by the CLI, is known too.
    expect(snapshot.appliances.find((a) => a.name === 'CLI SPP')?.hasSecret).toBe(true);
    expect(monitor.setCalls.at(-1)?.map((a) => a.id)).toEqual(['cli-1']);
    await addOk();
    expect(
      openConfigFile(dir)
        .read()
        .appliances.map((a) => a.name),
    ).toEqual(['CLI SPP', 'SPP prod']);
  });
});

describe('certificate trust', () => {
  it('pins the certificate the admin accepted, with the PEM read again from the appliance', async () => {
    const view = await addOk(draft({ trustedFingerprint: FP_A }));
    expect(view.certificateFingerprint).toBe(FP_A);
    expect(config.read().appliances[0]?.certificate).toEqual({ fingerprint256: FP_A, pem: presented(FP_A).pem });
  });

  it('refuses when the certificate presented now differs from the accepted one, and saves nothing', async () => {
    answerProbe({ ...probeAnswer, certificate: presented(FP_B) });
    const result = await h()['appliances:add'](draft({ trustedFingerprint: FP_A }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain('not the one you accepted');
    expect(config.read().appliances).toEqual([]);
    expect(monitor.setCalls).toEqual([]);
  });

  it('trust-certificate replaces the pin only when the fingerprint matches', async () => {
    const { id } = await addOk(draft({ trustedFingerprint: FP_A }));
    answerProbe({ ...probeAnswer, certificate: presented(FP_B) });
    expect((await h()['appliances:trust-certificate']({ id, fingerprint256: FP_A })).ok).toBe(false);
    expect(config.read().appliances[0]?.certificate?.fingerprint256).toBe(FP_A);
    const ok = await h()['appliances:trust-certificate']({ id, fingerprint256: FP_B.replace(/:/g, '').toLowerCase() });
    expect(ok).toEqual({ ok: true, value: undefined });
    expect(config.read().appliances[0]?.certificate?.fingerprint256).toBe(FP_B);
  });

  it('update with a changed fingerprint checks it; the same one keeps the pin without probing', async () => {
    const { id } = await addOk(draft({ trustedFingerprint: FP_A }));
    answerProbe({ certificate: null, trustedBySystem: false, message: 'unreachable' });
    expect((await h()['appliances:update']({ id, draft: draft({ trustedFingerprint: FP_A, password: undefined }) })).ok).toBe(true);
    expect((await h()['appliances:update']({ id, draft: draft({ trustedFingerprint: FP_B, password: undefined }) })).ok).toBe(false);
    expect(config.read().appliances[0]?.certificate?.fingerprint256).toBe(FP_A);
  });
});

describe('appliances:test', () => {
  it('a draft uses the typed password; a saved one (or a draft of it) the stored one', async () => {
    expect(await h()['appliances:test']({ draft: draft() })).toMatchObject({ ok: true, jobs: 3 });
    const { id } = await addOk();
    expect(await h()['appliances:test']({ id })).toMatchObject({ ok: true });
    expect(await h()['appliances:test']({ id, draft: draft({ password: undefined, baseUrl: 'https://spp2.example.test' }) })).toMatchObject(
      { ok: true },
    );
    expect(tests.map((t) => t.password)).toEqual([PASSWORD, PASSWORD, PASSWORD]);
    expect(tests[2]?.appliance).toMatchObject({ id, baseUrl: 'https://spp2.example.test' });
  });

  it('never returns the password, even when the connection echoes it', async () => {
    const result = await h()['appliances:test']({ draft: draft({ password: `${PASSWORD}x` }) });
    expect(result).toMatchObject({ ok: false, reason: 'auth_failed' });
    expect(JSON.stringify(result)).not.toContain(PASSWORD);
  });

  it('a saved appliance without a password says so as auth_failed', async () => {
    const { id } = await addOk();
    await secrets.delete(id);
    const result = await h()['appliances:test']({ id });
    expect(result).toEqual({
      ok: false,
      reason: 'auth_failed',
      message: 'No password is stored in the keychain for appliance "SPP prod".',
    });
    expect(tests).toEqual([]);
  });

  it('a draft whose certificate changed since it was accepted reports both fingerprints', async () => {
    answerProbe({ ...probeAnswer, certificate: presented(FP_B) });
    const result = await h()['appliances:test']({ draft: draft({ trustedFingerprint: FP_A }) });
    expect(result).toMatchObject({
      ok: false,
      reason: 'untrusted_certificate',
      previousFingerprint: FP_A,
      certificate: { fingerprint256: FP_B },
    });
  });
});
