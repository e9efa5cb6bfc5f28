/**
 * Which change events an open maintenance window covers, for the notification policy: those it
 * holds until the window closes, or drops when the setting says so. Pure.
 */
import type { MaintenanceNotices } from './settings.js';
import type { ChangeEvent } from './snapshot.js';

/** The appliance and job an event is about; the job is null for appliance events. */
export function scopeOf(event: ChangeEvent): readonly [applianceId: string, jobId: string | null] {
  switch (event.kind) {
    case 'appliance_unhealthy':
    case 'appliance_healthy':
    case 'object_breached':
    case 'object_restored':
      return [event.applianceId, null];
    case 'missed_run':
      return [event.applianceId, event.job.id];
    case 'rpo_breached':
      return [event.applianceId, event.jobId];
    default:
      return [event.session.applianceId, event.session.jobId];
  }
}

/** What the policy asks to know about maintenance (see `NotificationInput`). */
export interface MaintenanceHoldInput {
  readonly settings: { readonly maintenanceNotices?: MaintenanceNotices };
  readonly inMaintenance?: (applianceId: string, jobId: string | null) => boolean;
}

/** The events an open window covers (`inWindow`), and those of them kept for when it closes (`held`: none when dropped). */
export function heldInMaintenance<E extends ChangeEvent>(events: readonly E[], input: MaintenanceHoldInput): { inWindow: E[]; held: E[] } {
  const inWindow = events.filter((e) => input.inMaintenance?.(...scopeOf(e)) === true);
  return { inWindow, held: input.settings.maintenanceNotices === 'drop' ? [] : inWindow };
}
