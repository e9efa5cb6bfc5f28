/**
 * The configuration file's schema (zod) and its JSON Schema for electron-store. Shared by the
 * plain-fs store (CLI, browser harness) and the Electron shell's electron-store wrapper, so both
 * read the same file the same way. Reading it tolerantly is config-parse.ts; its versions,
 * config-migrations.ts.
 */
import { z } from 'zod';
import { RPO_MAX_SEC, RPO_MIN_SEC } from '../../common/duration.js';
import type { Appliance } from '../../common/model.js';
import { MAX_OBJECT_ACKNOWLEDGEMENTS } from '../../common/object-acknowledgement.js';
import { MAX_EXCLUSION_RULES } from '../../common/object-views.js';
import { boundsSentence, SETTING_BOUNDS, type BoundedSetting } from '../../common/settings.js';
import type { Settings, TeamServerSource } from '../../common/settings.js';
import { normalizeFingerprint } from '../http/tls-trust.js';
import {
  applianceNameSchema,
  applianceOptionsSchema,
  baseUrlSchema,
  checkVendorOptions,
  credentialSchema,
  USERNAME_MAX,
  vendorSchema,
} from '../../common/appliance-rules.js';
import { maintenanceSettingsShape } from './maintenance-schema.js';
import { reportMailSchema } from './report-mail-schema.js';

// ---------------------------------------------------------------------------------------------
// Building blocks, reused by the IPC argument validation.

export const applianceIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a valid appliance id');

/** A SHA-256 fingerprint as people type it; normalised to `AA:BB:...`. */
export const fingerprintSchema = z
  .string()
  .max(200)
  .transform((text, ctx) => {
    const normalized = normalizeFingerprint(text);
    if (normalized === null) {
      ctx.addIssue({ code: 'custom', message: 'not a SHA-256 fingerprint (64 hex digits)' });
      return z.NEVER;
    }
    return normalized;
  });

const certificatePinSchema = z.object({
  fingerprint256: fingerprintSchema,
  pem: z.string().max(65_536).startsWith('-----BEGIN CERTIFICATE-----', 'not a PEM certificate'),
});

export const applianceSchema = z
  .object({
    id: applianceIdSchema,
    name: applianceNameSchema,
    vendor: vendorSchema,
    baseUrl: baseUrlSchema,
    username: z.string().max(USERNAME_MAX),
    credential: credentialSchema,
    certificate: certificatePinSchema.optional(),
    options: applianceOptionsSchema.default({}),
    enabled: z.boolean().default(true),
    demo: z.literal(true).optional(),
  })
  .superRefine((appliance, ctx) => checkVendorOptions(appliance.vendor, appliance.options, ctx)) satisfies z.ZodType<Appliance, unknown>;

/** The team server's URL: like an appliance's, https only, without credentials. */
export const teamServerSchema = z.strictObject({
  url: baseUrlSchema,
  credential: credentialSchema,
  certificate: certificatePinSchema.optional(),
}) satisfies z.ZodType<TeamServerSource, unknown>;

export const isoTimeSchema = z.iso.datetime({ offset: true });
const clockSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day looks like 22:00');
const jobFlagSchema = z.strictObject({ until: isoTimeSchema.nullable() });
const jobFlagsSchema = z.record(z.string().max(300), jobFlagSchema);
const rpoSecSchema = z.number().int().min(RPO_MIN_SEC).max(RPO_MAX_SEC);

/** An object's key or a rule's value: short text, as the config file keeps it. */
export const objectText = z.string().trim().min(1).max(300);

/** A rule that leaves objects out of protection (see common/object-coverage.ts). */
export const exclusionMatchSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('name'), pattern: objectText }),
  z.strictObject({ kind: z.literal('folder'), folder: objectText }),
  z.strictObject({ kind: z.literal('tag'), tag: objectText }),
  z.strictObject({ kind: z.literal('object'), key: objectText }),
]);
const exclusionRuleSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a valid rule id'),
  applianceId: applianceIdSchema.nullable(),
  match: exclusionMatchSchema,
});

function bounded(setting: BoundedSetting) {
  const { min, max } = SETTING_BOUNDS[setting];
  const message = boundsSentence(setting);
  return z.number({ error: message }).int(message).min(min, message).max(max, message);
}

