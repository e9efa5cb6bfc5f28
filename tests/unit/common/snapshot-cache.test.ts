import { describe, expect, it } from 'vitest';
import type { Session } from '../../../src-main/common/model.js';
import type { Settings } from '../../../src-main/common/settings.js';
import type { FleetState } from '../../../src-main/common/snapshot.js';
import { createSnapshotCache } from '../../../src-main/common/snapshot-cache.js';
import { buildStatusSnapshot } from '../../../src-main/common/status-rules.js';
import { at, HOUR, makeApplianceState, makeFleet, makeJob, makeSession, makeSettings, MINUTE, T0 } from './factories.js';

const jobs = [makeJob({ id: 'j1' }), makeJob({ id: 'j2', name: 'Files' }), makeJob({ id: 'j3', name: 'Never' })];
const sessions: Session[] = [
  makeSession({ jobId: 'j1', start: at(-26 * HOUR), end: at(-25 * HOUR) }),
  makeSession({ jobId: 'j2', status: 'failed', start: at(-2 * HOUR), end: at(-HOUR) }),
  makeSession({ jobId: 'j3', status: 'failed', start: at(-20 * HOUR), end: at(-19 * HOUR) }),
  // A clock fault: this success "ends" in three hours.
  makeSession({ jobId: 'j2', start: at(-HOUR), end: at(3 * HOUR) }),
];
const appliance = makeApplianceState({ jobs, sessions });

/** The monitor hands over a new array of the same session objects on every call. */
const fleetOf = (list: readonly Session[]): FleetState => makeFleet([{ ...appliance, sessions: [...list] }]);

describe('the snapshot cache', () => {
  it('answers exactly as a snapshot without it, as time passes every boundary', () => {
    const cache = createSnapshotCache();
    const settings = makeSettings({ mutedJobs: { 'a1/j2': { until: at(90 * MINUTE) } } });
    // Before and after: j1's RPO (T0 + 1 h), the mute's end, the bogus end entering the tolerance, j3's RPO.
    for (const offset of [0, HOUR, HOUR + 1, 90 * MINUTE, 2 * HOUR + 1, 3 * HOUR, 6 * HOUR, 6 * HOUR + 1, 7 * HOUR, 40 * HOUR]) {
      const now = T0 + offset;
      const cached = buildStatusSnapshot(fleetOf(sessions), settings, now, () => true, cache);
      expect(cached, `at T0 + ${offset / MINUTE} min`).toEqual(buildStatusSnapshot(fleetOf(sessions), settings, now, () => true));
    }
  });

  it('reads changed sessions, changed settings and a clock that went back', () => {
    const cache = createSnapshotCache();
    const settings = makeSettings();
    const snap = (list: readonly Session[], s: Settings, now: number) => buildStatusSnapshot(fleetOf(list), s, now, () => true, cache);
    expect(snap(sessions, settings, T0 + 2 * HOUR).atRiskJobs).toBe(1);
    const rescued = [...sessions, makeSession({ jobId: 'j1', start: at(HOUR), end: at(90 * MINUTE) })];
    expect(snap(rescued, settings, T0 + 2 * HOUR).atRiskJobs).toBe(0);
    expect(snap(rescued, makeSettings({ rpoSec: 21 * 3600 }), T0 + 2 * HOUR).atRiskJobs).toBe(1);
    expect(snap(sessions, settings, T0 + 2 * HOUR).atRiskJobs).toBe(1);
    expect(snap(sessions, settings, T0).atRiskJobs).toBe(0);
  });

  it('forgets appliances that left the fleet', () => {
    const cache = createSnapshotCache();
    const settings = makeSettings();
    buildStatusSnapshot(fleetOf(sessions), settings, T0, () => true, cache);
    expect(buildStatusSnapshot(makeFleet([]), settings, T0, () => true, cache).appliances).toEqual([]);
    const again = buildStatusSnapshot(fleetOf(sessions), settings, T0 + 2 * HOUR, () => true, cache);
    expect(again).toEqual(buildStatusSnapshot(fleetOf(sessions), settings, T0 + 2 * HOUR, () => true));
  });
});
