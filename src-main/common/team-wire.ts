/**
 * The team API's answers and event frames as zod schemas: what a desktop or the CLI accepts from a
 * `backwatch serve`. Each schema is held by the compiler to be exactly its contract type (`exact`),
 * so a field added to the contract and not here, or typed otherwise here, fails the type check
 * instead of being dropped or refused at run time.
 */
import { z } from 'zod';
import { credentialSchema } from './appliance-rules.js';
import type { JobView, MaintenanceWindowView } from './ipc-contract.js';
import { HEALTH_STATES, SESSION_STATUSES, type ApplianceHealth, type Job, type Session } from './model.js';
import {
  OVERALL_STATUSES,
  PROTECTION_STATES,
  type ApplianceView,
  type ChangeEvent,
  type JobState,
  type SessionsDelta,
  type StatusSnapshot,
} from './snapshot.js';
import { isVendor } from './vendors/index.js';
import type { MaintenanceWindow } from './maintenance.js';

import { count, exact, list, nullableNumber, nullableText, text } from './team-wire-parts.js';
import { objectBreachedEventSchema, objectRestoredEventSchema, objectSummarySchema } from './team-wire-objects.js';

const sessionStatus = z.enum(SESSION_STATUSES);
// A vendor is a string the registry knows: one this version does not know is refused here.
const vendor = z.string().refine((value): boolean => isVendor(value), { message: 'not a vendor this version knows' });
const overallStatus = z.enum(OVERALL_STATUSES);
const protectionState = z.enum(PROTECTION_STATES);

const progressSchema = z.object({ percent: nullableNumber, completed: nullableNumber, total: nullableNumber, unit: nullableText });

// A vendor's details are its descriptor's to read, field by field: here only a record.
const vendorDetailsSchema = z.record(text, z.unknown()).readonly();

export const sessionSchema = exact<Session>()(
  z.object({
    id: text,
    applianceId: text,
    vendor,
    jobId: text,
    jobName: text,
    type: nullableText,
    status: sessionStatus,
    vendorStatus: text,
    start: nullableText,
    end: nullableText,
    durationMs: nullableNumber,
    progress: progressSchema,
    message: nullableText,
    logLink: nullableText,
    transferredBytes: count.optional(),
    details: vendorDetailsSchema.optional(),
  }),
);

const jobSchema = exact<Job>()(
  z.object({
    id: text,
    applianceId: text,
    name: text,
    type: nullableText,
    nextRun: nullableText,
    lastRun: nullableText,
    enabled: z.boolean(),
  }),
);

const jobStateShape = {
  applianceId: text,
  jobId: text,
  jobName: text,
  kind: nullableText,
  lastOutcome: sessionStatus.nullable(),
  lastOutcomeSessionId: nullableText,
  lastOutcomeAt: nullableText,
  activeSessionId: nullableText,
  progressPercent: nullableNumber,
  running: z.boolean(),
  acknowledged: z.boolean(),
  muted: z.boolean(),
  protection: protectionState,
  lastSuccess: nullableText,
  lastSuccessSessionId: nullableText,
  rpoSec: nullableNumber,
  rpoBreach: nullableText,
  atRiskSince: nullableText,
  breachAcknowledged: z.boolean(),
  nextRun: nullableText,
  successRate: nullableNumber,
  maintenanceUntil: text.optional(),
};
const jobStateSchema = exact<JobState>()(z.object(jobStateShape));
export const jobViewSchema = exact<JobView>()(z.object({ ...jobStateShape, applianceName: text, vendor }));

const healthSchema = exact<ApplianceHealth>()(
  z.object({
    state: z.enum(HEALTH_STATES),
    message: text,
    lastGoodPoll: nullableText,
    lastPoll: nullableText,
    presentedCertificate: z
      .object({ fingerprint256: text, pem: text, subject: text, issuer: text, validFrom: text, validTo: text })
      .optional(),
    behind: count.optional(),
    clockAheadMs: count.optional(),
  }),
);

