/**
 * Tolerant parsing of the configuration file: one bad appliance is set aside (kept in the file, not
 * monitored) and one bad setting falls back to its default, each with a problem message; only a
 * file that is unusable as a whole is refused.
 */
import type { z } from 'zod';
import type { Appliance } from '../../common/model.js';
import { CONFIG_SCHEMA_VERSION, DEFAULT_SETTINGS } from '../../common/settings.js';
import type { ConfigData, Settings, TeamServerSource } from '../../common/settings.js';
import { ConfigFormatError, isRecord, migrate, versionOf, type RawConfig } from './config-migrations.js';
import { applianceSchema, REJECTED_KEY, settingsSchema, teamServerSchema } from './config-schema.js';

/** An appliance entry of the file that cannot be used: set aside in the file, never dropped. */
export interface RejectedAppliance {
  /** Its name, if it has one. */
  readonly name: string | null;
  /** Why it is not used, a sentence for the admin. */
  readonly reason: string;
  /** The entry as the file holds it. */
  readonly entry: unknown;
}

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
