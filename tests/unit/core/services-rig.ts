/**
 * The services under test are real (a real config file in a temp folder, the memory secret store); only
 * the monitor is a small fake, because the poller is not what is under test here; the clock is fake.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import type { ApplianceDraft, CertificateProbe, ConnectionTestResult } from '../../../src-main/common/ipc-contract.js';
import type { Appliance, PresentedCertificate } from '../../../src-main/common/model.js';
import { openConfigFile } from '../../../src-main/core/config/conf-config-file.js';
import type { ConfigStore } from '../../../src-main/core/config/config-store.js';
import { silentLogger } from '../../../src-main/core/logger.js';
import { createMemorySecretStore } from '../../../src-main/core/secrets/secret-store.js';
import type { SecretStore } from '../../../src-main/core/secrets/secret-store.js';
import { createServices } from '../../../src-main/core/services/services.js';
import type { ServiceDeps, Services } from '../../../src-main/core/services/services.js';
import { createFakeTime, type FakeTime } from '../../support/fake-time.js';
import { HOUR, T0, at } from '../common/factories.js';
import { FakeMonitor } from './fake-monitor.js';
import { testAppInfo } from '../../support/throwaway-core.js';

export const PASSWORD = 'Tr0ub4dor&3-very-secret';
export const FP_A = Array.from({ length: 32 }, () => 'AA').join(':');
export const FP_B = Array.from({ length: 32 }, () => 'BB').join(':');

export const presented = (fingerprint256: string): PresentedCertificate => ({
  fingerprint256,
  pem: `-----BEGIN CERTIFICATE-----\n${fingerprint256.slice(0, 8)}\n-----END CERTIFICATE-----\n`,
  subject: 'CN=spp',
  issuer: 'CN=spp',
  validFrom: at(-HOUR),
  validTo: at(365 * 24 * HOUR),
});

export let dir: string;
export let config: ConfigStore;
export let secrets: SecretStore;
export let monitor: FakeMonitor;
export let probeAnswer: CertificateProbe;
export let tests: { appliance: Appliance; password: string | null }[];
export let services: Services;
export let time: FakeTime;

export function start(overrides: Partial<ServiceDeps> = {}): Services {
  const started = createServices({
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
  // The pipeline's stage 4, as the app core wires it.
  monitor.onUpdate((update) => started.accept(update));
  services = started;
  return services;
}

export const h = () => services.handlers;
export const draft = (overrides: Partial<ApplianceDraft> = {}): ApplianceDraft => ({
  name: 'SPP prod',
  vendor: 'spp',
  baseUrl: 'https://spp.example.test',
  username: 'admin',
  password: PASSWORD,
  ...overrides,
});

export async function addOk(d: ApplianceDraft = draft()) {
  const result = await h()['appliances:add'](d);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

/** Nothing the services wrote or returned may contain the password. */
export function expectNoSecret(...values: unknown[]) {
  for (const value of values) expect(JSON.stringify(value) ?? '').not.toContain(PASSWORD);
  if (existsSync(config.path)) expect(readFileSync(config.path, 'utf8')).not.toContain(PASSWORD);
}

/** Registers the hooks that give each test fresh services over a fresh config folder. */
export function useServicesRig(): void {
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
}

/** Lets a test swap the secret store before it calls `start` again. */
export function useSecrets(store: SecretStore): void {
  secrets = store;
}

/** Sets what the next certificate probe answers. */
export function answerProbe(answer: CertificateProbe): void {
  probeAnswer = answer;
}
