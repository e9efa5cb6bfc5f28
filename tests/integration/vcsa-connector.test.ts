import { afterEach, describe, expect, it } from 'vitest';
import type { Session } from '../../src-main/common/model.js';
import { readVcsaDetails } from '../../src-main/common/vendors/vcsa/vcsa-details.js';
import type { ConnectorError } from '../../src-main/core/http/errors.js';
import { VCSA_JOB_ID } from '../../src-main/core/connectors/vcsa/vcsa-parser.js';
import { VCSA_DEMO_SCHEDULE, VCSA_SCHEDULE_ID, createVcsaScenario } from '../../src-main/demo/vcsa/vcsa-simulator.js';
import type { VcsaSimulatorOptions } from '../../src-main/demo/vcsa/vcsa-simulator.js';
import { createPollDriver } from './conformance/poll-driver.js';
import type { VcsaConnectorOptions } from './conformance/vcsa-harness.js';
import { startVcsaRig } from './conformance/vcsa-harness.js';

const T0 = Date.UTC(2026, 0, 22, 9, 0, 0);
const BACKUP = (style: string) => `/${style}/appliance/recovery/backup`;
const LOGIN = { api: '/api/session', rest: '/rest/com/vmware/cis/session' } as const;

describe('VCSA connector against the simulator', () => {
  let t = T0;
  const now = () => t;
  let close: (() => Promise<void>) | null = null;

  async function start(historySize = 30, extra: Partial<VcsaSimulatorOptions> = {}, connectorOptions: VcsaConnectorOptions = {}) {
    t = T0;
    const setup = await startVcsaRig({ historySize, now, seed: 7 }, extra);
    const { connector } = setup.makeConnectorWith(connectorOptions);
    close = async () => {
      await connector.close();
      await setup.rig.close();
    };
    const { stats } = setup.vcsa.server;
    return { ...setup, connector, driver: createPollDriver(connector), stats };
  }

  afterEach(async () => {
    await close?.();
    close = null;
  });

  describe.each([
    { served: 'api', speaks: 'api', probes: [] },
    { served: 'both', speaks: 'api', probes: [] },
    { served: 'rest', speaks: 'rest', probes: ['/api/session'] },
  ] as const)('appliance serving $served', ({ served, speaks, probes }) => {
    it(`speaks /${speaks} and reads the same backups`, async () => {
      const { vcsa, driver, stats } = await start(12, { apiStyle: served });
      await driver.poll();
      const expected = vcsa.scenario.sessions().map((s) => s.id);
      expect([...driver.sessions.keys()].sort()).toEqual([...expected].sort());
      expect(stats.byPath.get(LOGIN[speaks])).toBe(1);
      for (const path of probes) expect(stats.byPath.get(path)).toBe(1);
      expect(stats.byPath.get(`${BACKUP(speaks)}/job`)).toBe(1);
      expect(stats.byPath.get(`${BACKUP(speaks)}/job/details`)).toBe(1);
      const other = speaks === 'api' ? 'rest' : 'api';
      expect([...stats.byPath.keys()].filter((p) => p.startsWith(`/${other}/`) && !probes.includes(p as never))).toEqual([]);
    });
  });

  it('uses the style the user set without probing', async () => {
    const { driver, stats } = await start(5, { apiStyle: 'both' }, { options: { apiStyle: 'rest' } });
    await driver.poll();
    expect(stats.byPath.get(LOGIN.api)).toBeUndefined();
    expect(stats.byPath.get(LOGIN.rest)).toBe(1);
  });

  it('maps a finished backup: times, duration in ms, size, location, the synthetic job', async () => {
    const { vcsa, driver } = await start(5);
    await driver.poll();
    const last = vcsa.scenario.sessions().at(-1)!;
    const session = driver.sessions.get(last.id)!;
    expect(session).toMatchObject({
      jobId: VCSA_JOB_ID,
      jobName: 'vCenter backup',
      type: 'SCHEDULED',
      start: new Date(last.startedAt!).toISOString(),
      end: new Date(last.endedAt!).toISOString(),
      durationMs: Math.round((last.endedAt! - last.startedAt!) / 1000) * 1000,
    });
    expect(readVcsaDetails(session.details ?? {}).location).toBe(`sftp://backup.example.invalid/vcsa01/${last.id}`);
    expect(readVcsaDetails(session.details ?? {}).sizeBytes).toBeGreaterThan(0);
  });

  it('logs in once, sends the session header, and logs out on close', async () => {
    const { vcsa, connector } = await start(3);
    await connector.authenticate();
    await connector.authenticate();
    expect(vcsa.openSessions).toBe(1);
    await connector.listJobs();
    await connector.close();
    expect(vcsa.openSessions).toBe(0);
  });

  it.each(['api', 'rest'] as const)('logs in again once after a 401 (/%s)', async (style) => {
    const { vcsa, driver, stats } = await start(5, { apiStyle: style });
    await driver.poll();
    vcsa.expireSessions();
    await driver.poll();
    expect(stats.byPath.get(LOGIN[style])).toBe(2);
    expect(vcsa.openSessions).toBe(1);
  });

  it.each(['api', 'rest'] as const)('shows the server’s own message when the password is refused (/%s)', async (style) => {
    const { vcsa, connector } = await start(3, { apiStyle: style }, { password: 'wrong' });
    const error = (await connector.authenticate().catch((e: unknown) => e)) as ConnectorError;
    expect(error.kind).toBe('auth_failed');
    expect(error.message).toContain(`"${vcsa.credentials.username}"`);
    expect(error.message).toContain('Authentication failed: invalid user name or password.');
  });

  it('reports auth_failed with the server’s message when a re-login after expiry is refused', async () => {
    const { vcsa, driver } = await start(3);
    await driver.poll();
    vcsa.credentials.password = 'rotated';
    vcsa.expireSessions();
    await expect(driver.poll()).rejects.toMatchObject({
      kind: 'auth_failed',
      message: expect.stringContaining('invalid user name or password'),
    });
  });

  it('first poll reads only the newest window of history', async () => {
    const { vcsa, driver } = await start(30, {}, { tuning: { firstWindow: 5, detailsBatch: 2, pollLimit: 200 } });
    const batch = await driver.poll();
    const newest = vcsa.scenario
      .sessions()
      .slice(-5)
      .map((s) => s.id);
    expect(batch.sessions.map((s) => s.id).sort()).toEqual([...newest].sort());
  });

  it('an idle poll is one request for the id list, whatever the history holds', async () => {
    const idleCost = async (historySize: number) => {
      const { vcsa, driver, stats } = await start(historySize);
      await driver.poll();
      vcsa.server.resetStats();
      const batch = await driver.poll();
      const ids = vcsa.scenario.sessions().length;
      const cost = {
        sessions: batch.sessions.length,
        requests: stats.requests,
        paths: [...stats.byPath.keys()],
        bytesPerId: stats.bytes / ids,
      };
      await close?.();
      close = null;
      return cost;
    };
    const small = await idleCost(100);
    const large = await idleCost(10_000);
    expect(small).toMatchObject({ sessions: 0, requests: 1, paths: [`${BACKUP('api')}/job`] });
    expect(large).toMatchObject({ sessions: 0, requests: 1, paths: [`${BACKUP('api')}/job`] });
    // The id list is the only part that grows with history, and it carries ids only.
    expect(large.bytesPerId).toBeLessThanOrEqual(28);
    expect(Math.abs(large.bytesPerId - small.bytesPerId)).toBeLessThan(0.5);
  });

  it('a manual backup appears, progresses and succeeds; polls ask details only for it', async () => {
    const { vcsa, driver, connector, stats } = await start(20);
    await driver.poll();
    const run = vcsa.scenario.startRun(VCSA_SCHEDULE_ID);
    await driver.poll();
    expect(driver.sessions.get(run.id)).toMatchObject({ status: 'queued', vendorStatus: 'PENDING', type: 'MANUAL', start: null });
    expect(readVcsaDetails(driver.sessions.get(run.id)?.details ?? {}).user).toBe(vcsa.credentials.username);

    t += VCSA_DEMO_SCHEDULE.durationMs / 3;
    vcsa.server.resetStats();
    const known = { active: [driver.sessions.get(run.id)!], has: (id: string) => driver.sessions.has(id) };
    const batch = await connector.listSessions(driver.cursor(), known);
    // The id list, then details of the one active backup only.
    expect(stats.requests).toBe(2);
    expect(batch.sessions.map((s) => s.id)).toEqual([run.id]);
    const running = batch.sessions[0] as Session;
    expect(running.status).toBe('running');
    expect(running.progress.percent).toBeGreaterThan(0);
    expect(running.progress.percent).toBeLessThan(100);
    expect(running.message).toMatch(/^Backing up /);

    t += VCSA_DEMO_SCHEDULE.durationMs * 2;
    await driver.poll();
    expect(driver.sessions.get(run.id)).toMatchObject({ status: 'succeeded', progress: { percent: 100 } });
    expect(driver.sessions.get(run.id)?.end).not.toBeNull();
  });

  it('a failed backup carries the error as its message and log', async () => {
    const { vcsa, driver, connector } = await start(5, { apiStyle: 'rest' });
    await driver.poll();
    vcsa.scenario.failNext(VCSA_SCHEDULE_ID);
    const run = vcsa.scenario.startRun(VCSA_SCHEDULE_ID);
    t += VCSA_DEMO_SCHEDULE.durationMs * 2;
    await driver.poll();
    const failed = driver.sessions.get(run.id);
    expect(failed).toMatchObject({ status: 'failed', vendorStatus: 'FAILED' });
    expect(failed?.message).toMatch(/^Backup failed: /);
    const log = await connector.jobLog!(run.id, 0);
    expect(log.more).toBe(false);
    expect(log.entries.map((e) => e.level)).toEqual(['error', 'error']);
    expect(log.entries.at(-1)?.message).toBe(failed?.message);
    expect(await connector.jobLog!(run.id, 1)).toEqual({ entries: [], more: false });
  });

  it('a scheduled backup appears when its time comes', async () => {
    const { vcsa, driver } = await start(5);
    await driver.poll();
    const due = vcsa.scenario.job(VCSA_SCHEDULE_ID)!.nextRunAt!;
    t = due + 60_000;
    const batch = await driver.poll();
    expect(batch.sessions.map((s) => [s.type, s.status])).toEqual([['SCHEDULED', 'running']]);
    expect(batch.sessions[0]?.id.startsWith(new Date(due).toISOString().slice(0, 10).replaceAll('-', ''))).toBe(true);
  });

  it('gives the synthetic job the schedule’s next run, and no run when the schedule is off', async () => {
    const { vcsa, connector } = await start(3);
    const [job] = await connector.listJobs();
    expect(job).toMatchObject({ id: VCSA_JOB_ID, name: 'vCenter backup', enabled: true });
    expect(job?.nextRun).toBe(new Date(vcsa.scenario.job(VCSA_SCHEDULE_ID)!.nextRunAt!).toISOString());
    await close?.();

    const off = createVcsaScenario({ now, historySize: 3, schedule: { ...VCSA_DEMO_SCHEDULE, enabled: false } });
    const second = await start(3, { scenario: off });
    expect(await second.connector.listJobs()).toEqual([expect.objectContaining({ nextRun: null, enabled: false })]);
  });

  it('reports an active backup the appliance no longer knows as gone', async () => {
    const { connector, stats } = await start(3);
    const ghost = { id: '20260101-000000-1', status: 'running' } as Session;
    expect(await connector.refreshActive([ghost])).toEqual({ updated: [], gone: [ghost.id] });
    expect(stats.byPath.get(`${BACKUP('api')}/job/20260101-000000-1`)).toBe(1);
  });

  it('refreshes active backups with one details request', async () => {
    const { vcsa, driver, connector, stats } = await start(3);
    await driver.poll();
    const run = vcsa.scenario.startRun(VCSA_SCHEDULE_ID);
    await driver.poll();
    vcsa.server.resetStats();
    const { updated, gone } = await connector.refreshActive([driver.sessions.get(run.id)!]);
    expect(updated.map((s) => s.id)).toEqual([run.id]);
    expect(gone).toEqual([]);
    expect(stats.requests).toBe(1);
  });
});
