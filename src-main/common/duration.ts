/**
 * Durations as people type them (`12h`, `90m`, `2d`, `1h30m`, `off`) and back, for the RPO the CLI
 * and the window set. Pure; never echoes what was typed (it may be anything pasted).
 */

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, min: 60, h: 3600, d: 86_400 };
const PART = /(\d{1,9})\s*(min|s|m|h|d)/gy;

export type DurationParse = { readonly ok: true; readonly seconds: number | null } | { readonly ok: false; readonly error: string };

/** Whole seconds of a duration such as `12h`, `90m`, `2d` or `1h 30m`; `off` gives null. */
export function parseDuration(text: string): DurationParse {
  const input = text.trim().toLowerCase();
  if (input === 'off') return { ok: true, seconds: null };
  let seconds = 0;
  let read = 0;
  PART.lastIndex = 0;
  for (let m = PART.exec(input); m !== null; m = PART.exec(input)) {
    seconds += Number(m[1]) * (UNIT_SECONDS[m[2] ?? ''] ?? Number.NaN);
    read = PART.lastIndex;
    while (input[PART.lastIndex] === ' ') PART.lastIndex += 1;
  }
  if (input === '' || read !== input.length || !Number.isSafeInteger(seconds)) {
    return { ok: false, error: 'not a duration: write a number and a unit, e.g. 12h, 90m, 2d, or off' };
  }
  return { ok: true, seconds };
}

/** Bounds of an RPO: shorter than a few polls is noise, longer than a year is no objective. */
export const RPO_MIN_SEC = 300;
export const RPO_MAX_SEC = 366 * 86_400;

/** An RPO as typed (`26h`, `off`), checked against its bounds; a refusal is one sentence to show as it is. */
export function parseRpo(text: string): DurationParse {
  const parsed = parseDuration(text);
  if (!parsed.ok) return { ok: false, error: `The RPO is ${parsed.error}.` };
  if (parsed.seconds === null) return parsed;
  if (parsed.seconds < RPO_MIN_SEC || parsed.seconds > RPO_MAX_SEC) {
    return { ok: false, error: 'The RPO must be between 5 min and 366 d, or off.' };
  }
  return parsed;
}

/** An RPO for reading: "26 h", "90 min", "2 d", "off"; mixed values as "1 d 2 h 5 min". */
export function formatRpo(seconds: number | null): string {
  if (seconds === null) return 'off';
  const parts: string[] = [];
  let rest = Math.max(0, Math.round(seconds));
  // A whole number of hours reads better than days and hours below two days ("26 h", "36 h").
  const useDays = rest % 86_400 === 0 || rest >= 2 * 86_400;
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3600],
    ['min', 60],
    ['s', 1],
  ] as const) {
    if (unit === 'd' && !useDays) continue;
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) parts.push(`${count} ${unit}`);
  }
  return parts.length > 0 ? parts.join(' ') : '0 s';
}
