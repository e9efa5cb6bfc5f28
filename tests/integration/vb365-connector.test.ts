import { describe, expect, it } from 'vitest';
import { readVb365Details } from '../../src-main/common/vendors/vb365/vb365-details.js';
import { isActiveStatus } from '../../src-main/common/model.js';
import type { Vb365Tuning } from '../../src-main/core/connectors/vb365/vb365-connector.js';
import { VB365_TUNING, createVb365Connector } from '../../src-main/core/connectors/vb365/vb365-connector.js';
import type { Vb365Simulator, Vb365SimulatorOptions } from '../../src-main/demo/vb365/vb365-simulator.js';
import { VB365_DEMO_JOBS, startVb365Simulator } from '../../src-main/demo/vb365/vb365-simulator.js';
import { connectorSetups, Poller, type ConnectorSetup, type ConnectorWiring } from './connector-setup.js';
import { failure } from './failure.js';

const MINUTE = 60_000;
const TEAMS_JOB = VB365_DEMO_JOBS.find((j) => j.subType === 'teams')!;

const wire = connectorSetups();

async function setup(
  options: Vb365SimulatorOptions & { userVersion?: string; connectorPassword?: string; tuning?: Partial<Vb365Tuning> } = {},
): Promise<ConnectorSetup<Vb365Simulator>> {
  const { userVersion, tuning, connectorPassword, ...simOptions } = options;
  const sim = await startVb365Simulator({ historySize: 100, ...simOptions });
  const wiring: ConnectorWiring = {
    vendor: 'vb365',
    applianceId: 'vbo-1',
    applianceName: 'VBO',
    options: userVersion ? { apiVersion: userVersion } : {},
    ...(connectorPassword === undefined ? {} : { password: connectorPassword }),
  };
  return wire(sim, wiring, (ctx) => createVb365Connector(ctx, { ...VB365_TUNING, ...tuning }));
}

const paths = (sim: Vb365Simulator): string[] => [...sim.server.stats.byPath.keys()];

describe.each(['v5', 'v6', 'v7', 'v8'] as const)('VB365 connector against a %s server', (version) => {
  it('negotiates the server version, reads jobs, a bounded first window and job logs', async () => {
    const { sim, connector } = await setup({ apiVersion: version });
    const jobs = await connector.listJobs();
    expect(jobs.map((j) => j.name).sort()).toEqual(VB365_DEMO_JOBS.map((j) => j.name).sort());
    const enabled = jobs.find((j) => j.name === TEAMS_JOB.name);
    expect(enabled?.nextRun).toBe(new Date(sim.scenario.job(TEAMS_JOB.id)!.nextRunAt!).toISOString());
    expect(jobs.find((j) => !j.enabled)?.nextRun).toBeNull();

    const poller = new Poller(connector);
    const first = await poller.poll();
    // Every path went to the server's own version, and newer prefixes were only tried for the token.
    const used = paths(sim).filter((p) => !p.endsWith('/Token'));
    expect(used.every((p) => p.startsWith(`/${version}/`))).toBe(true);
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThanOrEqual(
      VB365_TUNING.firstWindow + VB365_TUNING.newestPageSize + jobs.length * VB365_TUNING.newestPageSize,
    );
    // Each job's last session is known after the first poll, even a job that ran before the window.
    for (const job of sim.scenario.jobs()) {
      if (job.lastFinished) expect(poller.sessions.has(job.lastFinished.id)).toBe(true);
    }
    const newest = sim.scenario.sessions().at(-1)!;
    const mine = poller.sessions.get(newest.id)!;
    expect(mine.start).toBe(new Date(newest.createdAt).toISOString());
    expect(mine.jobName).toBe(newest.jobName);
    expect(readVb365Details(mine.details ?? {}).statistics?.transferredDataBytes).toBeGreaterThan(0);

    const failed = [...poller.sessions.values()].find((s) => s.status === 'failed' || s.status === 'warning')!;
    const logPage = await connector.jobLog!(failed.id, 0);
    expect(logPage.entries.length).toBeGreaterThan(2);
    expect(logPage.entries.some((e) => e.level === (failed.status === 'failed' ? 'error' : 'warning'))).toBe(true);
    expect(logPage.entries[0]?.time).toBe(new Date(sim.scenario.session(failed.id)!.createdAt).toISOString());
  });
});

describe('VB365 answers as documented and as seen in the field', () => {
  it.each([false, true])('logs in whether token dates are date-times or RFC 1123 (%s)', async (rfc1123TokenDates) => {
    const { connector } = await setup({ quirks: { rfc1123TokenDates } });
    await expect(connector.authenticate()).resolves.toBeUndefined();
  });

  it("reads v8's documented log types: a canceled run's summary says Stop, read as a warning", async () => {
    const { sim, connector } = await setup({ apiVersion: 'v8' });
    const run = sim.scenario.startRun(TEAMS_JOB.id);
    sim.scenario.advance(60_000);
    sim.scenario.finishRun(run.id, 'canceled');
    const log = await connector.jobLog!(run.id, 0);
    expect(log.entries.at(-1)?.level).toBe('warning');
  });
});

