/**
 * Mute and acknowledge, as an `operate` token sends them: unknown appliances and jobs are refused,
 * the stored flags are capped, and flags of jobs their appliance no longer lists are pruned.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Appliance } from '../../../src-main/common/model.js';
import { type ConfigStore } from '../../../src-main/core/config/config-store.js';
import { openConfigFile } from '../../../src-main/core/config/conf-config-file.js';
import { silentLogger } from '../../../src-main/core/logger.js';
import { createMemorySecretStore } from '../../../src-main/core/secrets/secret-store.js';
import { MAX_JOB_FLAGS } from '../../../src-main/core/services/job-settings.js';
import { createServices, type Services } from '../../../src-main/core/services/services.js';
import { createFakeTime } from '../../support/fake-time.js';
import { testAppInfo } from '../../support/throwaway-core.js';
import { T0, makeAppliance, makeJob, makeSession } from '../common/factories.js';
import { FakeMonitor } from './fake-monitor.js';

let dir: string;
let config: ConfigStore;
let monitor: FakeMonitor;
let services: Services;
let appliance: Appliance;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'bw-flags-'));
  config = openConfigFile(dir);
  appliance = makeAppliance({ id: 'a1', name: 'SPP prod' });
  await config.update((d) => ({ ...d, appliances: [appliance] }));
  monitor = new FakeMonitor();
  monitor.poll(appliance, [], [makeJob({ applianceId: 'a1', id: 'j1' }), makeJob({ applianceId: 'a1', id: 'j2', name: 'Other' })]);
  const time = createFakeTime(T0);
  services = createServices({
    config,
    secrets: createMemorySecretStore(),
    monitor,
    probeCertificate: () => Promise.reject(new Error('no probes here')),
    testConnection: () => Promise.reject(new Error('no tests here')),
    info: testAppInfo,
    openExternal: async () => {},
    now: time.now,
    scheduler: time.scheduler,
    log: silentLogger,
  });
});
afterEach(() => {
  services.dispose();
  config.close();
  rmSync(dir, { recursive: true, force: true });
});

const h = () => services.handlers;
const flags = () => Object.keys(config.read().settings.mutedJobs).sort();

describe('job flags', () => {
  it('refuses to mute or acknowledge an unknown appliance or job, and stores nothing', async () => {
    await expect(h()['notifications:mute']({ applianceId: 'nope', jobId: 'j1', on: true })).rejects.toThrow(/no longer exists/);
    await expect(h()['notifications:mute']({ applianceId: 'a1', jobId: 'x'.repeat(200), on: true })).rejects.toThrow(/lists no job/);
    await expect(h()['notifications:acknowledge']({ applianceId: 'a1', jobId: 'ghost', on: true })).rejects.toThrow(/lists no job/);
    expect(flags()).toEqual([]);
    expect(Object.keys(config.read().settings.acknowledged)).toEqual([]);
    // Clearing a flag that is not there stays harmless.
    await h()['notifications:mute']({ applianceId: 'nope', jobId: 'j1', on: false });
  });

  it('prunes the flags of jobs the appliance no longer lists', async () => {
    await h()['notifications:mute']({ applianceId: 'a1', jobId: 'j1', on: true });
    await h()['notifications:mute']({ applianceId: 'a1', jobId: 'j2', on: true });
    expect(flags()).toEqual(['a1/j1', 'a1/j2']);
    monitor.poll(appliance, [makeSession({ applianceId: 'a1', jobId: 'j2' })], [makeJob({ applianceId: 'a1', id: 'j2' })]);
    await h()['notifications:mute']({ applianceId: 'a1', jobId: 'j2', on: true });
    expect(flags()).toEqual(['a1/j2']);
  });

  it('keeps at most MAX_JOB_FLAGS flags', async () => {
    const many = Object.fromEntries(Array.from({ length: MAX_JOB_FLAGS }, (_, i) => [`elsewhere/j${i}`, { until: null }]));
    await config.update((d) => ({ ...d, settings: { ...d.settings, mutedJobs: many } }));
    await expect(h()['notifications:mute']({ applianceId: 'a1', jobId: 'j1', on: true })).rejects.toThrow(/At most/);
    expect(flags()).toHaveLength(MAX_JOB_FLAGS);
  });
});
