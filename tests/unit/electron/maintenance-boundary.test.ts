// Recurring windows are local wall-clock times: pin a zone with daylight saving for this file.
process.env.TZ = 'Europe/Berlin';
/**
 * A maintenance window's edges reach the tray and the notifications at their own time, not at the
 * next poll: through the real app core and the Electron shell's tray and notifier, on a fake clock,
 * with polls an hour or more apart. The weekly window spans the night daylight saving ends, so
 * it closes seven hours after it opens.
 */
import { Notification, resetElectronMock } from './electron-mock.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MaintenanceWindow } from '../../../src-main/common/maintenance.js';
import { nextMaintenanceBoundary } from '../../../src-main/common/maintenance.js';
import type { AppCore } from '../../../src-main/core/app/app-core.js';
import { silentLogger } from '../../../src-main/core/logger.js';
import { cronWindows } from '../../../src-main/core/maintenance/cron-starts.js';
import type { SppSimulator } from '../../../src-main/demo/spp/spp-simulator.js';
import type { FakeTime } from '../../support/fake-time.js';
import { startShellAroundSimulator, type ShellAroundSimulator } from '../../support/shell-around-simulator.js';
import { icon, trayIcon } from './mocked-shell.js';

vi.mock('electron', () => import('./electron-mock.js'));

const HOUR = 3_600_000;
// Saturday 24 October 2026, 21:00 in Berlin; daylight saving ends that night (03:00 CEST → 02:00 CET).
const T0 = new Date(2026, 9, 24, 21, 0).getTime();
const OPENS = new Date(2026, 9, 24, 22, 0).getTime();
const CLOSES = new Date(2026, 9, 25, 4, 0).getTime();
const saturdayNight: MaintenanceWindow = {
  id: 'sat',
  label: 'Saturday patching',
  scope: { kind: 'all' },
  schedule: { kind: 'weekly', days: [6], start: '22:00', end: '04:00' },
};

let shell: ShellAroundSimulator;
let time: FakeTime;
let sim: SppSimulator;
let core: AppCore;

beforeEach(async () => {
  resetElectronMock();
  shell = await startShellAroundSimulator({
    start: T0,
    log: silentLogger,
    settings: { pollIntervalSec: 86_400, objectReadIntervalMin: 1440, maintenanceWindows: [saturdayNight] },
  });
  ({ time, sim, core } = shell);
});

afterEach(() => shell.close());

const titles = () => Notification.shown.map((n) => n.options.title ?? '');

/** A run of the job that fails, seen by one poll. */
async function failRun(jobId: string): Promise<void> {
  const run = sim.scenario.startRun(jobId);
  await core.handlers['appliances:refresh']();
  time.advance(60_000);
  sim.scenario.finishRun(run.id, 'failed');
  await core.handlers['appliances:refresh']();
}

describe('a maintenance window at its edges', () => {
  it('turns the tray to maintenance when it opens and back, with the held failure as a notice, when it closes', async () => {
    await core.snapshot();
    await core.handlers['appliances:refresh']();
    const [first, second] = sim.scenario.jobs();
    await failRun(first!.id);
    time.advance(1000);
    expect(trayIcon()).toEqual(icon('failed'));
    const before = Notification.shown.length;
    expect(titles().some((t) => t.includes(first!.name))).toBe(true);

    time.advance(OPENS - time.now() - 1);
    expect(trayIcon()).toEqual(icon('failed'));
    time.advance(1);
    time.advance(300);
    expect(trayIcon()).toEqual(icon('maintenance'));

    await failRun(second!.id);
    time.advance(1000);
    expect(Notification.shown).toHaveLength(before);
    expect(trayIcon()).toEqual(icon('maintenance'));

    // Daylight saving ends inside the window: 22:00 CEST to 04:00 CET is seven hours.
    expect(CLOSES - OPENS).toBe(7 * HOUR);
    time.advance(CLOSES - time.now() - 1);
    expect(Notification.shown).toHaveLength(before);
    time.advance(1);
    time.advance(300);
    expect(trayIcon()).toEqual(icon('failed'));
    const released = Notification.shown.slice(before).map((n) => `${n.options.title} ${n.options.body}`);
    expect(released).toHaveLength(1);
    expect(released[0]).toContain(second!.name);
  });
});

describe('the next edge of the windows', () => {
  it('is the open or the close nearest ahead, in local time across daylight saving', () => {
    expect(nextMaintenanceBoundary([saturdayNight], T0, 24 * HOUR, cronWindows)).toBe(OPENS);
    expect(nextMaintenanceBoundary([saturdayNight], OPENS, 24 * HOUR, cronWindows)).toBe(CLOSES);
    expect(nextMaintenanceBoundary([], T0, 24 * HOUR, cronWindows)).toBe(T0 + 24 * HOUR);
  });

  it('follows a cron window, which stays open its duration even on the night the clocks go back', () => {
    const nightly: MaintenanceWindow = {
      ...saturdayNight,
      id: 'cron',
      schedule: { kind: 'cron', expression: '30 1 * * *', durationMin: 120 },
    };
    const opens = new Date(2026, 9, 25, 1, 30).getTime();
    expect(nextMaintenanceBoundary([nightly], T0, 24 * HOUR, cronWindows)).toBe(opens);
    expect(nextMaintenanceBoundary([nightly], opens, 24 * HOUR, cronWindows)).toBe(opens + 2 * HOUR);
    // Two windows: the nearer edge wins, whichever window it belongs to.
    expect(nextMaintenanceBoundary([saturdayNight, nightly], OPENS, 24 * HOUR, cronWindows)).toBe(opens);
  });
});
