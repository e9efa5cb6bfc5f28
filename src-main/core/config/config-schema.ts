/**
 * The configuration file's schema (zod), its defaults and its migrations. Shared by the plain-fs
 * store (CLI, browser harness) and the Electron shell's electron-store wrapper, so both read the
 * same file the same way. Parsing is tolerant where it can be: one bad appliance is set aside (kept in
 * the file, not monitored) and one bad setting falls back to its default, each with a problem
 * message; only a file that is unusable as a whole is refused.
 */
import { z } from 'zod';
import { RPO_MAX_SEC, RPO_MIN_SEC } from '../../common/duration.js';
import type { Appliance } from '../../common/model.js';
import { boundsSentence, CONFIG_SCHEMA_VERSION, DEFAULT_SETTINGS, SETTING_BOUNDS, type BoundedSetting } from '../../common/settings.js';
import type { ConfigData, Settings, TeamServerSource } from '../../common/settings.js';
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
};

export const settingsSchema = z.object(settingsShape) satisfies z.ZodType<Settings, unknown>;

// ---------------------------------------------------------------------------------------------
// Migrations.

type RawConfig = Record<string, unknown>;

function isRecord(value: unknown): value is RawConfig {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Migrations keyed by the version they migrate FROM. A file without `schemaVersion` is version 0:
 * the pre-release format named the base URL `url` and always kept the password in the keychain.
 */
export const MIGRATIONS: Readonly<Record<number, (raw: RawConfig) => RawConfig>> = {
  0: (raw) => ({
    ...raw,
    appliances: Array.isArray(raw.appliances)
      ? raw.appliances.map((entry: unknown) => {
          if (!isRecord(entry)) return entry;
          const { url, ...rest } = entry;
          return { credential: { kind: 'keychain' }, ...rest, baseUrl: rest.baseUrl ?? url };
        })
      : raw.appliances,
  }),
};

/** The file cannot be used at all (not an object, wrong top-level types): it gets moved aside. */
export class ConfigFormatError extends Error {
  override readonly name = 'ConfigFormatError';
}

/** The file's schema version; a file without one is version 0. */
function versionOf(raw: RawConfig): number {
  const version = raw.schemaVersion ?? 0;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    throw new ConfigFormatError('its schemaVersion is not a version number');
  }
  return version;
}

/** Migrates to the current schema; a newer file is read as it is (what it adds is ignored). */
function migrate(raw: RawConfig, version: number): RawConfig {
  let current = raw;
  for (let v = version; v < CONFIG_SCHEMA_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) throw new ConfigFormatError(`no migration from schema version ${v}`);
    current = step(current);
  }
  return current;
}

// ---------------------------------------------------------------------------------------------
// Tolerant parsing.

/** The first issue of a zod error as `path: message`, short, never echoing the input value. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const where = issue.path.map(String).join('.');
  return (where ? `${where}: ${issue.message}` : issue.message).slice(0, 200);
}

/** An appliance entry of the file that cannot be used: set aside in the file, never dropped. */
export interface RejectedAppliance {
  /** Its name, if it has one. */
  readonly name: string | null;
  /** Why it is not used, a sentence for the admin. */
  readonly reason: string;
  /** The entry as the file holds it. */
  readonly entry: unknown;
}

/** The top-level key where entries that cannot be used are kept, each with why. */
export const REJECTED_KEY = 'rejectedAppliances';

function listOf(value: unknown, key: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new ConfigFormatError(`"${key}" is not a list`);
  return value;
}

function reasonOf(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue?.path.map(String).join('.');
  return `${where ? `Its ${where}` : 'It'} is invalid: ${issue?.message ?? 'unknown problem'}.`.slice(0, 240);
}

/**
 * The usable appliances, and the others with why. Entries set aside earlier are checked again,
 * so one fixed by hand (or readable by a later Backwatch) comes back.
 */
