/** The team API's protected objects as zod schemas: the Machines list, the status's summary, and the object events. */
import { z } from 'zod';
import type { ObjectList, ObjectSummary, ObjectView } from './object-views.js';
import { OBJECT_KINDS, OBJECT_STATES } from './protected-objects.js';
import { count, exact, list, nullableNumber, nullableText, text } from './team-wire-parts.js';

const objectCountsSchema = z.record(z.enum(OBJECT_STATES), count);
const objectRiskReason = z.enum(['no_point', 'point_too_old', 'last_run_failed']);
const objectViewSchema = exact<ObjectView>()(
  z.object({
    key: text,
    name: text,
    kind: z.enum(OBJECT_KINDS),
    state: z.enum(OBJECT_STATES),
    reason: objectRiskReason.nullable(),
    // A server of an earlier version acknowledges no machine.
    acknowledged: z.boolean().default(false),
    excludedBy: nullableText,
    lastGoodPoint: nullableText,
    rpoSec: nullableNumber,
    rpoOverridden: z.boolean(),
    inventory: z.object({ applianceId: text, applianceName: text, folder: nullableText, tags: list(text) }).nullable(),
    matchedBy: z.enum(['platform', 'name']).nullable(),
    backups: list(
      z.object({
        applianceId: text,
        applianceName: text,
        objectId: text,
        jobs: list(z.object({ jobId: text, jobName: text })),
        lastGoodPoint: nullableText,
        lastFailure: nullableText,
      }),
    ),
  }),
);
const coverageSchema = list(z.object({ applianceId: text, applianceName: text, counts: objectCountsSchema, ratio: nullableNumber }));
export const objectSummarySchema = exact<ObjectSummary>()(
  z.object({
    counts: objectCountsSchema,
    problems: list(objectViewSchema),
    problemsOmitted: count,
    acknowledged: z.object({ unprotected: count, at_risk: count }).default({ unprotected: 0, at_risk: 0 }),
    coverage: coverageSchema,
  }),
);
const exclusionMatchSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('name'), pattern: text }),
  z.object({ kind: z.literal('folder'), folder: text }),
  z.object({ kind: z.literal('tag'), tag: text }),
  z.object({ kind: z.literal('object'), key: text }),
]);
export const objectListSchema = exact<ObjectList>()(
  z.object({
    objects: list(objectViewSchema),
    matching: count,
    counts: objectCountsSchema,
    coverage: coverageSchema,
    reads: list(z.object({ applianceId: text, applianceName: text, readAt: nullableText, error: nullableText })),
    exclusions: list(z.object({ id: text, applianceId: nullableText, match: exclusionMatchSchema })),
  }),
);

export const objectRestoredEventSchema = z.object({
  kind: z.literal('object_restored'),
  key: text,
  applianceId: text,
  objectKey: text,
  objectName: text,
  breachKey: text,
  lastGoodPoint: nullableText,
});

export const objectBreachedEventSchema = z.object({
  kind: z.literal('object_breached'),
  key: text,
  applianceId: text,
  objectKey: text,
  objectName: text,
  state: z.enum(['unprotected', 'at_risk']),
  reason: objectRiskReason.nullable(),
  lastGoodPoint: nullableText,
  rpoSec: nullableNumber,
});
