/**
 * A timer at the edges of the maintenance windows: when one opens or closes, the tray's state and
 * the held notifications change at that moment, not at the next poll (which may be an hour away).
 * The timer is armed again whenever the configuration changes, and at least once a day.
 */
import { nextMaintenanceBoundary } from '../../common/maintenance.js';
import type { ConfigStore } from '../config/config-store.js';
import type { Scheduler, TimerHandle } from '../poller/scheduler.js';
import { cronWindows } from './cron-starts.js';

/** How far ahead the next edge is looked for; the timer then looks again. */
const HORIZON_MS = 86_400_000;

export interface MaintenanceBoundaryDeps {
  /** Where the windows are kept; a change re-arms the timer. */
  readonly config: Pick<ConfigStore, 'read' | 'onChange'>;
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
    const next = nextMaintenanceBoundary(deps.config.read().settings.maintenanceWindows, now, HORIZON_MS, cronWindows);
    timer = deps.scheduler.setTimeout(() => {
      timer = null;
      // An edge reached early (a timer that fired a little before its time) is not skipped.
      if (deps.now() >= next) deps.onBoundary();
      arm();
    }, next - now);
  };
  arm();
  const offConfig = deps.config.onChange(arm);
  return {
    stop() {
      offConfig();
      if (timer !== null) deps.scheduler.clearTimeout(timer);
      timer = null;
    },
  };
}
