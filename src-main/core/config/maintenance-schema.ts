/**
 * Maintenance windows as the configuration file and every request hold them: a label, a scope
 * (everything, one appliance, one job) and a schedule (one-off, weekly, or cron), each checked once.
 */
import { z } from 'zod';
import type { MaintenanceSchedule, MaintenanceScope, MaintenanceWindow } from '../../common/maintenance.js';
import { MAX_MAINTENANCE_WINDOWS } from '../../common/settings.js';
import { parseClock } from '../../common/time.js';
import { cronProblem } from '../maintenance/cron-starts.js';

const applianceRef = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a valid appliance id');
const clock = z.string().refine((text) => parseClock(text) !== null, 'a time of day looks like 22:00');
/** A one-off window's time, epoch ms (2000 to 2200). */
const instant = z.number().int().min(946_684_800_000).max(7_258_118_400_000);
/** A recurring window lasts at most a week. */
const MAX_DURATION_MIN = 7 * 24 * 60;

export const maintenanceScopeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('all') }),
  z.strictObject({ kind: z.literal('appliance'), applianceId: applianceRef }),
  z.strictObject({ kind: z.literal('job'), applianceId: applianceRef, jobId: z.string().min(1).max(300) }),
]) satisfies z.ZodType<MaintenanceScope, unknown>;

export const maintenanceScheduleSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('once'), fromMs: instant, toMs: instant }),
    z.strictObject({
      kind: z.literal('weekly'),
      days: z.array(z.number().int().min(0).max(6)).min(1, 'pick at least one day').max(7),
      start: clock,
      end: clock,
    }),
    z.strictObject({
      kind: z.literal('cron'),
      expression: z.string().max(200),
      durationMin: z.number().int().min(1).max(MAX_DURATION_MIN, 'a recurring window lasts at most a week (10080 minutes)'),
    }),
  ])
  .superRefine((schedule, ctx) => {
    if (schedule.kind === 'once' && schedule.toMs <= schedule.fromMs)
      ctx.addIssue({ code: 'custom', message: 'a window ends after it starts' });
    if (schedule.kind === 'weekly' && schedule.start === schedule.end)
      ctx.addIssue({ code: 'custom', message: 'a window ends at another time than it starts' });
    const problem = schedule.kind === 'cron' ? cronProblem(schedule.expression) : null;
    if (problem !== null) ctx.addIssue({ code: 'custom', path: ['expression'], message: problem });
  }) satisfies z.ZodType<MaintenanceSchedule, unknown>;

export const maintenanceLabelSchema = z.string().trim().min(1, 'a window needs a name').max(100);

export const maintenanceWindowSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a valid window id'),
  label: maintenanceLabelSchema,
  scope: maintenanceScopeSchema,
  schedule: maintenanceScheduleSchema,
}) satisfies z.ZodType<MaintenanceWindow, unknown>;

export const maintenanceSettingsShape = {
  maintenanceWindows: z.array(maintenanceWindowSchema).max(MAX_MAINTENANCE_WINDOWS),
  maintenanceNotices: z.enum(['digest', 'drop']),
};
