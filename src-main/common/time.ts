/**
 * Small time helpers shared by the pure rules. Vendor times arrive as ISO text that may be
 * missing or malformed, so every parse here answers `null` instead of `NaN` or a throw.
 */

/** Epoch milliseconds of an ISO time, or null when absent or unparseable. */
export function toMs(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}

/**
 * Whether a flag with an optional expiry (`until`, ISO) still holds at `now`.
 * `until` null means "until changed"; an unparseable `until` counts as expired so a corrupt
 * setting can never mute a job forever.
 */
export function isInEffect(until: string | null, now: number): boolean {
  if (until === null) return true;
  const ms = toMs(until);
  return ms !== null && ms > now;
}

/** Minutes since local midnight (0..1439) of an epoch time, in the process's time zone. */
export function systemLocalMinutes(epochMs: number): number {
  const d = new Date(epochMs);
  return d.getHours() * 60 + d.getMinutes();
}

/** Parses `HH:MM` (24 h) into minutes since midnight, or null when malformed. */
export function parseClock(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const hours = Number(m[1]);
  const minutes = Number(m[2]);
  return hours < 24 && minutes < 60 ? hours * 60 + minutes : null;
}
