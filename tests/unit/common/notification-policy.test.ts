import { describe, expect, it } from 'vitest';
import { inQuietHours, planNotifications } from '../../../src-main/common/notification-policy.js';
import type { NotificationInput } from '../../../src-main/common/notification-policy.js';
import type { HealthState, Session } from '../../../src-main/common/model.js';
import type { Settings } from '../../../src-main/common/settings.js';
import type { ChangeEvent } from '../../../src-main/common/snapshot.js';
import { at, HOUR, makeHealth, makeJob, makeRunning, makeSession, makeSettings, MINUTE, T0 } from './factories.js';

/** Local time equals UTC in these tests, so T0 (12:00Z) is noon. */
const utcMinutes = (ms: number) => Math.floor((ms % (24 * HOUR)) / MINUTE);
const NAMES: Record<string, string> = { a1: 'SPP prod', a2: 'VBO' };

type PlanOverrides = Partial<Omit<NotificationInput, 'settings' | 'events'>> & { settings?: Partial<Settings> };

function plan(events: readonly ChangeEvent[], over: PlanOverrides = {}) {
  return planNotifications({
    ledger: new Set(),
    held: [],
    now: T0,
    localMinutes: utcMinutes,
    applianceName: (id) => NAMES[id] ?? id,
    ...over,
    events,
    settings: makeSettings(over.settings),
  });
}

const failedEvent = (overrides: Partial<Session> = {}): ChangeEvent => {
  const session = makeSession({ status: 'failed', message: 'VM snapshot failed', end: at(-30 * MINUTE), ...overrides });
  return { kind: 'session_failed', key: `failed:${session.applianceId}/${session.id}`, session };
};
const unhealthyEvent = (applianceId: string, state: HealthState = 'unreachable'): ChangeEvent => ({
  kind: 'appliance_unhealthy',
  key: `unhealthy:${applianceId}:${state}:never`,
  applianceId,
  applianceName: NAMES[applianceId] ?? applianceId,
  health: makeHealth({ state, message: 'Connection refused', lastGoodPoll: at(-HOUR) }),
});
const recoveredEvent = (): ChangeEvent => {
  const session = makeSession({ end: at(-5 * MINUTE) });
  return { kind: 'job_recovered', key: `recovered:a1/${session.id}`, session, failedSessionId: 'old' };
};
const missedEvent = (): ChangeEvent => ({
  kind: 'missed_run',
  key: 'missed:a1/j1:x',
  applianceId: 'a1',
  job: makeJob(),
  dueAt: at(-20 * MINUTE),
});
const overrunEvent = (): ChangeEvent => {
  const session = makeRunning(-3 * HOUR);
  return { kind: 'overrun', key: `overrun:a1/${session.id}`, session, medianMs: HOUR };
};

describe('planNotifications: single notices', () => {
  it('words a failure for an admin and links to the session', () => {
    const event = failedEvent({ jobName: 'Nightly VMs' });
    const { notices, notifiedKeys, held } = plan([event]);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      kind: 'session_failed',
      title: 'Backup failed: Nightly VMs on SPP prod',
      body: 'VM snapshot failed\nEnded at 11:30.',
      keys: [event.key],
    });
    expect(notices[0]?.target).toEqual({
      view: 'session',
      ref: { applianceId: 'a1', sessionId: 'session' in event ? event.session.id : '' },
    });
    expect(notifiedKeys).toEqual([event.key]);
    expect(held).toEqual([]);
  });

  it('words recoveries, appliance problems, missed runs and overruns', () => {
    const settings = { notifications: { ...makeSettings().notifications, overruns: true } };
    const titles = plan([recoveredEvent(), unhealthyEvent('a2'), missedEvent()], { settings }).notices.map((n) => n.title);
    expect(titles).toEqual(['Backup recovered: Nightly VMs on SPP prod', 'VBO is unreachable', 'Missed run: Nightly VMs on SPP prod']);
    const [overrun] = plan([overrunEvent()], { settings }).notices;
    expect(overrun?.title).toBe('Running long: Nightly VMs on SPP prod');
    expect(overrun?.body).toBe('Running for 3 h 00 min; it usually takes about 1 h 00 min.');
    expect(plan([unhealthyEvent('a2')]).notices[0]?.target).toEqual({ view: 'appliance', applianceId: 'a2' });
  });

  it('never notifies starts, finishes or recovered appliances', () => {
    const session = makeSession();
    const quiet: ChangeEvent[] = [
      { kind: 'session_started', key: 'started:a1/x', session },
      { kind: 'session_finished', key: 'finished:a1/x:succeeded', session },
      { kind: 'appliance_healthy', key: 'healthy:a1:t', applianceId: 'a1', applianceName: 'SPP prod' },
    ];
    expect(plan(quiet)).toEqual({ notices: [], held: [], notifiedKeys: [] });
  });

  it('follows the per-kind switches (overruns are off by default)', () => {
    expect(plan([overrunEvent()]).notices).toEqual([]);
    const noFailures = { notifications: { ...makeSettings().notifications, failure: false } };
    expect(plan([failedEvent()], { settings: noFailures }).notices).toEqual([]);
  });
});

