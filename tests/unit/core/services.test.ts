/**
 * The services are real (with a real config file in a temp folder and the memory secret store);
 * only the monitor is a small fake, because the poller is not what is under test here.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApplianceDraft, CertificateProbe, ConnectionTestResult } from '../../../src-main/common/ipc-contract.js';
import type { Appliance, PresentedCertificate, Session } from '../../../src-main/common/model.js';
import type { StatusSnapshot } from '../../../src-main/common/snapshot.js';
import { openConfigFile } from '../../../src-main/core/config/config-store.js';
import { demoRunsElsewhere, holdDemoLock } from '../../../src-main/core/config/demo-lock.js';
import type { ConfigStore } from '../../../src-main/core/config/config-store.js';
import type { Connector } from '../../../src-main/core/connectors/connector.js';
import { silentLogger } from '../../../src-main/core/logger.js';
import { createMemorySecretStore } from '../../../src-main/core/secrets/secret-store.js';
import type { SecretStore } from '../../../src-main/core/secrets/secret-store.js';
import { createServices } from '../../../src-main/core/services/services.js';
import type { IpcEventPayload, ServiceDeps, Services } from '../../../src-main/core/services/services.js';
import { createFakeTime, type FakeTime } from '../../support/fake-time.js';
import { HOUR, MINUTE, T0, at, makeJob, makeRunning, makeSession } from '../common/factories.js';
import { FakeMonitor } from './fake-monitor.js';
import { withTimeout } from '../../support/with-timeout.js';
import { testAppInfo } from '../../support/throwaway-core.js';

const PASSWORD = 'Tr0ub4dor&3-very-secret';
const FP_A = Array.from({ length: 32 }, () => 'AA').join(':');
const FP_B = Array.from({ length: 32 }, () => 'BB').join(':');

const presented = (fingerprint256: string): PresentedCertificate => ({
  fingerprint256,
  pem: `-----BEGIN CERTIFICATE-----\n${fingerprint256.slice(0, 8)}\n-----END CERTIFICATE-----\n`,
  subject: 'CN=spp',
  issuer: 'CN=spp',
  validFrom: at(-HOUR),
  validTo: at(365 * 24 * HOUR),
});

let dir: string;
let config: ConfigStore;
let secrets: SecretStore;
let monitor: FakeMonitor;
let probeAnswer: CertificateProbe;
let tests: { appliance: Appliance; password: string | null }[];
let services: Services;
let time: FakeTime;

function start(overrides: Partial<ServiceDeps> = {}): Services {
  services = createServices({
    config,
    secrets,
    monitor,
    probeCertificate: async () => probeAnswer,
    testConnection: async (appliance, password): Promise<ConnectionTestResult> => {
      tests.push({ appliance, password });
      return password === PASSWORD
        ? { ok: true, message: 'Logged in.', jobs: 3, sessions: 7 }
        : { ok: false, reason: 'auth_failed', message: `Login refused for password "${password}"` };
    },
    info: testAppInfo,
    openExternal: async () => {},
    now: time.now,
    scheduler: time.scheduler,
    log: silentLogger,
    env: { SPP_PW: PASSWORD },
    ...overrides,
  });
  return services;
}

const h = () => services.handlers;
const draft = (overrides: Partial<ApplianceDraft> = {}): ApplianceDraft => ({
  name: 'SPP prod',
  vendor: 'spp',
  baseUrl: 'https://spp.example.test',
  username: 'admin',
  password: PASSWORD,
  ...overrides,
});

async function addOk(d: ApplianceDraft = draft()) {
  const result = await h()['appliances:add'](d);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

/** Nothing the services wrote or returned may contain the password. */
function expectNoSecret(...values: unknown[]) {
  for (const value of values) expect(JSON.stringify(value) ?? '').not.toContain(PASSWORD);
  if (existsSync(config.path)) expect(readFileSync(config.path, 'utf8')).not.toContain(PASSWORD);
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'bw-services-'));
  config = openConfigFile(dir);
  secrets = createMemorySecretStore();
  monitor = new FakeMonitor();
  probeAnswer = { certificate: presented(FP_A), trustedBySystem: false, message: 'Self-signed certificate.' };
  tests = [];
  time = createFakeTime(T0);
  start();
});
afterEach(() => {
  services.dispose();
  config.close();
  rmSync(dir, { recursive: true, force: true });
});

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
    secrets = leaky;
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
    secrets = unreachable;
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
      services.events.subscribe((event, payload) => {
        const snapshot = payload as StatusSnapshot;
        if (event === 'status:changed' && snapshot.appliances.some((a) => a.name === 'CLI SPP')) resolve(snapshot);
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
    probeAnswer = { ...probeAnswer, certificate: presented(FP_B) };
    const result = await h()['appliances:add'](draft({ trustedFingerprint: FP_A }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain('not the one you accepted');
    expect(config.read().appliances).toEqual([]);
    expect(monitor.setCalls).toEqual([]);
  });

  it('trust-certificate replaces the pin only when the fingerprint matches', async () => {
    const { id } = await addOk(draft({ trustedFingerprint: FP_A }));
    probeAnswer = { ...probeAnswer, certificate: presented(FP_B) };
    expect((await h()['appliances:trust-certificate']({ id, fingerprint256: FP_A })).ok).toBe(false);
    expect(config.read().appliances[0]?.certificate?.fingerprint256).toBe(FP_A);
    const ok = await h()['appliances:trust-certificate']({ id, fingerprint256: FP_B.replace(/:/g, '').toLowerCase() });
    expect(ok).toEqual({ ok: true, value: undefined });
    expect(config.read().appliances[0]?.certificate?.fingerprint256).toBe(FP_B);
  });

  it('update with a changed fingerprint checks it; the same one keeps the pin without probing', async () => {
    const { id } = await addOk(draft({ trustedFingerprint: FP_A }));
    probeAnswer = { certificate: null, trustedBySystem: false, message: 'unreachable' };
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
    probeAnswer = { ...probeAnswer, certificate: presented(FP_B) };
    const result = await h()['appliances:test']({ draft: draft({ trustedFingerprint: FP_A }) });
    expect(result).toMatchObject({
      ok: false,
      reason: 'untrusted_certificate',
      previousFingerprint: FP_A,
      certificate: { fingerprint256: FP_B },
    });
  });
});