function parseAppliances(raw: RawConfig, problems: string[]): { kept: Appliance[]; rejected: RejectedAppliance[] } {
  const aside = listOf(raw[REJECTED_KEY], REJECTED_KEY).map((item) => (isRecord(item) && 'entry' in item ? item.entry : item));
  const kept: Appliance[] = [];
  const rejected: RejectedAppliance[] = [];
  for (const entry of [...listOf(raw.appliances, 'appliances'), ...aside]) {
    const name = isRecord(entry) && typeof entry.name === 'string' ? entry.name.slice(0, 100) : null;
    const parsed = applianceSchema.safeParse(entry);
    const a = parsed.success ? parsed.data : null;
    const twin = a && kept.some((k) => k.id === a.id || k.name.toLowerCase() === a.name.toLowerCase());
    if (a && !twin) {
      kept.push(a);
      continue;
    }
    const reason = parsed.success ? 'It repeats the id or name of another appliance.' : reasonOf(parsed.error);
    rejected.push({ name, reason, entry });
    problems.push(`Appliance ${name === null ? `#${rejected.length}` : `"${name}"`} is set aside and not monitored. ${reason}`);
  }
  return { kept, rejected };
}

/** Defaults under what the file says, one level deep, so a rule added later gets its default. */
function withDefaults(raw: RawConfig): RawConfig {
  const merged: RawConfig = {};
  for (const [key, fallback] of Object.entries(DEFAULT_SETTINGS)) {
    const given = raw[key];
    merged[key] = given === undefined ? fallback : isRecord(given) && isRecord(fallback) ? { ...fallback, ...given } : given;
  }
  return merged;
}

/** The usable team server entry, or undefined (an unusable one stays in the file, set aside, with a problem). */
function parseTeamServer(value: unknown, problems: string[]): TeamServerSource | undefined {
  if (value === undefined || value === null) return undefined;
  const parsed = teamServerSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  problems.push(`The Backwatch server entry is set aside and not read. ${reasonOf(parsed.error)}`);
  return undefined;
}

function parseSettings(value: unknown, problems: string[]): Settings {
  if (value === undefined) return DEFAULT_SETTINGS;
  if (!isRecord(value)) throw new ConfigFormatError('"settings" is not an object');
  const merged = withDefaults(value);
  const first = settingsSchema.safeParse(merged);
  if (first.success) return first.data;
  // Reset each invalid setting to its default and keep the rest.
  for (const key of new Set(first.error.issues.map((issue) => String(issue.path[0])))) {
    problems.push(`The setting "${key}" is invalid; its default is used.`);
    merged[key] = DEFAULT_SETTINGS[key as keyof Settings];
  }
  return settingsSchema.parse(merged);
}

/** What the configuration file holds, read tolerantly. */
export interface ParsedConfig {
  readonly data: ConfigData;
  /** Sentences for the admin, one per problem found. */
  readonly problems: string[];
  readonly rejected: RejectedAppliance[];
  /** The file's schema version when it is newer than this Backwatch's (then it is read-only). */
  readonly newerSchema: number | null;
  /** Saving would change more than the caller changed (a setting reset, a migration): keep a copy first. */
  readonly lossy: boolean;
  /** The file's object after migration, with every key it holds. */
  readonly migrated: Readonly<Record<string, unknown>>;
}

/**
 * Parses what the configuration file holds: migrates it to the current schema, sets invalid
 * appliances aside and resets invalid settings (each with a problem sentence for the admin).
 * Throws `ConfigFormatError` when the content is unusable as a whole.
 */
export function parseConfig(raw: unknown): ParsedConfig {
  if (!isRecord(raw)) throw new ConfigFormatError('it does not hold a JSON object');
  const problems: string[] = [];
  const version = versionOf(raw);
  const newerSchema = version > CONFIG_SCHEMA_VERSION ? version : null;
  if (newerSchema !== null) {
    problems.push(
      `The configuration file was written by a newer Backwatch (schema ${version}); it is read-only here, and what this version does not know is ignored.`,
    );
  }
  const migrated = migrate(raw, version);
  const { kept, rejected } = parseAppliances(migrated, problems);
  const settingProblems: string[] = [];
  const settings = parseSettings(migrated.settings, settingProblems);
  problems.push(...settingProblems);
  const teamServer = parseTeamServer(migrated.teamServer, problems);
  const lossy = settingProblems.length > 0 || version < CONFIG_SCHEMA_VERSION;
  const data: ConfigData = { schemaVersion: CONFIG_SCHEMA_VERSION, appliances: kept, settings, ...(teamServer ? { teamServer } : {}) };
  return { data, problems, rejected, newerSchema, lossy, migrated };
}

/** The configuration of a fresh install. */
export function defaultConfig(): ConfigData {
  return { schemaVersion: CONFIG_SCHEMA_VERSION, appliances: [], settings: DEFAULT_SETTINGS };
}

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
