/**
 * A job's recent runs as a strip of small bars (the model of the HistoryStrip component): one bar
 * per session, oldest left, its kind told by shape as well as colour, its height by duration
 * relative to the job's median. Pure: `now` is passed in, so a running bar grows with the clock.
 */
import { countOf, formatDuration, STATUS_LABELS } from '../../src-main/common/format.js';
import { median } from '../../src-main/common/overrun.js';
import { isActiveStatus, type Session, type SessionStatus } from '../../src-main/common/model.js';
import { toMs } from '../../src-main/common/time.js';
import { elapsedMs } from '../../src-main/common/time.js';

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
  readonly status: SessionStatus;
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

// One formatter for every tooltip: building one per call costs more than drawing the strip.
const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const defaultTime = (iso: string | null): string => {
  const ms = toMs(iso);
  return ms === null ? 'start unknown' : DATE_TIME.format(ms);
};

/** What a bar's tooltip says: time, outcome and duration. Made on demand, for the bar shown only. */
export function barTip(bar: StripBar, formatTime: (iso: string | null) => string = defaultTime): string {
  return `${formatTime(bar.start)} · ${STATUS_LABELS[bar.status]} · ${bar.kind === 'running' ? 'for' : 'took'} ${formatDuration(bar.durationMs)}`;
}

/** "30 runs: 27 succeeded, 2 warnings, 1 failed" (kinds with no run left out). */
export function stripLabel(bars: readonly Pick<StripBar, 'kind'>[]): string {
  if (bars.length === 0) return 'No runs yet';
  const count = (kind: BarKind) => bars.filter((b) => b.kind === kind).length;
  const parts = [
    [count('succeeded'), 'succeeded'],
    [count('warning'), 'warnings'],
    [count('failed'), 'failed'],
    [count('other'), 'canceled or unknown'],
    [count('running'), 'running'],
  ] as const;
  const words = parts.filter(([n]) => n > 0).map(([n, words]) => countOf(n, words));
  return `${countOf(bars.length, 'runs')}: ${words.join(', ')}`;
}

/**
 * The last `length` sessions of one job (any order in), oldest first. The median is taken over
 * the finished runs shown, so one slow night stands out against the job's usual duration.
 */
export function historyStrip(sessions: readonly Session[], now: number, length = STRIP_LENGTH): HistoryStripModel {
  const shown = [...sessions].sort(byStart).slice(-length);
  const durations = shown.map((s) => elapsedMs(s, now));
  const finished = durations.filter((d, i): d is number => d !== null && d > 0 && !isActiveStatus(shown[i]!.status));
  const typical = finished.length > 0 ? median(finished) : null;
  const bars = shown.map((s, i): StripBar => {
    const durationMs = durations[i] ?? null;
    const ratio = typical !== null && durationMs !== null ? durationMs / typical / 2 : 0.5;
    return {
      sessionId: s.id,
      kind: barKind(s),
      height: Math.min(1, Math.max(MIN_HEIGHT, ratio)),
      start: s.start,
      durationMs,
      status: s.status,
    };
  });
  return { bars, label: stripLabel(bars) };
}

/** Where the strip draws: bar width, step between bars, the baseline and the room above and below it (px). */
export const STRIP_GEOMETRY = { bar: 5, step: 7, base: 17, up: 16, down: 8 } as const;

const rect = (x: number, y: number, w: number, h: number): string => `M${x} ${y}h${w}v${h}h${-w}z`;

/**
 * One SVG path per kind of bar: a few nodes per strip instead of one per run, so a list of
 * strips renders fast. Runs grow up from the baseline, failures hang below it, a warning wears a
 * detached cap (like "!"), a canceled or unknown run is a small diamond, a running one an outline.
 */
export function stripPaths(bars: readonly StripBar[]): Record<BarKind, string> {
  const { bar, step, base, up, down } = STRIP_GEOMETRY;
  const paths: Record<BarKind, string> = { succeeded: '', warning: '', failed: '', running: '', other: '' };
  bars.forEach((b, i) => {
    const x = i * step;
    const h = Math.max(3, Math.round(b.height * up));
    if (b.kind === 'failed') paths.failed += rect(x, base + 1, bar, Math.max(3, Math.round(b.height * down)));
    else if (b.kind === 'warning') paths.warning += rect(x, base - h + 3, bar, h - 3) + rect(x, base - h, bar, 1.5);
    else if (b.kind === 'running') paths.running += rect(x + 0.5, base - h + 0.5, bar - 1, h - 1);
    else if (b.kind === 'other') paths.other += `M${x + bar / 2} ${base - 5}l2.5 2.5l-2.5 2.5l-2.5 -2.5z`;
    else paths.succeeded += rect(x, base - h, bar, h);
  });
  return paths;
}