describe('sessions', () => {
  let appliance: Appliance;
  let other: Appliance;
  const s = {
    old: makeSession({ id: 'old', start: at(-48 * HOUR), end: at(-47 * HOUR) }),
    failed: makeSession({
      id: 'failed',
      status: 'failed',
      vendorStatus: 'FAILED',
      start: at(-3 * HOUR),
      end: at(-2 * HOUR),
      message: 'Snapshot quota exceeded',
    }),
    running: makeRunning(-10 * MINUTE, { id: 'running', jobId: 'j2', jobName: 'SQL logs' }),
    noStart: makeSession({ id: 'nostart', start: null, end: null }),
  };

  beforeEach(async () => {
    const saved = (id: string) => config.read().appliances.find((a) => a.id === id)!;
    appliance = saved((await addOk()).id);
    other = saved((await addOk(draft({ name: 'Veeam M365', vendor: 'vb365' }))).id);
    const mine = (x: Session) => ({ ...x, applianceId: appliance.id });
    monitor.poll(appliance, [mine(s.old), mine(s.failed), mine(s.running), mine(s.noStart)]);
    monitor.poll(other, [
      makeSession({ id: 'vb-1', applianceId: other.id, vendor: 'vb365', start: at(-HOUR), end: at(-30 * MINUTE), vendorStatus: 'Success' }),
    ]);
  });

  const ids = (list: readonly Session[]) => list.map((x) => x.id);

  it('lists newest first across appliances, sessions without a start last', async () => {
    expect(ids(await h()['sessions:list']({}))).toEqual(['running', 'vb-1', 'failed', 'old', 'nostart']);
  });

  it('filters by appliance, status, job, since and limit', async () => {
    expect(ids(await h()['sessions:list']({ applianceId: other.id }))).toEqual(['vb-1']);
    expect(ids(await h()['sessions:list']({ statuses: ['failed', 'running'] }))).toEqual(['running', 'failed']);
    expect(ids(await h()['sessions:list']({ jobId: 'j2' }))).toEqual(['running']);
    expect(ids(await h()['sessions:list']({ since: at(-4 * HOUR) }))).toEqual(['running', 'vb-1', 'failed']);
    expect(ids(await h()['sessions:list']({ limit: 2 }))).toEqual(['running', 'vb-1']);
  });

  it('free text searches job name, message, appliance name and vendor status', async () => {
    expect(ids(await h()['sessions:list']({ text: 'sql' }))).toEqual(['running']);
    expect(ids(await h()['sessions:list']({ text: 'QUOTA' }))).toEqual(['failed']);
    expect(ids(await h()['sessions:list']({ text: 'veeam' }))).toEqual(['vb-1']);
    expect(ids(await h()['sessions:list']({ text: 'success' }))).toEqual(['vb-1']);
  });

  it('get adds resource progress from the connector; log errors come back as values', async () => {
    monitor.connectors.set(appliance.id, {
      resourceProgress: async (id: string) => [
        {
          resourceName: `vm-of-${id}`,
          type: 'vm',
          status: 'running',
          vendorStatus: 'running',
          percent: 40,
          transferredText: null,
          throughputBytesPS: null,
          elapsedSec: 5,
        },
      ],
      jobLog: async () => Promise.reject(new Error('HTTP 500 from /api/endeavour/log/job')),
    } as unknown as Connector);
    const detail = await h()['sessions:get']({ applianceId: appliance.id, sessionId: 'running' });
    expect(detail?.resources?.[0]?.resourceName).toBe('vm-of-running');
    expect(detail?.applianceUrl).toBe('https://spp.example.test');
    expect(await h()['sessions:get']({ applianceId: appliance.id, sessionId: 'nope' })).toBeNull();
    expect(await h()['sessions:log']({ applianceId: appliance.id, sessionId: 'failed', page: 0 })).toEqual({
      ok: false,
      message: 'The log could not be read: HTTP 500 from /api/endeavour/log/job',
    });
    expect((await h()['sessions:log']({ applianceId: other.id, sessionId: 'vb-1', page: 0 })).ok).toBe(false);
  });

  it('acknowledge covers the latest failed session of the job and its RPO breach; mute and unmute write settings', async () => {
    const newer = { ...s.failed, id: 'failed-2', applianceId: appliance.id, start: at(-90 * MINUTE), end: at(-80 * MINUTE) };
    monitor.poll(appliance, [...monitor.fleet().appliances.find((a) => a.appliance.id === appliance.id)!.sessions, newer]);
    await h()['notifications:acknowledge']({ applianceId: appliance.id, jobId: 'j1', on: true });
    // j1's last success ("old") is older than the RPO: the breach is acknowledged with the failure.
    expect(config.read().settings.acknowledged).toEqual({
      [`${appliance.id}/j1`]: { sessionId: 'failed-2', rpoBreach: 'old', until: null },
    });
    await h()['notifications:acknowledge']({ applianceId: appliance.id, jobId: 'j2', on: true });
    expect(Object.keys(config.read().settings.acknowledged)).toEqual([`${appliance.id}/j1`]);
    await h()['notifications:acknowledge']({ applianceId: appliance.id, jobId: 'j1', on: false });
    expect(config.read().settings.acknowledged).toEqual({});

    await h()['notifications:mute']({ applianceId: appliance.id, jobId: 'j2', on: true, until: at(HOUR) });
    expect(config.read().settings.mutedJobs).toEqual({ [`${appliance.id}/j2`]: { until: at(HOUR) } });
    await h()['notifications:mute']({ applianceId: appliance.id, jobId: 'j2', on: false });
    expect(config.read().settings.mutedJobs).toEqual({});
  });

  it('jobs:list gives every job with its appliance and protection, filtered by appliance and state', async () => {
    const jobs = await h()['jobs:list']({});
    const j1 = jobs.find((j) => j.applianceId === appliance.id && j.jobId === 'j1');
    // j1 last succeeded 47 h ago: past the default RPO of 26 h.
    expect(j1).toMatchObject({ applianceName: 'SPP prod', vendor: 'spp', protection: 'at_risk', lastOutcome: 'failed', rpoSec: 26 * 3600 });
    expect((await h()['jobs:list']({ applianceId: other.id })).map((j) => j.applianceName)).toEqual(['Veeam M365']);
    const atRisk = await h()['jobs:list']({ protection: ['at_risk'] });
    expect(atRisk.length).toBeGreaterThan(0);
    expect(atRisk.every((j) => j.protection === 'at_risk')).toBe(true);
  });

  it('jobs:set-rpo overrides one job, switches it off, and goes back to the default; remove forgets it', async () => {
    const j1 = async () => (await h()['jobs:list']({ applianceId: appliance.id })).find((j) => j.jobId === 'j1');
    expect(await h()['jobs:set-rpo']({ applianceId: appliance.id, jobId: 'j1', rpoSec: 72 * 3600 })).toEqual({
      ok: true,
      value: undefined,
    });
    expect(await j1()).toMatchObject({ protection: 'protected', rpoSec: 72 * 3600 });
    await h()['jobs:set-rpo']({ applianceId: appliance.id, jobId: 'j1', rpoSec: null });
    expect(await j1()).toMatchObject({ protection: 'protected', rpoSec: null });
    await h()['jobs:set-rpo']({ applianceId: appliance.id, jobId: 'j1', rpoSec: 'default' });
    expect(await j1()).toMatchObject({ protection: 'at_risk', rpoSec: 26 * 3600 });
    expect(config.read().settings.jobRpo).toEqual({});

    await h()['jobs:set-rpo']({ applianceId: appliance.id, jobId: 'j1', rpoSec: 3600 });
    await h()['appliances:remove'](appliance.id);
    expect(config.read().settings.jobRpo).toEqual({});
    expect((await h()['jobs:set-rpo']({ applianceId: appliance.id, jobId: 'j1', rpoSec: 3600 })).ok).toBe(false);
    expect(await h()['jobs:set-rpo']({ applianceId: other.id, jobId: 'j1', rpoSec: 60 })).toMatchObject({ ok: false, message: /rpoSec/ });
  });

  it('monitor updates become sessions:changed and status:changed events', async () => {
    const seen: { event: string; payload: unknown }[] = [];
    const off = services.events.subscribe((event, payload) => seen.push({ event, payload }));
    monitor.push({ changes: [], changedSessions: [s.running], removedSessionKeys: [`${appliance.id}/old`] });
    expect(seen.map((e) => e.event)).toEqual(['sessions:changed', 'status:changed']);
    expect(seen[0]?.payload).toEqual({
      reset: false,
      upserted: [s.running],
      removed: [`${appliance.id}/old`],
    } satisfies IpcEventPayload<'sessions:changed'>);
    expect((seen[1]?.payload as StatusSnapshot).appliances.map((a) => a.id)).toEqual([appliance.id, other.id]);
    off();
    monitor.push({ changes: [], changedSessions: [], removedSessionKeys: [] });
    expect(seen).toHaveLength(2);
    services.dispose();
    expect(monitor.listenerCount).toBe(0);
  });

  it('polls that end together share status snapshots, and the last state is always sent', async () => {
    const statuses: StatusSnapshot[] = [];
    services.events.subscribe((event, payload) => event === 'status:changed' && statuses.push(payload as StatusSnapshot));
    for (let i = 0; i < 20; i++) monitor.push({ changes: [], changedSessions: [], removedSessionKeys: [] });
    expect(statuses).toHaveLength(1);
    monitor.poll(other, [{ ...s.failed, applianceId: other.id }]);
    monitor.push({ changes: [], changedSessions: [s.failed], removedSessionKeys: [] });
    expect(statuses).toHaveLength(1);
    time.advance(250);
    expect(statuses).toHaveLength(2);
    expect(statuses[1]?.appliances.find((a) => a.id === other.id)?.status).toBe('failed');
  });
});

