/**
 * A timer at the edges of the maintenance windows: when one opens or closes, the tray's state and
 * the held notifications change at that moment, not at the next poll (which may be an hour away)
 * nor at a team server's next status. The timer is armed again whenever the windows change, and
 * at least once a day.
 */
import type { Event } from '../../common/event.js';
import { nextMaintenanceBoundary, type MaintenanceWindow } from '../../common/maintenance.js';
import type { Scheduler, TimerHandle } from '../poller/scheduler.js';
import { cronWindows } from './cron-starts.js';

/** How far ahead the next edge is looked for; the timer then looks again. */
const HORIZON_MS = 86_400_000;

export interface MaintenanceBoundaryDeps {
  /** The windows as they stand now: this process's settings, or a team server's list. */
  readonly windows: () => readonly MaintenanceWindow[];
  /** Fires when the windows may have changed; the timer is armed again. */
  readonly windowsChanged: Event<unknown>;
  readonly now: () => number;
  readonly scheduler: Scheduler;
  /** Called at each edge, at its own time. */
  readonly onBoundary: () => void;
}

export function watchMaintenanceBoundaries(deps: MaintenanceBoundaryDeps): { stop(): void } {
  let timer: TimerHandle | null = null;
  const arm = () => {
    if (timer !== null) deps.scheduler.clearTimeout(timer);
    const now = deps.now();
    const next = nextMaintenanceBoundary(deps.windows(), now, HORIZON_MS, cronWindows);
    timer = deps.scheduler.setTimeout(() => {
      timer = null;
      // An edge reached early (a timer that fired a little before its time) is not skipped.
      if (deps.now() >= next) deps.onBoundary();
      arm();
    }, next - now);
  };
  arm();
  const offWindows = deps.windowsChanged(arm);
  return {
    stop() {
      offWindows();
      if (timer !== null) deps.scheduler.clearTimeout(timer);
      timer = null;
    },
  };
}
