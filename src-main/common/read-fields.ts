/**
 * Defensive readers for vendor JSON (an appliance's answers, and the vendor details a history file or a
 * team server gives back): every field may be missing, null, a number sent as text, or
 * the wrong type. They return null instead of throwing, so one odd field never loses a session.
 */

export type JsonRecord = Readonly<Record<string, unknown>>;

/** A vendor word's entry in a word table, matched trimmed and in the table's letter case; undefined for an unknown word. */
export function lookupWord<T>(table: Readonly<Record<string, T>>, word: string, letterCase: 'upper' | 'lower'): T | undefined {
  const key = letterCase === 'upper' ? word.trim().toUpperCase() : word.trim().toLowerCase();
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

export function asRecord(v: unknown): JsonRecord | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonRecord) : null;
}

/** A string, or a finite number as text; empty strings are null. */
export function readString(v: unknown): string | null {
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A finite number, or a string holding exactly one ("217081904", " 42.5 "). */
export function readNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && NUMERIC.test(v.trim())) return Number(v.trim());
  return null;
}

/**
 * A count or a size (bytes, items, seconds): a whole-enough number from 0 to 2^53. An appliance
 * that sends -1e308 or 1e308 for a size has no size to show, and must not reach `--json` as one.
 */
export function readCount(v: unknown): number | null {
  const n = readNumber(v);
  return n !== null && n >= 0 && n <= Number.MAX_SAFE_INTEGER ? n : null;
}

/** True, false, or their text spellings; null otherwise. */
export function readBoolean(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  return null;
}

/** An array, or null. */
export function readArray(v: unknown): readonly unknown[] | null {
  return Array.isArray(v) ? v : null;
}

/**
 * An epoch number (or numeric text) read by its magnitude — seconds, milliseconds, microseconds or
 * nanoseconds, as vendors mix them — or an ISO date text, to ISO 8601 UTC. Zero and negatives mean
 * "not set" for the vendors we read, so they are null.
 */
export function readEpochIso(v: unknown): string | null {
  const n = readNumber(v);
  if (n === null) return typeof v === 'string' ? isoFromText(v) : null;
  if (n <= 0) return null;
  // 1e11 s is the year 5138 while 1e11 ms is 1973: below it the unit must be seconds.
  const ms = n < 1e11 ? n * 1000 : n < 1e14 ? n : n < 1e17 ? n / 1000 : n / 1e6;
  return isoFromMs(ms);
}

function isoFromText(text: string): string | null {
  return isoFromMs(Date.parse(text));
}

/** Past year 9999 a date is noise (and no longer plain `YYYY-MM-DDTHH:mm:ss.sssZ`). */
const LATEST_MS = Date.UTC(9999, 11, 31, 23, 59, 59);

function isoFromMs(ms: number): string | null {
  const d = new Date(Math.round(ms));
  const t = d.getTime();
  return Number.isNaN(t) || t <= 0 || t > LATEST_MS ? null : d.toISOString();
}

/** A timestamp's wall-clock time and the zone it names. */
export interface ZonedTime {
  /** The wall-clock fields as if they were UTC, epoch ms (fractions truncated to ms). */
  readonly wallMs: number;
  /** Minutes east of UTC the text names (`Z` is 0); null when it names no zone. */
  readonly offsetMinutes: number | null;
}

const ZONED_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * ISO-like text with any number of fraction digits and an optional zone (`2023-03-17T10:00:01.707+05:30`,
 * `2020-12-13T22:00:00.5852401Z`, `2021-06-02T22:00:00`), read by hand: `Date.parse` of long
 * fractions and zone-less text is implementation-defined. Impossible dates (2021-02-30) and .NET's
 * "unset" `0001-01-01` are null.
 */
export function readZonedTime(v: unknown): ZonedTime | null {
  const text = readString(v)?.trim();
  const m = text ? ZONED_TIME.exec(text) : null;
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '0', fraction = '', zone] = m;
  const wallMs = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s),
    Number(fraction.slice(0, 3).padEnd(3, '0')),
  );
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d))).getUTCDate();
  if (Number.isNaN(wallMs) || day !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59 || Number(y) < 1970) return null;
  return { wallMs, offsetMinutes: zone === undefined ? null : zoneMinutes(zone) };
}

function zoneMinutes(zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  return (zone.startsWith('-') ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
}

/** A session's `transferredBytes` field, present only for a size the vendor gave (a count of bytes). */
export function transferred(bytes: number | null): { transferredBytes?: number } {
  return bytes !== null && Number.isFinite(bytes) && bytes >= 0 ? { transferredBytes: bytes } : {};
}