const applianceViewSchema = exact<ApplianceView>()(
  z.object({
    id: text,
    name: text,
    vendor,
    baseUrl: text,
    username: text,
    credential: credentialSchema,
    hasSecret: z.boolean(),
    certificateFingerprint: nullableText,
    // Each vendor's own options are text its descriptor checks where the appliance was configured.
    options: z.object({ apiVersion: text.optional(), pollIntervalSec: count.optional() }).catchall(z.union([text, count]).optional()),
    enabled: z.boolean(),
    demo: z.literal(true).optional(),
    health: healthSchema,
    status: overallStatus,
    jobCounts: z.record(sessionStatus, count),
    protectionCounts: z.record(protectionState, count),
    jobs: list(jobStateSchema),
    jobsOmitted: count,
    runningSessionIds: list(text),
    maintenanceUntil: text.optional(),
    missedRuns: list(z.object({ jobId: text, jobName: text, dueAt: text })),
  }),
);

export const statusSnapshotSchema = exact<StatusSnapshot>()(
  z.object({
    at: text,
    overall: overallStatus,
    failedJobs: count,
    atRiskJobs: count,
    jobsNeedingAttention: count,
    appliances: list(applianceViewSchema),
    problems: list(
      z.object({
        applianceId: text,
        applianceName: text,
        sessionId: nullableText,
        title: text,
        at: nullableText,
        severity: overallStatus,
      }),
    ),
    lastPoll: nullableText,
    notificationsPausedUntil: nullableText,
    setAsideAppliances: list(z.object({ name: nullableText, reason: text })),
    teamServer: z.object({ url: text, link: z.enum(['connecting', 'live', 'down']), message: text }).optional(),
    objects: objectSummarySchema.optional(),
  }),
);

export const sessionsDeltaSchema = exact<SessionsDelta>()(
  z.object({ reset: z.boolean(), upserted: list(sessionSchema), removed: list(text) }),
);

const sessionChange = <K extends string>(kind: K) => z.object({ kind: z.literal(kind), key: text, session: sessionSchema });
const changeEventSchema = exact<ChangeEvent>()(
  z.discriminatedUnion('kind', [
    sessionChange('session_started'),
    sessionChange('session_finished'),
    sessionChange('session_failed'),
    sessionChange('job_recovered').extend({ failedSessionId: text }),
    z.object({ kind: z.literal('appliance_unhealthy'), key: text, applianceId: text, applianceName: text, health: healthSchema }),
    z.object({ kind: z.literal('appliance_healthy'), key: text, applianceId: text, applianceName: text }),
    z.object({ kind: z.literal('missed_run'), key: text, applianceId: text, job: jobSchema, dueAt: text }),
    sessionChange('overrun').extend({ medianMs: count }),
    z.object({
      kind: z.literal('rpo_breached'),
      key: text,
      applianceId: text,
      jobId: text,
      jobName: text,
      lastSuccess: nullableText,
      rpoSec: count,
    }),
    sessionChange('protection_restored'),
    objectBreachedEventSchema,
    objectRestoredEventSchema,
  ]),
);

/** The answers of the team API's GETs. */
export const jobViewsSchema = list(jobViewSchema);
export const sessionsSchema = list(sessionSchema);
export const changeEventsSchema = list(changeEventSchema);

// ---- Maintenance windows (GET and POST /api/v1/maintenance) --------------------------------

const maintenanceWindowShape = {
  id: text,
  label: text,
  scope: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('all') }),
    z.object({ kind: z.literal('appliance'), applianceId: text }),
    z.object({ kind: z.literal('job'), applianceId: text, jobId: text }),
  ]),
  schedule: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('once'), fromMs: count, toMs: count }),
    z.object({ kind: z.literal('weekly'), days: list(count), start: text, end: text }),
    z.object({ kind: z.literal('cron'), expression: text, durationMin: count }),
  ]),
};
/** The window a POST added. */
export const maintenanceWindowSchema = exact<MaintenanceWindow>()(z.object(maintenanceWindowShape));
/** The windows a GET lists, each with when it closes if open. */
export const maintenanceWindowViewsSchema = list(
  exact<MaintenanceWindowView>()(z.object({ ...maintenanceWindowShape, openUntil: nullableText })),
);
