import { afterEach, describe, expect, it } from 'vitest';
import type { Appliance } from '../../src-main/common/model.js';
import { DEFAULT_SETTINGS, type Settings } from '../../src-main/common/settings.js';
import type { ChangeEvent } from '../../src-main/common/snapshot.js';
import { connectAppliance } from '../../src-main/core/connect.js';
import { silentLogger } from '../../src-main/core/logger.js';
import { createMonitor } from '../../src-main/core/monitor.js';
import type { Monitor, MonitorUpdate } from '../../src-main/core/monitor-types.js';
import { createMemorySecretStore } from '../../src-main/core/secrets/secret-store.js';
import { startSppSimulator, type SppSimulator } from '../../src-main/demo/spp-simulator.js';

const open: { sim: SppSimulator; monitor: Monitor }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    await o.monitor.stop();
    await o.sim.close();
  }
});

function applianceFor(sim: SppSimulator, patch: Partial<Appliance> = {}): Appliance {
  return {
    id: 'spp-1',
    name: 'SPP prod',
    vendor: 'spp',
    baseUrl: sim.url,
    username: sim.credentials.username,
    credential: { kind: 'keychain' },
    certificate: { fingerprint256: sim.server.fingerprint256, pem: sim.server.pem },
    options: {},
    enabled: true,
    ...patch,
  };
}

async function setup(options: { settings?: Partial<Settings>; watermark?: string | null; appliance?: Partial<Appliance> } = {}) {
  const sim = await startSppSimulator({ historySize: 150, seed: 11 });
  const secrets = createMemorySecretStore({ 'spp-1': sim.credentials.password });
  const settings: Settings = { ...DEFAULT_SETTINGS, ...options.settings };
  const monitor = createMonitor({
    appliances: [applianceFor(sim, options.appliance)],
    settings: () => settings,
    connect: (a) => connectAppliance(a, { secrets, env: {}, log: silentLogger, now: Date.now }),
    log: silentLogger,
    watermark: () => options.watermark ?? null,
  });
  const updates: MonitorUpdate[] = [];
  monitor.onUpdate((u) => updates.push(u));
  open.push({ sim, monitor });
  return { sim, monitor, updates, events: () => updates.flatMap((u) => u.changes) };
}

const kinds = (events: readonly ChangeEvent[]) => events.map((e) => e.kind);

describe('monitor', () => {
  it('baselines the first poll silently, then reports a new failure once', async () => {
    const { sim, monitor, events } = await setup();
    await monitor.refreshNow();
    expect(kinds(events())).toEqual([]);
    expect(monitor.fleet().appliances[0]?.sessions.length).toBeGreaterThan(50);

    const job = sim.scenario.jobs()[0]!;
    const run = sim.scenario.startRun(job.id);
    await monitor.refreshNow();
    expect(kinds(events())).toContain('session_started');
    sim.scenario.finishRun(run.id, 'failed');
    await monitor.refreshNow();
    await monitor.refreshNow();
    const failed = events().filter((e) => e.kind === 'session_failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ session: { id: run.id, status: 'failed' } });
  });

  it('after a restart, reports what ended since the last good poll of the previous run', async () => {
    const watermark = new Date(Date.now() - 1000).toISOString();
    const { sim, monitor, events } = await setup({ watermark });
    const run = sim.scenario.startRun(sim.scenario.jobs()[1]!.id);
    sim.scenario.finishRun(run.id, 'failed');
    await monitor.refreshNow();
    expect(
      events()
        .filter((e) => e.kind === 'session_failed')
        .map((e) => 'session' in e && e.session.id),
    ).toEqual([run.id]);
  });

  it('marks a dead appliance unreachable, keeps its last good poll, and recovers', async () => {
    const { sim, monitor, events } = await setup();
    await monitor.refreshNow();
    const lastGood = monitor.fleet().appliances[0]!.health.lastGoodPoll;
    await sim.server.setDown(true);
    await monitor.refreshNow();
    const health = monitor.fleet().appliances[0]!.health;
    expect(health).toMatchObject({ state: 'unreachable', lastGoodPoll: lastGood });
    expect(health.message).toMatch(/could not be reached/);
    await sim.server.setDown(false);
    await monitor.refreshNow();
    expect(monitor.fleet().appliances[0]!.health.state).toBe('ok');
    expect(kinds(events())).toEqual(['appliance_unhealthy', 'appliance_healthy']);
  });

  it('stops polling an appliance whose certificate changed until it is trusted again', async () => {
    const { sim, monitor } = await setup();
    await monitor.refreshNow();
    await sim.server.rotateCertificate();
    await monitor.refreshNow();
    const health = monitor.fleet().appliances[0]!.health;
    expect(health.state).toBe('untrusted_certificate');
    expect(health.presentedCertificate?.fingerprint256).toBe(sim.server.fingerprint256);
    sim.server.resetStats();
    await monitor.refreshNow();
    expect(sim.server.stats.requests).toBe(0);

    monitor.setAppliances([applianceFor(sim)]);
    await monitor.refreshNow();
    expect(monitor.fleet().appliances[0]!.health.state).toBe('ok');
    expect(sim.server.stats.requests).toBeGreaterThan(0);
  });

  it('reports a wrong password as auth_failed', async () => {
    const { monitor } = await setup({ appliance: { id: 'other' } });
    await monitor.refreshNow();
    expect(monitor.fleet().appliances[0]!.health.state).toBe('auth_failed');
  });

  it('keeps at most the configured window of sessions in memory', async () => {
    const { monitor, updates } = await setup({ settings: { sessionWindow: 40 } });
    await monitor.refreshNow();
    expect(monitor.fleet().appliances[0]!.sessions.length).toBeLessThanOrEqual(40);
    expect(updates[0]!.removedSessionKeys.length).toBeGreaterThan(0);
  });

  it('polls on its own once started, and stops cleanly', async () => {
    const { sim, monitor, updates } = await setup({ settings: { pollIntervalSec: 1, activePollIntervalSec: 1 } });
    monitor.start();
    await new Promise((r) => setTimeout(r, 2600));
    await monitor.stop();
    const polls = updates.length;
    expect(polls).toBeGreaterThanOrEqual(2);
    sim.server.resetStats();
    await new Promise((r) => setTimeout(r, 1200));
    expect(updates.length).toBe(polls);
  });
});
