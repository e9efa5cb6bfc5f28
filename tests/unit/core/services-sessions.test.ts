/** The services: sessions: lists, detail and logs. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Appliance, Session } from '../../../src-main/common/model.js';
import { on } from '../../../src-main/common/event.js';
import type { SessionsDelta, StatusSnapshot } from '../../../src-main/common/snapshot.js';
import type { Connector } from '../../../src-main/core/connectors/connector.js';
import { HOUR, MINUTE, at, makeRunning, makeSession } from '../common/factories.js';
import { addOk, config, draft, h, monitor, services, time, useServicesRig } from './services-rig.js';

useServicesRig();

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

  it('get leads a failed run with its cause: a failed resource, else the log’s errors, else its message', async () => {
    const vm = { type: 'vm', vendorStatus: 'FAILED', percent: 40, transferredText: null, throughputBytesPS: null, elapsedSec: 5 };
    let resources = [{ ...vm, resourceName: 'web-prod-02', status: 'failed', message: 'the storage target is out of space' }];
    let logReads = 0;
    const log = [{ time: null, level: 'error', message: 'erp-db-01: snapshot creation timed out' }];
    monitor.connectors.set(appliance.id, {
      resourceProgress: async () => resources,
      jobLog: async () => {
        logReads++;
        return { entries: log, more: false };
      },
    } as unknown as Connector);
    const get = async (sessionId: string) => (await h()['sessions:get']({ applianceId: appliance.id, sessionId }))?.cause;
    expect(await get('failed')).toBe('web-prod-02: the storage target is out of space');
    expect(logReads).toBe(0);
    resources = [];
    expect(await get('failed')).toBe('erp-db-01: snapshot creation timed out');
    log.length = 0;
    expect(await get('failed')).toBe('Snapshot quota exceeded');
    // A running or a successful run has no cause, and its log is not read for one.
    expect(await get('running')).toBeNull();
    expect(await get('old')).toBeNull();
    expect(logReads).toBe(2);
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
    const off = services.events((event) => seen.push({ event: event.type, payload: event.payload }));
    monitor.push({ changes: [], changedSessions: [s.running], removedSessionKeys: [`${appliance.id}/old`] });
    expect(seen.map((e) => e.event)).toEqual(['sessions:changed', 'status:changed']);
    expect(seen[0]?.payload).toEqual({
      reset: false,
      upserted: [s.running],
      removed: [`${appliance.id}/old`],
    } satisfies SessionsDelta);
    expect((seen[1]?.payload as StatusSnapshot).appliances.map((a) => a.id)).toEqual([appliance.id, other.id]);
    off();
    monitor.push({ changes: [], changedSessions: [], removedSessionKeys: [] });
    expect(seen).toHaveLength(2);
    services.dispose();
    services.events((event) => seen.push({ event: event.type, payload: event.payload }));
    monitor.push({ changes: [], changedSessions: [s.running], removedSessionKeys: [] });
    expect(seen).toHaveLength(2);
  });

  it('polls that end together share status snapshots, and the last state is always sent', async () => {
    const statuses: StatusSnapshot[] = [];
    on(services.events, 'status:changed', (snapshot) => statuses.push(snapshot));
    for (let i = 0; i < 20; i++) monitor.push({ changes: [], changedSessions: [], removedSessionKeys: [] });
    expect(statuses).toHaveLength(1);
    monitor.poll(other, [{ ...s.failed, applianceId: other.id }]);
    monitor.push({ changes: [], changedSessions: [s.failed], removedSessionKeys: [] }, other.id);
    expect(statuses).toHaveLength(1);
    time.advance(250);
    expect(statuses).toHaveLength(2);
    expect(statuses[1]?.appliances.find((a) => a.id === other.id)?.status).toBe('failed');
  });
});