describe('planNotifications: de-duplication and mutes', () => {
  it('never notifies a key twice', () => {
    const event = failedEvent();
    const first = plan([event]);
    const second = plan([event], { ledger: new Set(first.notifiedKeys) });
    expect(first.notices).toHaveLength(1);
    expect(second).toEqual({ notices: [], held: [], notifiedKeys: [] });
  });

  it('stays silent for a muted job until the mute expires', () => {
    const event = failedEvent();
    const mutedJobs = { 'a1/j1': { until: at(HOUR) } };
    expect(plan([event], { settings: { mutedJobs } }).notices).toEqual([]);
    expect(plan([event], { settings: { mutedJobs }, now: T0 + 2 * HOUR }).notices).toHaveLength(1);
    expect(plan([failedEvent({ jobId: 'j2' })], { settings: { mutedJobs } }).notices).toHaveLength(1);
  });

  it('raises one appliance problem per appliance', () => {
    const { notices, notifiedKeys } = plan([unhealthyEvent('a1'), unhealthyEvent('a1', 'untrusted_certificate')]);
    expect(notices.map((n) => n.title)).toEqual(['SPP prod presents an untrusted certificate']);
    expect(notifiedKeys).toHaveLength(2);
  });
});

describe('planNotifications: digests', () => {
  it('keeps up to the threshold as single notices', () => {
    expect(plan([failedEvent(), failedEvent(), failedEvent()]).notices).toHaveLength(3);
  });

  it('turns more than the threshold into one digest naming the appliance', () => {
    const events = [1, 2, 3, 4].map((i) => failedEvent({ jobId: `j${i}`, jobName: `Job ${i}` }));
    const { notices, notifiedKeys } = plan(events);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      kind: 'digest',
      title: '4 jobs failed on SPP prod',
      target: { view: 'appliance', applianceId: 'a1' },
    });
    expect(notices[0]?.body.split('\n')).toEqual(events.map((_, i) => `Backup failed: Job ${i + 1} on SPP prod`));
    expect(notices[0]?.keys).toEqual(events.map((e) => e.key));
    expect(notifiedKeys).toEqual(events.map((e) => e.key));
  });

  it('summarises mixed kinds across appliances', () => {
    const events = [failedEvent(), failedEvent(), failedEvent({ applianceId: 'a2' }), missedEvent(), unhealthyEvent('a2')];
    const [digest] = plan(events).notices;
    expect(digest?.title).toBe('5 backup problems on 2 appliances');
    expect(digest?.target).toBeNull();
  });

  it('lists at most five lines in the body', () => {
    const events = Array.from({ length: 8 }, () => failedEvent());
    const lines = plan(events).notices[0]?.body.split('\n') ?? [];
    expect(lines).toHaveLength(6);
    expect(lines[5]).toBe('and 3 more');
  });

  it('uses the configured threshold', () => {
    const settings = { notifications: { ...makeSettings().notifications, digestThreshold: 1 } };
    expect(plan([failedEvent(), failedEvent()], { settings }).notices.map((n) => n.kind)).toEqual(['digest']);
  });
});

describe('quiet hours and pause', () => {
  const overnight = { enabled: true, start: '22:00', end: '07:00' };

  it('knows when a window wrapping midnight applies', () => {
    expect(inQuietHours(overnight, 23 * 60)).toBe(true);
    expect(inQuietHours(overnight, 3 * 60)).toBe(true);
    expect(inQuietHours(overnight, 7 * 60)).toBe(false);
    expect(inQuietHours(overnight, 12 * 60)).toBe(false);
    const daytime = { enabled: true, start: '09:00', end: '17:30' };
    expect(inQuietHours(daytime, 12 * 60)).toBe(true);
    expect(inQuietHours(daytime, 18 * 60)).toBe(false);
    expect(inQuietHours({ ...overnight, enabled: false }, 23 * 60)).toBe(false);
    expect(inQuietHours({ enabled: true, start: 'late', end: '07:00' }, 23 * 60)).toBe(false);
  });

  it('holds notices during quiet hours and releases them as one digest after', () => {
    const night = T0 + 11 * HOUR; // 23:00
    const quietHours = overnight;
    const round1 = plan([failedEvent()], { now: night, settings: { quietHours } });
    expect(round1.notices).toEqual([]);
    expect(round1.notifiedKeys).toEqual([]);
    const round2 = plan([unhealthyEvent('a2')], { now: night + HOUR, held: round1.held, settings: { quietHours } });
    expect(round2.notices).toEqual([]);
    expect(round2.held).toHaveLength(2);

    const morning = T0 + 19 * HOUR + 5 * MINUTE; // 07:05
    const release = plan([], { now: morning, held: round2.held, settings: { quietHours } });
    expect(release.notices.map((n) => [n.kind, n.title])).toEqual([['digest', '2 backup problems on 2 appliances']]);
    expect(release.held).toEqual([]);
    expect(release.notifiedKeys.sort()).toEqual(round2.held.map((e) => e.key).sort());
  });

  it('releases a single held event as a plain notice', () => {
    const held = [failedEvent()];
    const { notices } = plan([], { held });
    expect(notices.map((n) => n.kind)).toEqual(['session_failed']);
  });

  it('holds while paused and not after the pause ends', () => {
    const settings = { notificationsPausedUntil: at(HOUR) };
    const paused = plan([failedEvent()], { settings });
    expect(paused.notices).toEqual([]);
    expect(paused.held).toHaveLength(1);
    const after = plan([failedEvent()], { settings, now: T0 + 2 * HOUR, held: paused.held });
    expect(after.notices.map((n) => n.kind)).toEqual(['digest']);
  });

  it('drops held events of a job muted meanwhile', () => {
    const held = [failedEvent()];
    expect(plan([], { held, settings: { mutedJobs: { 'a1/j1': { until: null } } } })).toEqual({
      notices: [],
      held: [],
      notifiedKeys: [],
    });
  });
});

