/**
 * Small time helpers shared by the pure rules. Vendor times arrive as ISO text that may be
 * missing or malformed, so every parse here answers `null` instead of `NaN` or a throw.
 */
import { isActiveStatus, type ResourceProgress, type Session } from './model.js';

/**
 * How far in the future a session may end and still count (appliance and local clocks drift).
 * A success that ends later than this is a clock fault: it is ignored, so it can never keep a job
 * protected for longer than this tolerance plus the RPO. Ages are never negative.
 */
export const CLOCK_SKEW_TOLERANCE_MS = 60 * 60_000;

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

/** Canonical ISO text (`Date#toISOString`) of the years 0000..9999, which sort as text in time order. */
function isCanonicalIso(iso: string): boolean {
  return iso.length === 24 && iso.charCodeAt(23) === 90 /* Z */ && iso.charCodeAt(10) === 84 /* T */ && iso.charCodeAt(4) === 45;
}

const EARLIEST_KEY = '0000-01-01T00:00:00.000Z';
const LATEST_KEY = '9999-12-31T23:59:59.999Z';

/**
 * A time as text that compares in time order with `<` (null when absent or unparseable). The
 * connectors already write canonical ISO text, so this is usually the text itself: the rules over
 * thousands of sessions compare text instead of parsing every time (which costs far more).
 */
export function timeKey(iso: string | null | undefined): string | null {
  if (!iso) return null;
  if (isCanonicalIso(iso)) return iso;
  const ms = toMs(iso);
  if (ms === null) return null;
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  return year < 0 ? EARLIEST_KEY : year > 9999 ? LATEST_KEY : date.toISOString();
}

/** Elapsed time of a session: its duration when ended, time since start while it runs. */
export function elapsedMs(s: Session, now: number): number | null {
  if (s.durationMs !== null && Number.isFinite(s.durationMs)) return s.durationMs;
  const start = toMs(s.start);
  if (start === null) return null;
  const end = toMs(s.end) ?? now;
  return Math.max(0, end - start);
}

/**
 * How far a running session's resources are ahead of its own elapsed time, read at `at`: the
 * appliance's clock may run ahead of this computer's, and a resource never runs longer than its session.
 */
export function resourceLeadMs(s: Session, resources: readonly ResourceProgress[] | null, at: number): number {
  const own = elapsedMs(s, at);
  if (own === null || !isActiveStatus(s.status) || s.end !== null) return 0;
  const longest = Math.max(0, ...(resources ?? []).map((r) => (r.elapsedSec ?? 0) * 1000));
  return Math.max(0, longest - own);
}

/** A session's duration on its own page: `elapsedMs`, and while it runs plus its resources' lead, so it ticks on from its start. */
export function runDurationMs(s: Session, now: number, leadMs: number): number | null {
  const own = elapsedMs(s, now);
  return own === null || !isActiveStatus(s.status) || s.end !== null ? own : own + leadMs;
}
