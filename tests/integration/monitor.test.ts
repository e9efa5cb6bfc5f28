/**
 * The monitor against the SPP simulator, on a fake clock and scheduler: every wait is a move of
 * the fake clock, so polling over minutes runs in milliseconds with no real sleep.
 */
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import type { Appliance, Session } from '../../src-main/common/model.js';
import { DEFAULT_SETTINGS, type Settings } from '../../src-main/common/settings.js';
import type { ChangeEvent } from '../../src-main/common/snapshot.js';
import { connectAppliance } from '../../src-main/core/connect.js';
import type { Connector } from '../../src-main/core/connectors/connector.js';
import { silentLogger } from '../../src-main/core/logger.js';
import { DEMO_POLLING } from '../../src-main/core/appliance-poll.js';
import { createMonitor } from '../../src-main/core/monitor.js';
import type { Monitor, MonitorUpdate } from '../../src-main/core/monitor-types.js';
import { createMemorySecretStore } from '../../src-main/core/secrets/secret-store.js';
import { startSppSimulator, type SppSimulator } from '../../src-main/demo/spp/spp-simulator.js';
import { createFakeTime, type FakeTime } from '../support/fake-time.js';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
const IDLE_MS = 45_000;
const ACTIVE_MS = 10_000;

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

interface SetupOptions {
  readonly settings?: Partial<Settings>;
  readonly watermark?: (time: FakeTime) => string | null;
  readonly appliance?: Partial<Appliance>;
}

async function setup(options: SetupOptions = {}) {
  const time = createFakeTime(T0);
  const sim = await startSppSimulator({ historySize: 150, seed: 11, now: time.now });
  const secrets = createMemorySecretStore({ 'spp-1': sim.credentials.password });
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    pollIntervalSec: IDLE_MS / 1000,
    activePollIntervalSec: ACTIVE_MS / 1000,
    ...options.settings,
  };
  /** Fake time at which each poll began (its first connector call is made synchronously). */
  const pollStarts: number[] = [];
  const startsRecorded = (connector: Connector): Connector =>
    Object.assign(Object.create(connector) as Connector, {
      authenticate: (signal?: AbortSignal) => {
        pollStarts.push(time.now());
        return connector.authenticate(signal);
      },
    });
  const monitor = createMonitor({
    appliances: [applianceFor(sim, options.appliance)],
    settings: () => settings,
    connect: (a) => startsRecorded(connectAppliance(a, { secrets, env: {}, log: silentLogger, now: time.now })),
    log: silentLogger,
    now: time.now,
    scheduler: time.scheduler,
    watermark: () => options.watermark?.(time) ?? null,
  });
  const updates: MonitorUpdate[] = [];
  monitor.onUpdate((u) => updates.push(u));
  open.push({ sim, monitor });

  const nextUpdate = () =>
    new Promise<MonitorUpdate>((resolve) => {
      const off = monitor.onUpdate((u) => {
        off();
        resolve(u);
      });
    });
  // The poll loop schedules the next poll right after it reported this one.
  const scheduled = () => new Promise((resolve) => setImmediate(resolve));

  /** Moves the clock by `ms` and resolves when the poll that starts on the way is done and the next one is scheduled. */
  async function advanceToPoll(ms: number): Promise<MonitorUpdate> {
    const done = nextUpdate();
    time.advance(ms);
    const update = await done;
    await scheduled();
    return update;
  }

  /** Moves the clock a second at a time until a poll starts; resolves when it is done, with the time it took to start. */
  async function stepToPoll(limitMs: number): Promise<number> {
    const from = time.now();
    const polls = pollStarts.length;
    const done = nextUpdate();
    while (pollStarts.length === polls) {
      if (time.now() - from > limitMs) throw new Error(`no poll within ${limitMs} ms`);
      time.advance(1000);
    }
    await done;
    await scheduled();
    return pollStarts[polls]! - from;
  }

  return { sim, monitor, time, updates, advanceToPoll, stepToPoll, events: () => updates.flatMap((u) => u.changes) };
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
    const { sim, monitor, events } = await setup({ watermark: (time) => new Date(time.now() - 1000).toISOString() });
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
    expect(health.message).toMatch(/^127\.0\.0\.1:\d+ refused the connection: nothing answers on that port\.$/);
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

  it('keeps the configured window of sessions in memory, plus the newest 30 runs of every job', async () => {
    const { sim, monitor, updates } = await setup({ settings: { sessionWindow: 40 } });
    // One job with more runs than it keeps: its oldest ones leave the window.
    const jobId = sim.scenario.jobs()[0]!.id;
    sim.scenario.injectSessions(
      Array.from({ length: 40 }, (_, i) => ({ jobId, createdAt: T0 - (i + 1) * 60_000, outcome: 'succeeded' as const })),
    );
    await monitor.refreshNow();
    const kept = monitor.fleet().appliances[0]!.sessions;
    const newestFirst = [...kept].sort((a, b) => (b.start ?? '').localeCompare(a.start ?? ''));
    const runsBefore = (s: Session) => newestFirst.filter((o) => o.jobId === s.jobId && (o.start ?? '') > (s.start ?? '')).length;
    expect(newestFirst.slice(40).every((s) => runsBefore(s) < 30)).toBe(true);
    expect(updates[0]!.removedSessionKeys.length).toBeGreaterThan(0);
  });
});

