/** Maintenance windows in words, as the CLI's list and the window's Settings show them (local time). Pure. */
import type { MaintenanceSchedule, MaintenanceScope } from './maintenance.js';

export const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** `2026-12-24 22:00`, in local time. */
export function localDateTime(ms: number): string {
  return new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** "2026-12-24 22:00 to 2026-12-25 06:00", "sun,sat 22:00–04:00", "cron "0 1 * * *" for 120 min". */
export function scheduleWords(schedule: MaintenanceSchedule): string {
  switch (schedule.kind) {
    case 'once':
      return `${localDateTime(schedule.fromMs)} to ${localDateTime(schedule.toMs)}`;
    case 'weekly':
      return `${schedule.days.map((d) => DAY_NAMES[d] ?? '?').join(',')} ${schedule.start}–${schedule.end}`;
    case 'cron':
      return `cron "${schedule.expression}" for ${schedule.durationMin} min`;
  }
}

/** "everything", "SPP prod", "SPP prod / SQL nightly": `applianceName` and `jobName` name what the ids stand for. */
export function scopeWords(
  scope: MaintenanceScope,
  applianceName: (id: string) => string,
  jobName: (applianceId: string, jobId: string) => string,
): string {
  if (scope.kind === 'all') return 'everything';
  const appliance = applianceName(scope.applianceId);
  return scope.kind === 'job' ? `${appliance} / ${jobName(scope.applianceId, scope.jobId)}` : appliance;
}
