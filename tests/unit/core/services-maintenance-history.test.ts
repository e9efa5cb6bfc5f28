// Weekly windows are local wall-clock times: pin the zone so they fall at known UTC times.
process.env.TZ = 'UTC';

/**
 * The services keep the maintenance windows over time: a window's time is left out of compliance
 * only while it was planned, so adding a window dated in the past or removing one leaves the
 * compliance of the past as it was, and the report says when each window was added and removed.
 */
import { describe, expect, it } from 'vitest';
import { openMemoryHistoryStore } from '../../../src-main/core/history/history-store.js';
import { HOUR, makeSession } from '../common/factories.js';
import { addOk, h, services, start, time, useServicesRig } from './services-rig.js';

useServicesRig();

const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

/** An appliance whose job ran every six hours for ten days, but not from five to three days ago. */
async function fleetWithHistory() {
  services.dispose();
  const history = openMemoryHistoryStore();
  start({ history });
  const appliance = await addOk();
  const now = time.now();
  const sessions = Array.from({ length: 40 }, (_, i) => now - i * 6 * HOUR - HOUR)
    .filter((endMs) => endMs > now - 3 * DAY || endMs < now - 5 * DAY)
    .map((endMs) =>
      makeSession({
        id: `s-${endMs}`,
        applianceId: appliance.id,
        jobId: 'j1',
        jobName: 'Nightly',
        status: 'succeeded',
        start: iso(endMs - HOUR),
        end: iso(endMs),
      }),
    );
  history.recordPoll(appliance.id, { sessions, cursor: {}, behind: 0 });
}

async function lastWeek() {
  const made = await h()['reports:compliance']({ period: { lastDays: 7 } });
  if (!made.ok) throw new Error(made.message);
  return made.value;
}

describe('maintenance windows over time', () => {
  it('leaves out none of the past time of a one-off window added today with a start last week', async () => {
    await fleetWithHistory();
    const before = await lastWeek();
    expect(before.fleet.share).toBeLessThan(1);
    const now = time.now();
    const schedule = { kind: 'once', fromMs: now - 6 * DAY, toMs: now - 2 * DAY } as const;
    expect((await h()['maintenance:add']({ label: 'Array moved', scope: { kind: 'all' }, schedule })).ok).toBe(true);
    time.advance(HOUR);
    // The hour since is judged (and protected: the last run was an hour before); nothing is left out.
    const after = await lastWeek();
    expect([after.fleet.countedMs, after.fleet.protectedMs]).toEqual([before.fleet.countedMs + HOUR, before.fleet.protectedMs + HOUR]);
    expect(after.maintenance).toEqual([
      { label: 'Array moved', scope: 'everything', schedule: expect.any(String), added: iso(now), removed: null, leftOutMs: 0 },
    ]);
  });

  it('keeps leaving out the time a removed weekly window was planned, and says when it was added and removed', async () => {
    await fleetWithHistory();
    const addedAt = time.now();
    const nights = { kind: 'weekly', days: [0, 1, 2, 3, 4, 5, 6], start: '00:00', end: '06:00' } as const;
    const added = await h()['maintenance:add']({ label: 'Nights', scope: { kind: 'all' }, schedule: nights });
    if (!added.ok) throw new Error(added.message);
    time.advance(2 * DAY);
    const planned = await lastWeek();
    expect(planned.maintenance[0]?.leftOutMs).toBe(12 * HOUR);
    expect(await h()['maintenance:remove'](added.value.id)).toEqual({ ok: true, value: undefined });
    const removed = await lastWeek();
    expect(removed.fleet).toEqual(planned.fleet);
    expect(removed.maintenance).toEqual([
      { ...planned.maintenance[0], added: iso(addedAt), removed: iso(time.now()), leftOutMs: 12 * HOUR },
    ]);
  });
});
