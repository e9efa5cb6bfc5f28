/**
 * Readers of the values Veeam Backup & Replication writes in its own way: timestamps in the
 * server's local zone (`+05:30`, 0–7 fraction digits, sometimes no zone at all), rates and sizes
 * as localised text (`"131,9 MB"`), durations as .NET time spans, and the revision list of its
 * "Unsupported RESTAPI version" answer. Pure; null for anything unreadable.
 */
import { readNumber, readString, readZonedTime } from '../../../common/read-fields.js';

/**
 * The server's zone as last seen in a timestamp that named it: a time without a zone is the
 * server's local time, so it is read in that zone (UTC until one was seen). One per appliance.
 */
export interface VbrZone {
  offsetMinutes: number | null;
}

export const newVbrZone = (): VbrZone => ({ offsetMinutes: null });

/** A VBR timestamp → ISO UTC with ms; a zone it names is remembered in `zone` for zone-less ones. */
export function parseVbrTime(v: unknown, zone: VbrZone = newVbrZone()): string | null {
  const t = readZonedTime(v);
  if (!t) return null;
  if (t.offsetMinutes !== null) zone.offsetMinutes = t.offsetMinutes;
  return new Date(t.wallMs - (t.offsetMinutes ?? zone.offsetMinutes ?? 0) * 60_000).toISOString();
}

const QUANTITY = /^([+-]?[\d\s\u00a0\u202f.,']*\d)\s*([a-z]*)\s*(?:\/\s*s(?:ec)?)?$/i;
const UNIT_POWER: Readonly<Record<string, number>> = { '': 0, b: 0, byte: 0, bytes: 0, kb: 1, mb: 2, gb: 3, tb: 4, pb: 5 };

/**
 * `"1.234,5"`, `"1,234.5"`, `"131,9"`, `"1 234,5"` → a number: the last of `.`/`,` is the decimal
 * mark when both appear; one kind alone is decimal unless it groups exactly three digits more than once.
 */
function localisedNumber(text: string): number | null {
  const digits = text.replace(/[\s\u00a0\u202f']/g, '');
  const lastDot = digits.lastIndexOf('.');
  const lastComma = digits.lastIndexOf(',');
  let normal = digits;
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? '.' : ',';
    normal = digits.replaceAll(decimal === '.' ? ',' : '.', '').replace(decimal, '.');
  } else if (lastComma >= 0 || lastDot >= 0) {
    const mark = lastComma >= 0 ? ',' : '.';
    const parts = digits.split(mark);
    const grouping = parts.length > 2 && parts.slice(1).every((p) => p.length === 3);
    normal = grouping ? parts.join('') : parts.length === 2 ? parts.join('.') : '';
  }
  return readNumber(normal);
}

/** A number, numeric text, or localised text with a binary unit (`"131,9 MB"`, `"1.5 GB/s"`) → bytes. */
export function readVbrQuantity(v: unknown): number | null {
  const plain = readNumber(v);
  if (plain !== null || typeof v !== 'string') return plain;
  const m = QUANTITY.exec(v.trim());
  const power = m ? UNIT_POWER[(m[2] ?? '').toLowerCase()] : undefined;
  const n = m && power !== undefined ? localisedNumber(m[1] ?? '') : null;
  return n === null || power === undefined ? null : Math.round(n * 1024 ** power);
}

const TIME_SPAN = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.\d+)?$/;

/** Seconds from a number or a .NET time span (`"00:05:12"`, `"1.02:03:04.5"`). */
export function readVbrDurationSec(v: unknown): number | null {
  const n = readNumber(v);
  if (n !== null) return n >= 0 ? n : null;
  const m = TIME_SPAN.exec(readString(v)?.trim() ?? '');
  if (!m) return null;
  const [, days = '0', h, mi, s] = m;
  return Number(days) * 86_400 + Number(h) * 3600 + Number(mi) * 60 + Number(s);
}

const UNSUPPORTED = /unsupported\s+restapi\s+version/i;
const REVISION = /v?\d+\.\d+-rev\d+/gi;

/**
 * The revisions an "Unsupported RESTAPI version. The following versions are supported: v1.0-rev1."
 * answer lists (from its body or an error message quoting it); null when the text is not that answer.
 */
export function readUnsupportedRevisions(text: string): string[] | null {
  if (!UNSUPPORTED.test(text)) return null;
  const listed = text.slice(text.search(UNSUPPORTED)).match(REVISION) ?? [];
  return listed.map((r) => r.toLowerCase().replace(/^v/, ''));
}