describe('planNotifications: protection', () => {
  const breach = (lastSuccess: string | null, jobId = 'j1'): ChangeEvent => ({
    kind: 'rpo_breached',
    key: `rpo:a1/${jobId}:${lastSuccess === null ? 'never' : 's1'}`,
    applianceId: 'a1',
    jobId,
    jobName: 'SQL Nightly',
    lastSuccess,
    rpoSec: 26 * 3600,
  });
  const restored = (): ChangeEvent => {
    const session = makeSession({ jobName: 'SQL Nightly', end: at(-4 * MINUTE) });
    return { kind: 'protection_restored', key: `restored:a1/${session.id}`, session };
  };
  const rules = (over: Partial<Settings['notifications']>) => ({ notifications: { ...makeSettings().notifications, ...over } });

  it('words a breach with the age of the last success and the RPO, and links to the appliance', () => {
    const [notice] = plan([breach(at(-31 * HOUR))]).notices;
    expect(notice).toMatchObject({
      kind: 'rpo_breached',
      title: 'No successful backup within RPO: SQL Nightly on SPP prod',
      body: 'Last success 31 h ago; its RPO is 26 h.',
      target: { view: 'appliance', applianceId: 'a1' },
    });
    expect(plan([breach(null)]).notices[0]?.body).toBe('It has never succeeded; its RPO is 26 h.');
  });

  it('words a restored protection and links to the session', () => {
    const event = restored();
    const [notice] = plan([event]).notices;
    expect(notice).toMatchObject({
      title: 'Protection restored: SQL Nightly on SPP prod',
      body: 'Succeeded at 11:56, within its RPO again.',
    });
    expect(notice?.target).toMatchObject({ view: 'session' });
  });

  it('follows the RPO rule for breaches and the recovery rule for restorations', () => {
    expect(plan([breach(null)], { settings: rules({ rpoBreaches: false }) }).notices).toEqual([]);
    expect(plan([restored()], { settings: rules({ recovery: false }) }).notices).toEqual([]);
    expect(plan([restored()], { settings: rules({ rpoBreaches: false }) }).notices).toHaveLength(1);
  });

  it('drops a breach already in the ledger or of a muted job, and holds it in quiet hours', () => {
    const event = breach(at(-31 * HOUR));
    expect(plan([event], { ledger: new Set([event.key]) }).notices).toEqual([]);
    expect(plan([event], { settings: { mutedJobs: { 'a1/j1': { until: null } } } }).notices).toEqual([]);
    const quiet = plan([event], { settings: { quietHours: { enabled: true, start: '11:00', end: '13:00' } } });
    expect(quiet).toEqual({ notices: [], held: [event], notifiedKeys: [] });
  });

  it('counts breaches in a digest', () => {
    const events = ['j1', 'j2', 'j3', 'j4'].map((jobId) => breach(null, jobId));
    expect(plan(events).notices.map((n) => n.title)).toEqual(['4 jobs at risk on SPP prod']);
  });

  it('says once that a success both recovered a failure and restored protection, and records both keys', () => {
    const restoring = restored();
    if (restoring.kind !== 'protection_restored') throw new Error('not a restoration');
    const recovered: ChangeEvent = {
      kind: 'job_recovered',
      key: `recovered:a1/${restoring.session.id}`,
      session: restoring.session,
      failedSessionId: 'f1',
    };
    const { notices, notifiedKeys } = plan([recovered, restoring]);
    expect(notices.map((n) => n.kind)).toEqual(['protection_restored']);
    expect(notifiedKeys).toEqual([recovered.key, restoring.key]);
  });
});
