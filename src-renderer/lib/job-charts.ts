/** The series a job's page charts: duration over time, and transferred data where the vendor gives sizes. Pure. */
import { median } from '../../src-main/common/overrun.js';
import { countOf } from '../../src-main/common/format.js';
import { isActiveStatus, type Session } from '../../src-main/common/model.js';
import { toMs } from '../../src-main/common/time.js';

export interface Series {
  /** Session starts, epoch seconds, ascending (uPlot's time axis). */
  readonly xs: readonly number[];
  readonly ys: readonly number[];
}

/** The size a session moved, where its vendor says. */
export function transferredBytes(s: Session): number | null {
  const bytes = s.transferredBytes ?? null;
  return bytes !== null && Number.isFinite(bytes) && bytes >= 0 ? bytes : null;
}

function seriesOf(sessions: readonly Session[], value: (s: Session) => number | null): Series {
  const points = sessions
    .filter((s) => !isActiveStatus(s.status))
    .map((s) => ({ x: toMs(s.start), y: value(s) }))
    .filter((p): p is { x: number; y: number } => p.x !== null && p.y !== null)
    .sort((a, b) => a.x - b.x);
  return { xs: points.map((p) => p.x / 1000), ys: points.map((p) => p.y) };
}

/** Finished runs' durations in seconds. */
export function durationSeries(sessions: readonly Session[]): Series {
  return seriesOf(sessions, (s) => {
    const start = toMs(s.start);
    const end = toMs(s.end);
    const ms = s.durationMs ?? (start !== null && end !== null ? end - start : null);
    return ms !== null && Number.isFinite(ms) && ms >= 0 ? ms / 1000 : null;
  });
}

/** Bytes per finished run; null when no run reports a size (the chart is then left out). */
export function transferSeries(sessions: readonly Session[]): Series | null {
  const series = seriesOf(sessions, transferredBytes);
  return series.xs.length > 0 ? series : null;
}

/** What a chart says to a screen reader: "14 runs; latest 4 min, median 5 min, highest 9 min". */
export function seriesSummary(series: Series, format: (value: number) => string): string {
  const n = series.ys.length;
  if (n === 0) return 'No finished run yet';
  const latest = series.ys[n - 1]!;
  return `${countOf(n, 'runs')}; latest ${format(latest)}, median ${format(median(series.ys))}, highest ${format(Math.max(...series.ys))}`;
}
