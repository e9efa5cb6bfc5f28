import { describe, expect, it } from 'vitest';
import { VBR_KINDS } from '../../src-main/common/vendors/vbr/vbr-kinds.js';
import type { LogLine } from '../../src-main/core/logger.js';
import { VBR_DEMO_JOBS } from '../../src-main/demo/vbr/vbr-simulator.js';
import { Poller } from './connector-setup.js';
import { failure } from './failure.js';
import { requestsTo as count, vbrSetups } from './vbr-setup.js';

const MINUTE = 60_000;
const DC_JOB = VBR_DEMO_JOBS.find((j) => j.name.includes('Domain Controllers'))!;

const setup = vbrSetups();

const TOKEN = '/api/oauth2/token';
const SESSIONS = '/api/v1/sessions';
const inUse = (lines: LogLine[]) => lines.filter((l) => l.message.startsWith('VBR REST API')).map((l) => l.message);

describe('VBR revision negotiation', () => {
  it('asks for 1.3-rev1, steps down to the best revision the server lists and keeps it for the next login', async () => {
    const { sim, connector, lines } = await setup({ revisions: ['1.0-rev1', '1.0-rev2', '1.1-rev0', '1.2-rev0', '1.2-rev1'] });
    await new Poller(connector).poll();
    expect(count(sim, TOKEN)).toBe(2);
    expect(inUse(lines)).toEqual(['VBR REST API 1.2-rev1 in use']);
    // 1.2 has task sessions: the revision is really in use on later calls.
    const run = sim.scenario.startRun(DC_JOB.id);
    sim.scenario.advance(5 * MINUTE);
    expect((await connector.resourceProgress!(run.id)).map((r) => r.resourceName)).toEqual(DC_JOB.resources);

    sim.expireTokens();
    await connector.listJobs();
    // The refused refresh and one password login, at the revision already known: no second 400.
    expect(count(sim, TOKEN)).toBe(4);
    expect(sim.tokenStats).toMatchObject({ password: 2, refusedRefresh: 1 });
  });

  it('honours a forced revision on a newer server: 1.1-rev0 lists `Job` sessions and has no task sessions', async () => {
    const { sim, connector } = await setup({ apiVersion: 'v1.1-rev0' });
    const poller = new Poller(connector);
    await poller.poll();
    expect(count(sim, TOKEN)).toBe(1);
    // 1.1 has words for backup jobs only: the newest backup run.
    const newest = sim.scenario.sessions().findLast((s) => s.type === 'backup')!;
    expect(poller.sessions.get(newest.id)?.jobId).toBe(newest.jobId);
    expect(await connector.resourceProgress!(newest.id)).toEqual([]);
    expect(count(sim, `${SESSIONS}/${newest.id}/taskSessions`)).toBe(0);
  });

  it('does not step down from a forced revision the server does not speak, and says what it speaks', async () => {
    const { sim, connector } = await setup({ apiVersion: '1.3-rev1', revisions: ['1.0-rev1', '1.0-rev2', '1.1-rev0'] });
    const error = await failure(connector.authenticate());
    expect(error.kind).toBe('http');
    expect(error.message).toBe(
      'VBR does not speak REST API revision 1.3-rev1 set for this appliance; it speaks 1.0-rev1, 1.0-rev2, 1.1-rev0.',
    );
    expect(count(sim, TOKEN)).toBe(1);
  });

  it('fails clearly on a server that speaks only revisions older than Backwatch knows', async () => {
    const { connector } = await setup({ revisions: ['1.0-rev1'] });
    const error = await failure(connector.authenticate());
    expect(error.message).toBe('VBR speaks none of the REST API revisions Backwatch knows (it speaks 1.0-rev1).');
  });
});

