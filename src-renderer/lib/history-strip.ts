/**
 * A job's recent runs as a strip of small bars (the model of the HistoryStrip component): one bar
 * per session, oldest left, its kind told by shape as well as colour, its height by duration
 * relative to the job's median. Pure: `now` is passed in, so a running bar grows with the clock.
 */
import { formatDuration, STATUS_LABELS } from '../../src-main/common/format.js';
import { median } from '../../src-main/common/changes.js';
import { isActiveStatus, type Session } from '../../src-main/common/model.js';
import { toMs } from '../../src-main/common/time.js';
import { elapsedMs } from './session-list.js';

/** How a bar is drawn: each kind has its own shape, so the strip reads without colour. */
export type BarKind = 'succeeded' | 'warning' | 'failed' | 'running' | 'other';

export interface StripBar {
  readonly sessionId: string;
  readonly kind: BarKind;
  /** 0..1 of the strip's height: the median run sits at half height, twice the median or more fills it. */
  readonly height: number;
  /** ISO start, null when the vendor gave none. */
  readonly start: string | null;
  readonly durationMs: number | null;
  /** What a tooltip says: time, outcome and duration. */
  readonly tip: string;
}

export interface HistoryStripModel {
  readonly bars: readonly StripBar[];
  /** The summary a screen reader hears: "30 runs: 27 succeeded, 2 warnings, 1 failed". */
  readonly label: string;
}

/** Bars shown per job. */
export const STRIP_LENGTH = 30;
/** The smallest bar stays visible (and its shape readable) however short the run. */
const MIN_HEIGHT = 0.2;

export function barKind(session: Pick<Session, 'status'>): BarKind {
  if (isActiveStatus(session.status)) return 'running';
  if (session.status === 'succeeded' || session.status === 'warning' || session.status === 'failed') return session.status;
  return 'other';
}

const byStart = (a: Session, b: Session): number =>
  (toMs(a.start) ?? Number.NEGATIVE_INFINITY) - (toMs(b.start) ?? Number.NEGATIVE_INFINITY) || a.id.localeCompare(b.id);

const defaultTime = (iso: string | null): string => (iso ? new Date(iso).toLocaleString() : 'start unknown');

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "30 runs: 27 succeeded, 2 warnings, 1 failed" (kinds with no run left out). */
export function stripLabel(bars: readonly Pick<StripBar, 'kind'>[]): string {
  if (bars.length === 0) return 'No runs yet';
  const count = (kind: BarKind) => bars.filter((b) => b.kind === kind).length;
  const parts = [
    [count('succeeded'), 'succeeded', 'succeeded'],
    [count('warning'), 'warning', 'warnings'],
    [count('failed'), 'failed', 'failed'],
    [count('other'), 'canceled or unknown', 'canceled or unknown'],
    [count('running'), 'running', 'running'],
  ] as const;
  const words = parts.filter(([n]) => n > 0).map(([n, one, many]) => plural(n, one, many));
  return `${plural(bars.length, 'run', 'runs')}: ${words.join(', ')}`;
}

/**
 * The last `length` sessions of one job (any order in), oldest first. The median is taken over
 * the finished runs shown, so one slow night stands out against the job's usual duration.
 */
export function historyStrip(
  sessions: readonly Session[],
  now: number,
  length = STRIP_LENGTH,
  formatTime: (iso: string | null) => string = defaultTime,
): HistoryStripModel {
  const shown = [...sessions].sort(byStart).slice(-length);
  const durations = shown.map((s) => elapsedMs(s, now));
  const finished = durations.filter((d, i): d is number => d !== null && d > 0 && !isActiveStatus(shown[i]!.status));
  const typical = finished.length > 0 ? median(finished) : null;
  const bars = shown.map((s, i): StripBar => {
    const durationMs = durations[i] ?? null;
    const ratio = typical !== null && durationMs !== null ? durationMs / typical / 2 : 0.5;
    const kind = barKind(s);
    return {
      sessionId: s.id,
      kind,
      height: Math.min(1, Math.max(MIN_HEIGHT, ratio)),
      start: s.start,
      durationMs,
      tip: `${formatTime(s.start)} · ${STATUS_LABELS[s.status]} · ${kind === 'running' ? 'for' : 'took'} ${formatDuration(durationMs)}`,
    };
  });
  return { bars, label: stripLabel(bars) };
}
