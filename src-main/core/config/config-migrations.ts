/** The configuration file's schema versions: which version a file is, and the steps that bring it to the current one. */
import { CONFIG_SCHEMA_VERSION } from '../../common/settings.js';

export type RawConfig = Record<string, unknown>;

export function isRecord(value: unknown): value is RawConfig {
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
export function versionOf(raw: RawConfig): number {
  const version = raw.schemaVersion ?? 0;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    throw new ConfigFormatError('its schemaVersion is not a version number');
  }
  return version;
}

/** Migrates to the current schema; a newer file is read as it is (what it adds is ignored). */
export function migrate(raw: RawConfig, version: number): RawConfig {
  let current = raw;
  for (let v = version; v < CONFIG_SCHEMA_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) throw new ConfigFormatError(`no migration from schema version ${v}`);
    current = step(current);
  }
  return current;
}