/** Every setting, strict and without defaults (defaults are merged in before parsing). */
export const settingsShape = {
  pollIntervalSec: bounded('pollIntervalSec'),
  activePollIntervalSec: bounded('activePollIntervalSec'),
  maxBackoffSec: bounded('maxBackoffSec'),
  sessionWindow: bounded('sessionWindow'),
  historyRetentionDays: bounded('historyRetentionDays'),
  missedRunGraceMin: bounded('missedRunGraceMin'),
  rpoSec: rpoSecSchema,
  warningsAreUnprotected: z.boolean(),
  jobRpo: z.record(z.string().max(300), z.strictObject({ rpoSec: rpoSecSchema.nullable() })),
  notifications: z.strictObject({
    failure: z.boolean(),
    recovery: z.boolean(),
    applianceProblems: z.boolean(),
    missedRuns: z.boolean(),
    overruns: z.boolean(),
    rpoBreaches: z.boolean(),
    digestThreshold: bounded('digestThreshold'),
  }),
  quietHours: z.strictObject({ enabled: z.boolean(), start: clockSchema, end: clockSchema }),
  mutedJobs: jobFlagsSchema,
  acknowledged: z.record(
    z.string().max(300),
    jobFlagSchema.extend({ sessionId: z.string().min(1).max(300).nullable(), rpoBreach: z.string().min(1).max(300).optional() }),
  ),
  startAtLogin: z.boolean(),
  notificationsPausedUntil: isoTimeSchema.nullable(),
  cctrayWarningIsSuccess: z.boolean(),
  automaticUpdates: z.boolean(),
  ...maintenanceSettingsShape,
  objectReadIntervalMin: bounded('objectReadIntervalMin'),
  objectExclusions: z.array(exclusionRuleSchema).max(MAX_EXCLUSION_RULES),
  objectRpo: z.record(objectText, z.strictObject({ rpoSec: rpoSecSchema.nullable() })),
  reportMail: reportMailSchema,
  objectAcknowledged: z
    .record(objectText, z.strictObject({ problem: objectText }))
    .refine((acks) => Object.keys(acks).length <= MAX_OBJECT_ACKNOWLEDGEMENTS, `at most ${MAX_OBJECT_ACKNOWLEDGEMENTS} machines`),
};

export const settingsSchema = z.object(settingsShape) satisfies z.ZodType<Settings, unknown>;

// ---------------------------------------------------------------------------------------------
// Problems, as the admin reads them.

/** The first issue of a zod error as `path: message`, short, never echoing the input value. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const where = issue.path.map(String).join('.');
  return (where ? `${where}: ${issue.message}` : issue.message).slice(0, 200);
}

/** The top-level key where entries that cannot be used are kept, each with why. */
export const REJECTED_KEY = 'rejectedAppliances';

/** Formats JSON Schema validators know; zod also emits its own names (`starts_with`...), checked by zod alone. */
const STANDARD_FORMATS = new Set(['date-time', 'date', 'time', 'duration', 'email', 'hostname', 'ipv4', 'ipv6', 'uri', 'uuid', 'regex']);

function withStandardFormats(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withStandardFormats);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => key !== 'format' || STANDARD_FORMATS.has(String(value)))
      .map(([key, value]) => [key, withStandardFormats(value)]),
  );
}

/** A zod schema as plain JSON Schema (draft 2020-12) for a property of a larger schema. */
function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return withStandardFormats(rest) as Record<string, unknown>;
}

/**
 * The configuration file's JSON Schema, per top-level key (electron-store's `schema` option), made
 * from the same zod schemas the core validates with, so the two never disagree.
 */
export const CONFIG_JSON_SCHEMA: Readonly<
  Record<'schemaVersion' | 'appliances' | 'settings' | 'teamServer' | typeof REJECTED_KEY, Record<string, unknown>>
> = {
  schemaVersion: { type: 'integer', minimum: 0 },
  appliances: jsonSchemaOf(z.array(applianceSchema)),
  settings: jsonSchemaOf(settingsSchema),
  // Only an object: an entry this version cannot use is kept as it is, set aside.
  teamServer: { type: 'object' },
  // Entries kept as the file held them: only their wrapping is checked.
  [REJECTED_KEY]: { type: 'array', items: { type: 'object', required: ['reason', 'entry'], properties: { reason: { type: 'string' } } } },
};