describe('VB365 version negotiation', () => {
  it('tries newer prefixes first and settles on the newest the server answers', async () => {
    const { sim, connector } = await setup({ apiVersion: 'v6' });
    await connector.authenticate();
    await connector.listJobs();
    expect(paths(sim)).toEqual(['/v8/Token', '/v7/Token', '/v6/Token', '/v6/Jobs']);
  });

  it('honours the version the user set, even when the server speaks a newer one', async () => {
    const { sim, connector } = await setup({ apiVersion: 'v8', userVersion: 'v5' });
    await new Poller(connector).poll();
    expect(paths(sim).every((p) => p.startsWith('/v5/'))).toBe(true);
  });

  it('does not fall back from a user-set version the server does not speak', async () => {
    const { sim, connector } = await setup({ apiVersion: 'v6', userVersion: 'v8' });
    const error = await failure(connector.authenticate());
    expect(error.kind).toBe('http');
    expect(error.extra.status).toBe(404);
    expect(paths(sim)).toEqual(['/v8/Token']);
  });

  it('reports a wrong password as auth_failed', async () => {
    const { connector } = await setup({ connectorPassword: 'wrong' });
    expect((await failure(connector.authenticate())).kind).toBe('auth_failed');
  });
});

describe('VB365 tokens', () => {
  it('reuses the token, refreshes it shortly before expiry and logs in again only when refresh fails', async () => {
    const { sim, connector } = await setup({ tokenLifetimeSec: 3600 });
    await connector.authenticate();
    sim.scenario.advance(50 * MINUTE);
    await connector.authenticate();
    await connector.listJobs();
    expect(sim.tokenStats).toMatchObject({ password: 1, refresh: 0 });

    sim.scenario.advance(6 * MINUTE); // 4 minutes left: inside the refresh margin
    await connector.listJobs();
    expect(sim.tokenStats).toMatchObject({ password: 1, refresh: 1 });

    sim.expireTokens(); // refresh tokens too
    sim.scenario.advance(58 * MINUTE);
    await connector.listJobs();
    expect(sim.tokenStats).toMatchObject({ password: 2, refresh: 2 });
  });

  it('renews the token once on a 401, with the refresh token first', async () => {
    const { sim, connector } = await setup();
    await connector.listJobs();
    sim.expireTokens({ keepRefresh: true });
    await expect(connector.listJobs()).resolves.toHaveLength(VB365_DEMO_JOBS.length);
    expect(sim.tokenStats).toMatchObject({ password: 1, refresh: 1 });
  });

  it('backs off on a 429 from the token endpoint instead of retrying in a loop', async () => {
    const { sim, connector } = await setup({ tokenRateLimitPerMinute: 2 });
    await connector.authenticate();
    sim.expireTokens();
    // 401 → refresh refused (2nd token request) → login answered 429 (3rd, over the limit).
    const error = await failure(connector.listJobs());
    expect(error.kind).toBe('rate_limited');
    expect(error.extra.retryAfterMs).toBeGreaterThan(0);
    const tokenRequests = () => sim.server.stats.byPath.get('/v8/Token') ?? 0;
    const before = tokenRequests();
    expect(before).toBe(3);
    for (let i = 0; i < 20; i++) expect((await failure(connector.authenticate())).kind).toBe('rate_limited');
    await failure(connector.listSessions(null, { active: [], has: () => false }));
    expect(tokenRequests()).toBe(before);

    sim.scenario.advance(error.extra.retryAfterMs! + 1000);
    await connector.authenticate();
    expect(tokenRequests()).toBe(before + 1);
    expect(sim.tokenStats.password).toBe(2);
  });

  it('logs out on close', async () => {
    const { sim, connector } = await setup();
    await connector.authenticate();
    expect(sim.openTokens).toBe(1);
    await connector.close();
    expect(sim.openTokens).toBe(0);
  });
});

