/**
 * What a save writes: the caller's data over the file's own object, so that nothing the file holds
 * is lost by a save: top-level keys other programs own (the shell's window state, a newer
 * Backwatch's additions), keys this version does not know inside settings and appliances, and
 * the appliance entries set aside because they cannot be used here.
 */
import type { ConfigData } from '../../common/settings.js';
import type { ParsedConfig } from './config-parse.js';
import { applianceSchema, REJECTED_KEY, settingsShape } from './config-schema.js';

const APPLIANCE_KEYS = new Set(Object.keys(applianceSchema.shape));
const SETTINGS_KEYS = new Set(Object.keys(settingsShape));

type RawObject = Record<string, unknown>;

const isRecord = (value: unknown): value is RawObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The keys of `value` this version does not know. */
function unknownPart(value: unknown, known: ReadonlySet<string>): RawObject {
  return isRecord(value) ? Object.fromEntries(Object.entries(value).filter(([key]) => !known.has(key))) : {};
}

/** The object to save: `next` over what the file holds (as parsed into `parsed`). */
export function composeConfigFile(parsed: Pick<ParsedConfig, 'migrated' | 'rejected'>, next: ConfigData): RawObject {
  const { migrated } = parsed;
  const entries = Array.isArray(migrated.appliances) ? migrated.appliances.filter(isRecord) : [];
  const entryOf = new Map(entries.map((entry) => [entry.id, entry]));
  const file: RawObject = {
    ...migrated,
    schemaVersion: next.schemaVersion,
    appliances: next.appliances.map((a) => ({ ...unknownPart(entryOf.get(a.id), APPLIANCE_KEYS), ...a })),
    settings: { ...unknownPart(migrated.settings, SETTINGS_KEYS), ...next.settings },
  };
  // Undefined keeps the file's entry (usable or set aside); null removes it.
  if (next.teamServer === null) delete file.teamServer;
  else if (next.teamServer) file.teamServer = next.teamServer;
  delete file[REJECTED_KEY];
  if (parsed.rejected.length > 0) file[REJECTED_KEY] = parsed.rejected.map(({ reason, entry }) => ({ reason, entry }));
  return file;
}

/**
 * Nesting past this is no configuration: a key nested thousands deep (hand-made, or an attack on
 * the shared file) would overflow the stack of every save's JSON.stringify.
 */
export const MAX_CONFIG_DEPTH = 64;

/** `value` without what nests deeper than `MAX_CONFIG_DEPTH`; the top-level keys that held it go into `dropped`. */
export function withoutDeepValues(value: unknown, dropped: string[] = [], top = '', depth = 0): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_CONFIG_DEPTH) {
    if (!dropped.includes(top)) dropped.push(top);
    return undefined;
  }
  const inner = (v: unknown, key: string) => withoutDeepValues(v, dropped, depth === 0 ? key : top, depth + 1);
  if (Array.isArray(value)) return value.map((v, i) => inner(v, String(i))).filter((v) => v !== undefined);
  const entries = Object.entries(value).map(([k, v]) => [k, inner(v, k)] as const);
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined));
}