describe('monitor poll loop on its scheduler', () => {
  it('polls on its own once started, and stops cleanly', async () => {
    const { sim, monitor, time, updates, advanceToPoll } = await setup();
    monitor.start();
    await advanceToPoll(0);
    expect(time.pending()).toEqual([IDLE_MS]);
    time.advance(IDLE_MS - 1);
    expect(updates).toHaveLength(1);
    await advanceToPoll(1);
    expect(updates).toHaveLength(2);

    await monitor.stop();
    expect(time.pending()).toEqual([]);
    sim.server.resetStats();
    time.advance(10 * IDLE_MS);
    await new Promise((resolve) => setImmediate(resolve));
    expect(updates).toHaveLength(2);
    expect(sim.server.stats.requests).toBe(0);
  });

  it('polls fast while a session runs and idle once none does', async () => {
    const { sim, monitor, time, advanceToPoll } = await setup();
    monitor.start();
    await advanceToPoll(0);
    const run = sim.scenario.startRun(sim.scenario.jobs()[0]!.id);
    await advanceToPoll(IDLE_MS);
    expect(monitor.fleet().appliances[0]!.sessions.find((s) => s.id === run.id)?.status).toMatch(/^(queued|running)$/);
    expect(time.pending()).toEqual([ACTIVE_MS]);
    sim.scenario.finishRun(run.id, 'succeeded');
    await advanceToPoll(ACTIVE_MS);
    expect(time.pending()).toEqual([IDLE_MS]);
  });

  it('polls a demo appliance at the demo pace, whatever the settings', async () => {
    const { sim, monitor, time, advanceToPoll } = await setup({ appliance: { demo: true } });
    monitor.start();
    await advanceToPoll(0);
    expect(time.pending()).toEqual([DEMO_POLLING.idle * 1000]);
    sim.scenario.startRun(sim.scenario.jobs()[0]!.id);
    await advanceToPoll(DEMO_POLLING.idle * 1000);
    expect(time.pending()).toEqual([DEMO_POLLING.active * 1000]);
  });

  it('after a restart, an appliance that is down still says when the previous run last polled it well', async () => {
    const remembered = new Date(T0 - 5 * 60_000).toISOString();
    const { sim, monitor } = await setup({ watermark: () => remembered });
    expect(monitor.fleet().appliances[0]!.health).toMatchObject({ lastGoodPoll: remembered, lastPoll: null });
    await sim.server.setDown(true);
    await monitor.refreshNow();
    expect(monitor.fleet().appliances[0]!.health).toMatchObject({ state: 'unreachable', lastGoodPoll: remembered });
  });

  it('backs off exponentially with jitter while the appliance is down, up to the cap, and recovers', async () => {
    const capMs = 120_000;
    const { sim, monitor, time, advanceToPoll, stepToPoll } = await setup({ settings: { maxBackoffSec: capMs / 1000 } });
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
    process.on('warning', onWarning);
    onTestFinished(() => void process.off('warning', onWarning));
    monitor.start();
    await advanceToPoll(0);
    await sim.server.setDown(true);
    await stepToPoll(IDLE_MS);
    const gaps: number[] = [];
    for (let failures = 1; failures <= 5; failures++) gaps.push(await stepToPoll(2 * capMs));
    expect(monitor.fleet().appliances[0]!.health.state).toBe('unreachable');
    // After n failures: the idle interval × 2^(n-1), ±25 %, never over the cap.
    gaps.forEach((gap, i) => {
      const raw = Math.min(capMs, IDLE_MS * 2 ** i);
      expect(gap).toBeGreaterThanOrEqual(raw * 0.75);
      expect(gap).toBeLessThanOrEqual(Math.min(capMs, raw * 1.25));
    });
    await sim.server.setDown(false);
    await stepToPoll(2 * capMs);
    expect(monitor.fleet().appliances[0]!.health.state).toBe('ok');
    expect(time.pending()).toEqual([IDLE_MS]);
    // Six failed polls retried twice each on the appliance's one abort signal: no listener piles up.
    expect(warnings).toEqual([]);
  });
});
