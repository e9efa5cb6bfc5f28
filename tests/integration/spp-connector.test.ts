import { afterEach, describe, expect, it } from 'vitest';
import { createPollDriver } from './conformance/poll-driver.js';
import { startSppRig } from './conformance/spp-harness.js';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
const SESSIONS = '/api/endeavour/jobsession';
const LOGIN = '/api/endeavour/session';

describe('SPP connector against the simulator', () => {
  let t = T0;
  const now = () => t;
  let close: (() => Promise<void>) | null = null;

  async function start(historySize = 500, extra = {}) {
    t = T0;
    const setup = await startSppRig({ historySize, now, seed: 3 }, extra);
    const { connector } = setup.makeConnectorWith();
    close = async () => {
      await connector.close();
      await setup.rig.close();
    };
    return { ...setup, connector, driver: createPollDriver(connector), stats: setup.spp.server.stats };
  }

  afterEach(async () => {
    await close?.();
    close = null;
  });

  it('logs in with Basic auth, sends the session id, logs out on close', async () => {
    const { spp, connector } = await start(10);
    await connector.authenticate();
    expect(spp.openSessions).toBe(1);
    await connector.listJobs();
    expect(spp.openSessions).toBe(1);
    await connector.close();
    expect(spp.openSessions).toBe(0);
  });

  it('first poll pages through the newest 200 sessions, start DESC, plus the active filter', async () => {
    const { spp, driver, stats } = await start(500);
    const batch = await driver.poll();
    const newest = spp.scenario
      .sessions()
      .slice(-200)
      .map((s) => s.id);
    expect(batch.sessions.map((s) => s.id).sort()).toEqual([...newest].sort());
    expect(stats.byPath.get(SESSIONS)).toBe(3);
  });

  it('pages on what came back when the server says total: 0', async () => {
    const { spp, driver } = await start(500, { quirks: { totalZero: true } });
    const batch = await driver.poll();
    expect(batch.sessions).toHaveLength(200);
    expect(batch.sessions.map((s) => s.id)).toContain(spp.scenario.sessions().at(-200)!.id);
  });

  it('pages an incremental poll across pages when many sessions are new', async () => {
    const { spp, driver, stats } = await start(100);
    await driver.poll();
    const runs = Array.from({ length: 25 }, (_, i) => spp.scenario.startRun(['1003', '1004', '1020', '1040'][i % 4]!));
    for (const run of runs) spp.scenario.finishRun(run.id, 'succeeded');
    spp.server.resetStats();
    const batch = await driver.poll();
    expect(batch.sessions.map((s) => s.id).sort()).toEqual(runs.map((r) => r.id).sort());
    // 25 new + the known one at the mark: a first page of 10, a page of up to 100, then the active filter.
    expect(stats.byPath.get(SESSIONS)).toBe(3);
  });

  it('normalises mixed epochs: seconds for some starts, milliseconds for ends', async () => {
    const { spp, driver } = await start(60);
    await driver.poll();
    const inSeconds = spp.scenario.sessions().find((s) => s.seq % 3 === 0)!;
    const inMs = spp.scenario.sessions().find((s) => s.seq % 3 === 1)!;
    expect(driver.sessions.get(inSeconds.id)?.start).toBe(new Date(Math.floor(inSeconds.createdAt / 1000) * 1000).toISOString());
    expect(driver.sessions.get(inMs.id)?.start).toBe(new Date(inMs.createdAt).toISOString());
    expect(driver.sessions.get(inSeconds.id)?.end).toBe(new Date(inSeconds.endedAt!).toISOString());
  });

  it('sees a new session whose start, given in whole seconds, reads as older than the newest known one', async () => {
    const { spp, driver } = await start(50);
    t += 400;
    // The newest known session has its start in milliseconds (SPP gives every third one in seconds).
    while (spp.scenario.startRun('1020').seq % 3 === 0);
    await driver.poll();
    t += 300;
    // Within the same second: the run whose start SPP gives in seconds reads 700 ms older than the last one seen.
    const runs = [spp.scenario.startRun('1003'), spp.scenario.startRun('1004'), spp.scenario.startRun('1040')];
    for (const run of runs) spp.scenario.finishRun(run.id, 'failed');
    const inSeconds = runs.find((r) => r.seq % 3 === 0)!;
    await driver.poll();
    expect(driver.sessions.get(inSeconds.id)?.status).toBe('failed');
    expect(runs.every((r) => driver.sessions.get(r.id)?.status === 'failed')).toBe(true);
  });

  it('logs in again after an idle expiry (45 min) and after a forced expiry, exactly once each', async () => {
    const { spp, driver, stats } = await start(50);
    await driver.poll();
    spp.server.resetStats();
    t += 46 * 60_000;
    await driver.poll();
    expect(stats.byPath.get(LOGIN)).toBe(1);
    spp.expireSessions();
    await driver.poll();
    expect(stats.byPath.get(LOGIN)).toBe(2);
  });

  it('sees a session that ended behind newer known ones', async () => {
    const { spp, driver } = await start(50);
    await driver.poll();
    const older = spp.scenario.startRun('1010');
    const newer = spp.scenario.startRun('1020');
    spp.scenario.finishRun(newer.id, 'succeeded');
    await driver.poll();
    expect(driver.sessions.get(older.id)?.status).toBe('running');
    spp.scenario.finishRun(older.id, 'warning');
    await driver.poll();
    expect(driver.sessions.get(older.id)?.status).toBe('warning');
  });

  it('lists jobs with their next scheduled run', async () => {
    const { spp, connector } = await start(50);
    const jobs = await connector.listJobs();
    expect(jobs.map((j) => j.id).sort()).toEqual(
      spp.scenario
        .jobs()
        .map((j) => j.id)
        .sort(),
    );
    const gold = spp.scenario.job('1010')!;
    expect(jobs.find((j) => j.id === '1010')).toMatchObject({
      name: 'VMware Gold - Production',
      nextRun: new Date(gold.nextRunAt!).toISOString(),
      lastRun: new Date(gold.lastFinished!.createdAt).toISOString(),
      enabled: true,
    });
  });

  it('reads per-resource progress and the job log of a failed session', async () => {
    const { spp, connector } = await start(10);
    spp.scenario.failNext('1010');
    const run = spp.scenario.startRun('1010');
    t += 20 * 60_000;
    const live = await connector.resourceProgress!(run.id);
    expect(live.map((r) => r.resourceName)).toEqual(run.resources);
    expect(live.some((r) => r.status === 'running' || r.status === 'succeeded')).toBe(true);
    t += 2 * 60 * 60_000;
    const log = await connector.jobLog!(run.id, 0);
    expect(log.more).toBe(false);
    expect(log.entries.some((e) => e.level === 'error' && e.message.includes(run.message ?? '?'))).toBe(true);
    const after = await connector.resourceProgress!(run.id);
    expect(after.some((r) => r.status === 'failed')).toBe(true);
  });

  it('answers a malformed JSON body with ConnectorError malformed', async () => {
    const { spp, connector } = await start(10);
    spp.server.faults.once('malformed', 1, '/api/endeavour/job');
    await expect(connector.listJobs()).rejects.toMatchObject({ name: 'ConnectorError', kind: 'malformed' });
  });
});