describe('settings, notifications and app', () => {
  it('settings:update merges a valid patch and refuses an invalid one', async () => {
    expect(await h()['settings:update']({ pollIntervalSec: 120 })).toMatchObject({
      ok: true,
      value: { pollIntervalSec: 120, activePollIntervalSec: 10 },
    });
    expect((await h()['settings:update']({ pollIntervalSec: 0 })).ok).toBe(false);
    expect((await h()['settings:get']()).pollIntervalSec).toBe(120);
  });

  it('notifications:pause writes the setting, tells the scheduler and shows in the snapshot', async () => {
    const pauses: (string | null)[] = [];
    services.dispose();
    start({ notificationState: { pause: (until) => pauses.push(until) } });
    await h()['notifications:pause']({ until: at(HOUR) });
    expect(config.read().settings.notificationsPausedUntil).toBe(at(HOUR));
    expect((await h()['status:snapshot']()).notificationsPausedUntil).toBe(at(HOUR));
    await h()['notifications:pause']({ until: null });
    expect(pauses).toEqual([at(HOUR), null]);
  });

  it('opens only configured appliance URLs', async () => {
    const opened: string[] = [];
    services.dispose();
    start({ openExternal: async (url) => void opened.push(url) });
    const { id } = await addOk();
    await h()['app:open-appliance'](id);
    await h()['app:open-appliance']('unknown');
    expect(opened).toEqual(['https://spp.example.test']);
  });

  it('start-demo replaces earlier demo appliances of the same name; without a demo it says so', async () => {
    expect(await h()['app:start-demo']()).toEqual({ ok: false, message: 'The demo fleet is not available here.' });
    let run = 0;
    const demo = (): Appliance[] => [
      {
        id: `demo-${++run}`,
        name: 'Demo SPP',
        vendor: 'spp',
        baseUrl: `https://127.0.0.1:${4000 + run}`,
        username: 'demo',
        credential: { kind: 'env', variable: 'SPP_PW' },
        options: {},
        enabled: true,
      },
    ];
    services.dispose();
    start({ startDemo: async () => demo() });
    await addOk();
    expect(await h()['app:start-demo']()).toEqual({ ok: true, value: undefined });
    expect(await h()['app:start-demo']()).toEqual({ ok: true, value: undefined });
    expect(config.read().appliances.map((a) => a.name)).toEqual(['SPP prod', 'Demo SPP']);
    expect(config.read().appliances[1]?.id).toBe('demo-2');
  });

  const demoAppliance = (id: string): Appliance => ({
    id,
    name: `Demo ${id}`,
    vendor: 'spp',
    baseUrl: 'https://127.0.0.1:4001',
    username: 'demo',
    credential: { kind: 'keychain' },
    options: {},
    enabled: true,
    demo: true,
  });

  it('leave-demo stops the simulators and removes the demo appliances, their passwords and job flags', async () => {
    const stops: string[] = [];
    services.dispose();
    start({ startDemo: async () => [demoAppliance('demo-a'), demoAppliance('demo-b')], stopDemo: async () => void stops.push('stopped') });
    const real = await addOk();
    await secrets.set('demo-a', 'pw-a');
    await secrets.set('demo-b', 'pw-b');
    expect(await h()['app:start-demo']()).toEqual({ ok: true, value: undefined });
    for (const a of config.read().appliances) monitor.poll(a, [], [makeJob({ applianceId: a.id, id: 'j1' })]);
    await h()['notifications:mute']({ applianceId: 'demo-a', jobId: 'j1', on: true });
    await h()['notifications:mute']({ applianceId: real.id, jobId: 'j1', on: true });
    expect((await h()['appliances:list']()).filter((a) => a.demo).map((a) => a.id)).toEqual(['demo-a', 'demo-b']);

    expect(await h()['app:leave-demo']()).toEqual({ ok: true, value: undefined });
    expect(stops).toEqual(['stopped']);
    expect(config.read().appliances.map((a) => a.id)).toEqual([real.id]);
    expect(await secrets.get('demo-a')).toBeNull();
    expect(await secrets.get('demo-b')).toBeNull();
    expect(await secrets.get(real.id)).toBe(PASSWORD);
    expect(Object.keys(config.read().settings.mutedJobs)).toEqual([`${real.id}/j1`]);
    expect(monitor.setCalls.at(-1)?.map((a) => a.id)).toEqual([real.id]);
  });

  it('removes demo appliances left by an earlier run at any start, keeps those of a demo another process runs', async () => {
    const real = await addOk();
    await config.update((d) => ({ ...d, appliances: [...d.appliances, demoAppliance('left-over')] }));
    await secrets.set('left-over', 'pw');
    const release = await holdDemoLock(config.path);
    services.dispose();
    start();
    // Another process runs a demo: the CLI's status leaves that demo alone.
    expect((await h()['appliances:list']()).map((a) => a.id)).toEqual([real.id, 'left-over']);
    await release!();
    services.dispose();
    start();
    expect((await h()['appliances:list']()).map((a) => a.id)).toEqual([real.id]);
    expect(config.read().appliances.map((a) => a.id)).toEqual([real.id]);
    expect(await secrets.get('left-over')).toBeNull();
  });

  it('holds the demo lock while its demo runs, so other processes keep its appliances', async () => {
    services.dispose();
    start({ startDemo: async () => [demoAppliance('live')] });
    expect(await h()['app:start-demo']()).toEqual({ ok: true, value: undefined });
    expect(await demoRunsElsewhere(config.path)).toBe(true);
    expect(await h()['app:leave-demo']()).toEqual({ ok: true, value: undefined });
    expect(await demoRunsElsewhere(config.path)).toBe(false);
  });
});

describe('restart to update', () => {
  it('asks the shell’s updater, after checking the argument, and says so where there is none', async () => {
    const restartToUpdate = vi.fn(() => ({ ok: true, value: undefined }) as const);
    services.dispose();
    start({ restartToUpdate });
    await expect(h()['app:restart-to-update']()).resolves.toEqual({ ok: true, value: undefined });
    await expect((h()['app:restart-to-update'] as (arg: unknown) => Promise<unknown>)({ force: true })).rejects.toThrow();
    expect(restartToUpdate).toHaveBeenCalledTimes(1);

    services.dispose();
    start();
    await expect(h()['app:restart-to-update']()).resolves.toEqual({ ok: false, message: 'Only the desktop app updates itself.' });
  });
});
