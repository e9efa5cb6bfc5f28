/**
 * Access tokens of serve mode's team API, in `serve-tokens.json` beside the configuration (mode
 * 0600). A token is 32 random bytes shown once when it is made; the file keeps only its SHA-256
 * (a random token needs no slow hash) and checks compare digests in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { withFileLock } from '../core/config/file-lock.js';
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
  /**
   * Makes a token; the only time its text exists outside the client. Throws when the name is taken
   * or not a name (blank, control characters). A locked read-modify-write: parallel adds keep all.
   */
  add(name: string, scope: TokenScope, now: Date): Promise<string>;
  list(): readonly Omit<TokenEntry, 'sha256'>[];
  /** False when there is no token of that name. Locked like `add`. */
  remove(name: string): Promise<boolean>;
  /** The token's entry, or null; every stored digest is compared, each in constant time. */
  verify(token: string): TokenEntry | null;
  /** Whether `entry` (from `verify`) is still stored with its scope: false once it was removed. */
  isCurrent(entry: TokenEntry): boolean;
}

export const TOKEN_FILE_NAME = 'serve-tokens.json';
const TOKEN_PREFIX = 'bw_';
const MAX_NAME_LENGTH = 100;
/** C0 and C1 controls, line and paragraph separators, bidi overrides: what could forge a listed line. */
const UNPRINTABLE_RANGES: readonly [number, number][] = [
  [0x00, 0x1f],
  [0x7f, 0x9f],
  [0x2028, 0x2029],
  [0x202a, 0x202e],
  [0x2066, 0x2069],
];
const isUnprintable = (c: string) => UNPRINTABLE_RANGES.some(([from, to]) => c.codePointAt(0)! >= from && c.codePointAt(0)! <= to);

/** Why `name` is no token name, or null. */
export function tokenNameRefusal(name: string): string | null {
  if (name.trim() === '') return 'A token name cannot be blank.';
  if (name.length > MAX_NAME_LENGTH) return `A token name has at most ${MAX_NAME_LENGTH} characters.`;
  if ([...name].some(isUnprintable)) return 'A token name cannot hold control characters or line breaks.';
  return null;
}

/** A stored name as it may be printed: what a hand-edited file could smuggle in shown as `\u{…}`. */
export function printableTokenName(name: string): string {
  return [...name].map((c) => (isUnprintable(c) ? `\\u{${c.codePointAt(0)!.toString(16)}}` : c)).join('');
}

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

  /** Reads the file afresh under its lock and writes what `change` makes of it (unless it returns null). */
  const update = <T>(change: (entries: TokenEntry[]) => { entries: TokenEntry[] | null; result: T }): Promise<T> =>
    withFileLock(file, 'token file', () => {
      // Another process may have written within the cache's timestamp resolution.
      cached = null;
      const { entries, result } = change(read());
      if (entries) write(entries);
      return result;
    });

  return {
    add(name, scope, now) {
      const refusal = tokenNameRefusal(name);
      if (refusal) return Promise.reject(new Error(refusal));
      return update((entries) => {
        if (entries.some((e) => e.name === name)) throw new Error(`A token named "${name}" exists: remove it first or pick another name.`);
        const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
        const entry = { name, scope, sha256: digestOf(token).toString('hex'), createdAt: now.toISOString() };
        return { entries: [...entries, entry], result: token };
      });
    },
    list: () => read().map(({ name, scope, createdAt }) => ({ name, scope, createdAt })),
    remove: (name) =>
      update((entries) => {
        const kept = entries.filter((e) => e.name !== name);
        return kept.length === entries.length ? { entries: null, result: false } : { entries: kept, result: true };
      }),
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