describe('VBR tokens', () => {
  it('refreshes before the 15-minute expiry, never logs in per poll, and logs in with the password when the refresh is refused', async () => {
    const { sim, connector } = await setup();
    const poller = new Poller(connector);
    for (let i = 0; i < 12; i++) {
      await poller.poll();
      sim.scenario.advance(5 * MINUTE);
    }
    // An hour of polls every 5 minutes: one login, and a refresh at 15, 30 and 45 minutes (13 minutes
    // into each token's life), each refresh token spent once.
    expect(sim.tokenStats.password).toBe(1);
    expect(sim.tokenStats.refresh).toBe(3);
    expect(sim.tokenStats.refusedRefresh).toBe(0);

    sim.expireTokens();
    await poller.poll();
    expect(sim.tokenStats.refusedRefresh).toBe(1);
    expect(sim.tokenStats.password).toBe(2);
  });

  it.each([true, false])('renews a token refused with 401 (empty body: %s) by refreshing it', async (emptyUnauthorized) => {
    const { sim, connector } = await setup({ quirks: { emptyUnauthorized } });
    const poller = new Poller(connector);
    await poller.poll();
    sim.expireTokens({ keepRefresh: true });
    await expect(poller.poll()).resolves.toBeDefined();
    expect(sim.tokenStats).toMatchObject({ password: 1, refresh: 1, refusedRefresh: 0 });
  });

  it('logs out on close', async () => {
    const { sim, connector } = await setup();
    await connector.authenticate();
    expect(sim.openTokens).toBe(1);
    await connector.close();
    expect(sim.tokenStats.logout).toBe(1);
    expect(sim.openTokens).toBe(0);
  });

  it('reports auth_failed for a wrong password', async () => {
    const { connector } = await setup({ connectorPassword: 'not the password' });
    const error = await failure(connector.authenticate());
    expect(error.kind).toBe('auth_failed');
    expect(error.message).toBe('VBR refused the user name or password of "CONTOSO\\svc-backwatch".');
  });
});

describe('VBR sessions', () => {
  it('pages the first window by skip/limit until pagination.total', async () => {
    const { sim, connector } = await setup({ tuning: { pageSize: 30, firstWindow: 1000, firstWindowMs: 365 * 24 * 60 * MINUTE } });
    const poller = new Poller(connector);
    await poller.poll();
    expect(count(sim, SESSIONS)).toBe(4);
    expect(sim.scenario.sessions().every((s) => poller.sessions.has(s.id))).toBe(true);
  });

  it('reads times in the server zone (+05:30, 0–7 fraction digits, none at all) as UTC', async () => {
    const { sim, connector } = await setup({ quirks: { zonelessEvery: 7 } });
    const poller = new Poller(connector);
    await poller.poll();
    const read = sim.scenario.sessions().filter((s) => poller.sessions.has(s.id));
    expect(read.some((s) => s.seq % sim.quirks.zonelessEvery === 0)).toBe(true);
    for (const s of read) {
      const mine = poller.sessions.get(s.id)!;
      // Fewer than three fraction digits drop part of the millisecond time, never more than a second.
      expect(s.createdAt - Date.parse(mine.start!)).toBeGreaterThanOrEqual(0);
      expect(s.createdAt - Date.parse(mine.start!)).toBeLessThan(1000);
      expect(s.endedAt! - Date.parse(mine.end!)).toBeLessThan(1000);
      expect(s.endedAt! - Date.parse(mine.end!)).toBeGreaterThanOrEqual(0);
      expect(mine.jobName).toBe(s.jobName);
    }
  });

  it('an idle poll is one request whatever the history; a running session adds one list of working sessions', async () => {
    const idle = async (historySize: number) => {
      const { sim, connector } = await setup({ historySize });
      const poller = new Poller(connector);
      await poller.poll();
      sim.server.resetStats();
      await poller.poll();
      return { sim, poller, requests: sim.server.stats.requests, bytes: sim.server.stats.bytes };
    };
    const small = await idle(100);
    const large = await idle(10_000);
    expect(small.requests).toBe(1);
    expect(large.requests).toBe(1);
    expect(large.bytes).toBeLessThanOrEqual(small.bytes + 16);

    const run = large.sim.scenario.startRun(DC_JOB.id);
    await large.poller.poll();
    large.sim.scenario.advance(5 * MINUTE);
    large.sim.server.resetStats();
    await large.poller.poll();
    expect(large.sim.server.stats.requests).toBe(2);
    expect(large.poller.sessions.get(run.id)?.progress.percent).toBeGreaterThan(0);
  });

  it('reports a deleted active session as gone', async () => {
    const { sim, connector } = await setup();
    const poller = new Poller(connector);
    await poller.poll();
    const run = sim.scenario.startRun(DC_JOB.id);
    await poller.poll();
    const active = poller.sessions.get(run.id)!;
    expect(active.status).toMatch(/^(queued|running)$/);
    sim.scenario.deleteSession(run.id);
    expect(await connector.refreshActive([active])).toEqual({ updated: [], gone: [run.id] });
  });
});