describe('VB365 incremental sessions', () => {
  it('keeps the idle poll cost independent of history size (100 vs 10,000)', async () => {
    const at = Date.parse('2025-03-03T10:07:00Z');
    const cost = async (historySize: number) => {
      const { sim, http, connector } = await setup({ historySize, now: () => at });
      const poller = new Poller(connector);
      await connector.listJobs();
      await poller.poll();
      const before = { requests: http.stats.requests, bytes: http.stats.bytes };
      const idle = await poller.poll();
      expect(idle).toEqual([]);
      expect(sim.scenario.sessions()).toHaveLength(historySize);
      const spent = { requests: http.stats.requests - before.requests, bytes: http.stats.bytes - before.bytes };
      // Cheap, not merely constant: far less than the first poll's window.
      expect(spent.bytes).toBeLessThan(before.bytes / 4);
      return spent;
    };
    const small = await cost(100);
    const large = await cost(10_000);
    expect(large.requests).toBe(small.requests);
    expect(small.requests).toBeLessThanOrEqual(2);
    expect(Math.abs(large.bytes - small.bytes) / small.bytes).toBeLessThan(0.1);
  });

  it('sees a new session, its progress as a count of objects, and its end', async () => {
    const { sim, connector } = await setup();
    const poller = new Poller(connector);
    await poller.poll();
    const run = sim.scenario.startRun(TEAMS_JOB.id);
    const seen = (await poller.poll()).find((s) => s.id === run.id);
    expect(seen).toMatchObject({ status: 'running', vendorStatus: 'Running', end: null, jobName: TEAMS_JOB.name });
    expect(seen?.progress).toEqual({ percent: null, completed: 0, total: null, unit: 'objects' });

    const counts: number[] = [];
    for (let i = 0; i < 10 && isActiveStatus(poller.sessions.get(run.id)!.status); i++) {
      sim.scenario.advance(TEAMS_JOB.durationMs / 4);
      await poller.poll();
      counts.push(poller.sessions.get(run.id)!.progress.completed ?? -1);
    }
    const done = poller.sessions.get(run.id)!;
    expect(done.status).toBe(run.state === 'warning' ? 'warning' : 'succeeded');
    expect(done.end).toBe(new Date(run.endedAt!).toISOString());
    expect(counts.at(-1)).toBe(TEAMS_JOB.resources.length);
    expect(counts.some((n) => n > 0 && n < TEAMS_JOB.resources.length)).toBe(true);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
  });

  it('reports a failure the job will retry, then the success of the same job', async () => {
    const { sim, connector } = await setup();
    const poller = new Poller(connector);
    await poller.poll();
    sim.scenario.failNext(TEAMS_JOB.id);
    const bad = sim.scenario.startRun(TEAMS_JOB.id);
    await poller.poll();
    sim.scenario.advance(TEAMS_JOB.durationMs * 2);
    await poller.poll();
    const failed = poller.sessions.get(bad.id)!;
    expect(failed).toMatchObject({ status: 'failed', vendorStatus: 'Failed' });
    expect(failed.details?.willBeRetried).toBe(true);
    expect(failed.message).toContain(': ');

    const good = sim.scenario.startRun(TEAMS_JOB.id);
    sim.scenario.advance(TEAMS_JOB.durationMs * 2);
    await poller.poll();
    const retried = poller.sessions.get(good.id)!;
    expect(retried.status).toMatch(/^(succeeded|warning)$/);
    expect(retried.jobId).toBe(failed.jobId);
    expect(Date.parse(retried.start!)).toBeGreaterThan(Date.parse(failed.start!));
  });

  it('reads statistics sent as text like old versions did', async () => {
    const { sim, connector } = await setup({ apiVersion: 'v5', numbersAsText: true });
    const poller = new Poller(connector);
    await poller.poll();
    const newest = sim.scenario.sessions().at(-1)!;
    const s = poller.sessions.get(newest.id)!;
    expect(s.progress.completed).toBe(newest.processed);
    expect(readVb365Details(s.details ?? {}).statistics?.processingRateBytesPS).toBeGreaterThan(0);
    expect(readVb365Details(s.details ?? {}).statistics?.transferredDataBytes).toBeGreaterThan(0);
  });

  it('stays correct when the server lists sessions oldest first', async () => {
    const { sim, http, connector, lines } = await setup({ historySize: 1000, sessionOrder: 'oldest' });
    const poller = new Poller(connector);
    await poller.poll();
    for (const job of sim.scenario.jobs()) {
      if (job.lastFinished) expect(poller.sessions.has(job.lastFinished.id)).toBe(true);
    }
    const run = sim.scenario.startRun(TEAMS_JOB.id);
    await poller.poll();
    sim.scenario.advance(TEAMS_JOB.durationMs * 2);
    await poller.poll();
    expect(poller.sessions.get(run.id)?.end).toBe(new Date(run.endedAt!).toISOString());

    const before = http.stats.requests;
    expect(await poller.poll()).toEqual([]);
    expect(http.stats.requests - before).toBeLessThanOrEqual(2);
    // The oddity is logged once, not per poll.
    expect(lines.filter((l) => l.message.includes('newest first'))).toHaveLength(1);
  });
});
