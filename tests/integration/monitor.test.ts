/**
 * The monitor against the SPP simulator, on a fake clock and scheduler: every wait is a move of
 * the fake clock, so polling over minutes runs in milliseconds with no real sleep.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Session } from '../../src-main/common/model.js';
import type { ChangeEvent } from '../../src-main/common/snapshot.js';
import { DEMO_POLLING } from '../../src-main/core/poller/appliance-poll.js';
import type { Connector } from '../../src-main/core/connectors/connector.js';
import { ConnectorError } from '../../src-main/core/http/errors.js';
import { createLogger } from '../../src-main/core/logger.js';
import type { MonitorUpdate } from '../../src-main/core/poller/monitor-types.js';
import { ACTIVE_MS, IDLE_MS, T0, applianceFor, setup } from './monitor-rig.js';

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

  it('logs a listener that throws and still tells the listeners after it (the notification ledger among them)', async () => {
    const lines: string[] = [];
    const { monitor } = await setup({ log: createLogger((line) => lines.push(`${line.level}: ${line.message}`)) });
    monitor.onUpdate(() => {
      throw new Error('a broken window');
    });
    const heard: MonitorUpdate[] = [];
    monitor.onUpdate((update) => heard.push(update));
    await monitor.refreshNow();
    expect(heard).toHaveLength(1);
    expect(lines).toContain('error: A listener of the poll updates failed: a broken window');
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

  it('waits no longer than the longest back-off when an appliance asks for 100 years', async () => {
    const capMs = 120_000;
    let throttled = false;
    const wrap = (connector: Connector): Connector =>
      Object.assign(Object.create(connector) as Connector, {
        authenticate: (signal?: AbortSignal) => {
          if (!throttled) return connector.authenticate(signal);
          throttled = false;
          const retryAfterMs = 100 * 365 * 86_400_000;
          return Promise.reject(
            new ConnectorError('rate_limited', 'The appliance asked to slow down (HTTP 429).', { status: 429, retryAfterMs }),
          );
        },
      });
    const { monitor, advanceToPoll, stepToPoll } = await setup({ settings: { maxBackoffSec: capMs / 1000 }, wrap });
    monitor.start();
    await advanceToPoll(0);
    throttled = true;
    await stepToPoll(IDLE_MS);
    expect(monitor.fleet().appliances[0]!.health.state).not.toBe('ok');
    expect(await stepToPoll(2 * capMs)).toBeLessThanOrEqual(capMs);
    expect(monitor.fleet().appliances[0]!.health.state).toBe('ok');
  });
});