describe('VBR jobs, logs and task sessions', () => {
  // 1.2 documents no job type for backup copies and agent backups; no revision has one for log backups.
  const BACKUPS = VBR_DEMO_JOBS.filter((j) => j.type === 'backup');
  const LISTED_13 = VBR_DEMO_JOBS.filter((j) => j.type !== 'logBackup');
  it.each([
    ['1.1-rev0', false, BACKUPS],
    ['1.3-rev0', false, LISTED_13],
    ['1.3-rev1', false, LISTED_13],
    ['1.3-rev1', true, LISTED_13],
  ])('reads job states on %s (nulls for absent fields: %s): disabled jobs without nextRun', async (apiVersion, nullForAbsent, listed) => {
    const { sim, connector } = await setup({ apiVersion, quirks: { nullForAbsent } });
    const jobs = await connector.listJobs();
    expect(jobs.map((j) => j.name).sort()).toEqual(listed.map((j) => j.name).sort());
    expect(jobs.find((j) => j.id === DC_JOB.id)?.type).toBe(VBR_KINDS.backup.label);
    const disabled = jobs.filter((j) => !j.enabled);
    expect(disabled.map((j) => j.name)).toEqual(VBR_DEMO_JOBS.filter((j) => j.enabled === false).map((j) => j.name));
    expect(disabled[0]?.nextRun).toBeNull();
    const dc = jobs.find((j) => j.id === DC_JOB.id)!;
    expect(Math.abs(Date.parse(dc.nextRun!) - sim.scenario.job(DC_JOB.id)!.nextRunAt!)).toBeLessThan(1000);
  });

  it('pages a session log and maps its words', async () => {
    const { sim, connector } = await setup({ tuning: { logPageSize: 3 } });
    const failed = sim.scenario.sessions().find((s) => s.state === 'failed')!;
    const expected = sim.scenario.logOf(failed);
    const entries = [];
    for (let page = 0; ; page++) {
      const read = await connector.jobLog!(failed.id, page);
      entries.push(...read.entries);
      if (!read.more) break;
    }
    expect(entries.map((e) => e.message)).toEqual(expected.map((l) => l.message));
    expect(entries.some((e) => e.level === 'error')).toBe(true);
  });

  it.each([
    [false, /^\d+(\.\d+)? [KMGT]?B$/],
    [true, /^\d+,\d [KMGT]?B$/],
  ])('reads per-VM progress (sizes as localised text: %s)', async (localisedRates, transferred) => {
    const { sim, connector } = await setup({ quirks: { localisedRates } });
    const run = sim.scenario.startRun(DC_JOB.id);
    sim.scenario.advance(10 * MINUTE);
    const progress = await connector.resourceProgress!(run.id);
    expect(progress.length).toBe(DC_JOB.resources.length);
    const working = progress.find((p) => p.status === 'running' || p.status === 'succeeded')!;
    expect(working.throughputBytesPS).toBeGreaterThan(0);
    expect(working.transferredText).toMatch(transferred);
    expect(working.elapsedSec).toBeGreaterThan(0);
  });
});
