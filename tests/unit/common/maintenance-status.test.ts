/** What an open maintenance window does to the status snapshot and the tray drawn from it. */
import { describe, expect, it } from 'vitest';
import type { MaintenanceWindow, OpenWindow } from '../../../src-main/common/maintenance.js';
import { withMaintenance } from '../../../src-main/common/maintenance-status.js';
import { trayModel } from '../../../src-main/common/tray-model.js';
import {
  HOUR,
  T0,
  makeAppliance,
  makeApplianceState,
  makeFleet,
  makeHealth,
  makeJob,
  makeSession,
  makeSettings,
  snapshotOf,
} from './factories.js';

const failedRun = (applianceId: string, jobId: string) =>
  makeSession({
    id: `${applianceId}-${jobId}-1`,
    applianceId,
    jobId,
    jobName: jobId,
    status: 'failed',
    start: new Date(T0 - HOUR).toISOString(),
    end: new Date(T0 - HOUR / 2).toISOString(),
  });

const fleet = makeFleet([
  makeApplianceState({
    appliance: makeAppliance({ id: 'a1', name: 'SPP prod' }),
    jobs: [makeJob({ id: 'oracle', applianceId: 'a1', name: 'oracle' }), makeJob({ id: 'exchange', applianceId: 'a1', name: 'exchange' })],
    sessions: [failedRun('a1', 'oracle')],
  }),
  makeApplianceState({
    appliance: makeAppliance({ id: 'a2', name: 'VBR' }),
    health: makeHealth({ state: 'unreachable', message: 'gone' }),
  }),
]);

const open = (scope: MaintenanceWindow['scope']): OpenWindow[] => [
  { window: { id: 'w', label: 'Patching', scope, schedule: { kind: 'once', fromMs: T0 - HOUR, toMs: T0 + HOUR } }, endsAtMs: T0 + HOUR },
];
const opts = { startAtLogin: false, startAtLoginSupported: true };

describe('status in a maintenance window', () => {
  const plain = snapshotOf(fleet, makeSettings(), T0);

  it('shows the maintenance state only for what the window covers; a problem outside still wins', () => {
    expect(plain.overall).toBe('failed');
    const jobWindow = withMaintenance(plain, open({ kind: 'job', applianceId: 'a1', jobId: 'oracle' }));
    const spp = jobWindow.appliances[0]!;
    expect(spp.jobs.find((j) => j.jobId === 'oracle')?.maintenanceUntil).toBe(new Date(T0 + HOUR).toISOString());
    expect(spp.jobs.find((j) => j.jobId === 'exchange')?.maintenanceUntil).toBeUndefined();
    expect(spp.status).toBe('maintenance');
    // The unreachable VBR is outside the window: its problem still shows.
    expect(jobWindow.overall).toBe('appliance_problem');
    expect(jobWindow.appliances[1]!.status).toBe('appliance_problem');
  });

  it('turns the tray to its maintenance glyph when every problem is inside a window, and leaves them out of the badge', () => {
    const everything = withMaintenance(plain, open({ kind: 'all' }));
    expect(everything.overall).toBe('maintenance');
    expect(everything.appliances.map((a) => a.status)).toEqual(['maintenance', 'maintenance']);
    const tray = trayModel(everything, T0, opts);
    expect(tray.icon).toBe('maintenance');
    expect(tray.badge).toBe(0);
    expect(tray.tooltipLines[0]).toBe('Backwatch: Maintenance window open');
    expect(tray.tooltipLines[1]).toMatch(/^SPP prod: 1 failed, in maintenance/);
    // Still listed: the failure inside the window is a problem the window shows.
    expect(everything.problems.map((p) => p.applianceId)).toEqual(plain.problems.map((p) => p.applianceId));
    expect(trayModel(plain, T0, opts).badge).toBe(1);
  });

  it('leaves the snapshot as it is when no window is open, so a failure counts again once the window closes', () => {
    expect(withMaintenance(plain, [])).toBe(plain);
  });

  it('marks a snapshot marked at another time again, as one built now would be marked: what a closed window held counts again', () => {
    const job = open({ kind: 'job', applianceId: 'a1', jobId: 'oracle' });
    const [jobWindow, everything] = [withMaintenance(plain, job), withMaintenance(plain, open({ kind: 'all' }))];
    expect(withMaintenance(everything, [])).toEqual(plain);
    expect(withMaintenance(jobWindow, [])).toEqual(plain);
    expect(withMaintenance(everything, job)).toEqual(jobWindow);
    expect(withMaintenance(jobWindow, open({ kind: 'all' }))).toEqual(everything);
    expect(withMaintenance(everything, open({ kind: 'all' }))).toBe(everything);
  });

  it('lets machines nobody acknowledged weigh as at risk again once no window holds anything', () => {
    const state = makeApplianceState({
      appliance: makeAppliance({ id: 'a1' }),
      jobs: [makeJob({ id: 'oracle', applianceId: 'a1', name: 'oracle' })],
      sessions: [{ ...failedRun('a1', 'oracle'), status: 'succeeded' }],
    });
    const quiet = snapshotOf(makeFleet([state]), makeSettings(), T0);
    expect(quiet.overall).toBe('ok');
    const objects = {
      counts: { unprotected: 2, at_risk: 0, protected: 5, excluded: 0 },
      acknowledged: { unprotected: 1, at_risk: 0 },
      problems: [],
      problemsOmitted: 0,
      coverage: [],
    };
    const withMachines = { ...quiet, overall: 'at_risk' as const, objects };
    const held = withMaintenance(withMachines, open({ kind: 'all' }));
    expect(held.overall).toBe('maintenance');
    expect(withMaintenance(held, [])).toEqual(withMachines);
    const allAcknowledged = {
      ...withMachines,
      overall: quiet.overall,
      objects: { ...objects, acknowledged: { unprotected: 2, at_risk: 0 } },
    };
    expect(withMaintenance(withMaintenance(allAcknowledged, open({ kind: 'all' })), [])).toEqual(allAcknowledged);
  });
});
