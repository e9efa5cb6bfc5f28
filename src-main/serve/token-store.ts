/**
 * Access tokens of serve mode's team API, in `serve-tokens.json` beside the configuration (mode
 * 0600). A token is 32 random bytes shown once when it is made; the file keeps only its SHA-256
 * (a random token needs no slow hash) and checks compare digests in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../core/config/safe-file.js';

export const TOKEN_SCOPES = ['read', 'operate'] as const;
/** `read`: status, jobs, sessions, the event stream. `operate`: also acknowledge and mute. */
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export interface TokenEntry {
  readonly name: string;
  readonly scope: TokenScope;
  /** SHA-256 of the token, hex. */
  readonly sha256: string;
  readonly createdAt: string;
}

export interface TokenStore {
  /** Makes a token; the only time its text exists outside the client. Throws when the name is taken. */
  add(name: string, scope: TokenScope, now: Date): string;
  list(): readonly Omit<TokenEntry, 'sha256'>[];
  /** False when there is no token of that name. */
  remove(name: string): boolean;
  /** The token's entry, or null; every stored digest is compared, each in constant time. */
  verify(token: string): TokenEntry | null;
  /** Whether `entry` (from `verify`) is still stored with its scope: false once it was removed. */
  isCurrent(entry: TokenEntry): boolean;
}

export const TOKEN_FILE_NAME = 'serve-tokens.json';
const TOKEN_PREFIX = 'bw_';

const digestOf = (token: string) => createHash('sha256').update(token, 'utf8').digest();

export function isTokenScope(value: unknown): value is TokenScope {
  return typeof value === 'string' && (TOKEN_SCOPES as readonly string[]).includes(value);
}

function parseEntries(text: string, file: string): TokenEntry[] {
  const value: unknown = JSON.parse(text);
  const entries = (value as { tokens?: unknown })?.tokens;
  if (!Array.isArray(entries)) throw new Error(`${file} holds no token list.`);
  return entries.filter(
    (e): e is TokenEntry =>
      typeof e?.name === 'string' && isTokenScope(e.scope) && typeof e.sha256 === 'string' && /^[0-9a-f]{64}$/.test(e.sha256),
  );
}

/** Opens the token file of a configuration folder; it is read again whenever it changed on disk. */
export function openTokenStore(dir: string): TokenStore {
  const file = path.join(dir, TOKEN_FILE_NAME);
  let cached: { mtimeMs: number; size: number; entries: TokenEntry[] } | null = null;

  const read = (): TokenEntry[] => {
    if (!existsSync(file)) return [];
    const { mtimeMs, size } = statSync(file);
    if (cached && cached.mtimeMs === mtimeMs && cached.size === size) return cached.entries;
    cached = { mtimeMs, size, entries: parseEntries(readFileSync(file, 'utf8'), file) };
    return cached.entries;
  };
  const write = (entries: readonly TokenEntry[]) => {
    writeFileAtomic(file, `${JSON.stringify({ tokens: entries }, null, 2)}\n`);
    cached = null;
  };

  return {
    add(name, scope, now) {
      const entries = read();
      if (entries.some((e) => e.name === name)) throw new Error(`A token named "${name}" exists: remove it first or pick another name.`);
      const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
      write([...entries, { name, scope, sha256: digestOf(token).toString('hex'), createdAt: now.toISOString() }]);
      return token;
    },
    list: () => read().map(({ name, scope, createdAt }) => ({ name, scope, createdAt })),
    remove(name) {
      const entries = read();
      const kept = entries.filter((e) => e.name !== name);
      if (kept.length === entries.length) return false;
      write(kept);
      return true;
    },
    verify(token) {
      const presented = digestOf(token);
      let match: TokenEntry | null = null;
      for (const entry of read()) {
        if (timingSafeEqual(presented, Buffer.from(entry.sha256, 'hex'))) match = entry;
      }
      return match;
    },
    isCurrent: (entry) => read().some((e) => e.sha256 === entry.sha256 && e.scope === entry.scope),
  };
}
