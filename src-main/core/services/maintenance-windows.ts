/** Maintenance windows as the window, the CLI and the team API manage them: list, add, remove. */
import { randomBytes } from 'node:crypto';
import type { MaintenanceWindowView } from '../../common/ipc-contract.js';
import type { IpcHandlers } from '../../common/ipc-channels.js';
import { windowsOpenAt } from '../../common/maintenance.js';
import type { MaintenanceWindow } from '../../common/maintenance.js';
import { MAX_MAINTENANCE_WINDOWS } from '../../common/settings.js';
import { cronWindows } from '../maintenance/cron-starts.js';
import { messageOf, UserError } from './errors.js';
import type { ServiceContext } from './service-context.js';

type MaintenanceChannel = 'maintenance:list' | 'maintenance:add' | 'maintenance:remove';

/** The windows with when each open one closes, at `nowMs`. */
export function maintenanceViews(windows: readonly MaintenanceWindow[], nowMs: number): MaintenanceWindowView[] {
  const open = new Map(windowsOpenAt(windows, nowMs, cronWindows).map((o) => [o.window.id, o.endsAtMs]));
  return windows.map((window) => {
    const until = open.get(window.id);
    return { ...window, openUntil: until === undefined ? null : new Date(until).toISOString() };
  });
}

export function createMaintenanceWindows(ctx: ServiceContext): Pick<IpcHandlers, MaintenanceChannel> {
  const { deps, mutations, status } = ctx;

  /** The windows as they were and as they are now, each from now: a window counts only from when it was added. */
  const recordWindows = (before: readonly MaintenanceWindow[], after: readonly MaintenanceWindow[]) => {
    const at = deps.now();
    try {
      deps.history?.recordMaintenance(before, at);
      deps.history?.recordMaintenance(after, at);
    } catch (error) {
      // A report records them before it reads, later than now: no window counts before it was added.
      deps.log.error(`Could not record the maintenance windows in the history database: ${messageOf(error)}`);
    }
  };

  const saveWindows = async (change: (windows: readonly MaintenanceWindow[]) => readonly MaintenanceWindow[]) => {
    let before: readonly MaintenanceWindow[] = [];
    const saved = await deps.config.update((d) => {
      before = d.settings.maintenanceWindows;
      return { ...d, settings: { ...d.settings, maintenanceWindows: change(before) } };
    });
    recordWindows(before, saved.settings.maintenanceWindows);
    status.publish();
    status.publishSettings();
  };

  return {
    'maintenance:list': async () => maintenanceViews(deps.config.read().settings.maintenanceWindows, deps.now()),
    'maintenance:add': (draft) =>
      mutations.guard('Adding a maintenance window', async () => {
        // The scope names a configured appliance; a job need not be listed yet (it may not have run).
        if (draft.scope.kind !== 'all') ctx.findOrFail(draft.scope.applianceId);
        const window: MaintenanceWindow = { id: randomBytes(6).toString('base64url'), ...draft };
        await saveWindows((windows) => {
          if (windows.length >= MAX_MAINTENANCE_WINDOWS)
            throw new UserError(`At most ${MAX_MAINTENANCE_WINDOWS} maintenance windows can be kept.`);
          return [...windows, window];
        });
        return window;
      }),
    'maintenance:remove': (id) =>
      mutations.guard('Removing a maintenance window', async () => {
        await saveWindows((windows) => {
          if (!windows.some((w) => w.id === id)) throw new UserError(`No maintenance window has the id "${id.slice(0, 64)}".`);
          return windows.filter((w) => w.id !== id);
        });
      }),
  };
}
