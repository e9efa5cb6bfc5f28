/**
 * The live screen of `backwatch watch` in a terminal, as `top` has it: what is wrong first, then
 * the jobs running now with their percent and elapsed time, then one summary line. A frame is a
 * pure function of the fleet and the terminal's size; every line fits the width (cut with an
 * ellipsis), and the frame fits the height (a section says how many lines it left out).
 */
import { formatDuration, OVERALL_LABELS } from '../common/format.js';
import type { JobView } from '../common/ipc-contract.js';
import type { Session } from '../common/model.js';
import type { StatusSnapshot } from '../common/snapshot.js';
import { displayWidth, withoutControlCharacters } from '../common/text.js';
import { elapsedMs } from '../common/time.js';
import { fleetCounts, problemLines, table } from './report.js';

export interface WatchView {
  readonly snapshot: StatusSnapshot;
  readonly jobs: readonly JobView[];
  /** The sessions running now, any order. */
  readonly running: readonly Session[];
  readonly applianceName: (id: string) => string;
  readonly now: number;
}

/** Lines a frame always spends outside the two lists: title, three blank lines, two headings, the running table's head, summary. */
const FIXED_LINES = 8;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The text cut to `width` terminal columns, the cut marked with an ellipsis. */
export function fitToWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let kept = '';
  for (const { segment } of graphemes.segment(text)) {
    if (displayWidth(kept + segment) > width - 1) break;
    kept += segment;
  }
  return `${kept}…`;
}

/** At most `room` lines of `lines`; when some are left out, the last line says how many. */
function within(lines: readonly string[], room: number): string[] {
  if (lines.length <= room) return [...lines];
  const kept = Math.max(0, room - 1);
  return [...lines.slice(0, kept), `  … ${lines.length - kept} more`];
}

function runningRows(view: WatchView): string[] {
  const rows = [...view.running]
    .sort((a, b) => (elapsedMs(b, view.now) ?? 0) - (elapsedMs(a, view.now) ?? 0))
    .map((s) => [
      view.applianceName(s.applianceId),
      s.jobName,
      s.progress.percent === null ? '—' : `${Math.round(s.progress.percent)}%`,
      formatDuration(elapsedMs(s, view.now)),
    ]);
  return table([['APPLIANCE', 'JOB', 'DONE', 'ELAPSED'], ...rows])
    .split('\n')
    .map((line) => `  ${line}`);
}

function summaryLine(view: WatchView): string {
  const appliances = view.snapshot.appliances.length;
  if (appliances === 0) return 'No appliance is configured. Add one with: backwatch appliance add --help';
  const counts = fleetCounts(view.snapshot, view.jobs);
  const said = [
    `${appliances} appliance${appliances === 1 ? '' : 's'}`,
    `${view.jobs.length} jobs: ${counts.failed} failed, ${counts.at_risk} at risk, ${counts.warning} with warnings, ${counts.running} running, ${counts.ok} OK`,
    view.snapshot.lastPoll ? `polled ${new Date(view.snapshot.lastPoll).toLocaleTimeString()}` : 'not polled yet',
  ];
  return said.join(' · ');
}

/** One frame, as lines no wider than `width`, at most `height` of them. */
export function renderWatchFrame(view: WatchView, width: number, height: number): string[] {
  const problems = problemLines(view.snapshot, view.jobs, view.now).map((line) => `  ${line}`);
  const running = runningRows(view);
  const room = Math.max(2, height - FIXED_LINES);
  // Problems come first: they get the room they need, up to most of it; the running jobs the rest.
  const problemRoom = Math.min(Math.max(problems.length, 1), Math.max(1, room - Math.min(running.length - 1, 3)));
  const runningRoom = Math.max(1, room - problemRoom);
  const title = `Backwatch: ${OVERALL_LABELS[view.snapshot.overall]}    ${new Date(view.now).toLocaleTimeString()}    Ctrl-C quits`;
  const summary = summaryLine(view);
  const lines = [
    title,
    '',
    `PROBLEMS (${problems.length})`,
    ...(problems.length === 0 ? ['  none'] : within(problems, problemRoom)),
    '',
    `RUNNING (${view.running.length})`,
    ...(view.running.length === 0 ? ['  none'] : [running[0]!, ...within(running.slice(1), runningRoom)]),
    '',
  ];
  // A terminal too short for both lists still shows the summary, on its last line.
  const fitted = [...lines.slice(0, Math.max(0, height - 1)), summary];
  return fitted.map((line) => fitToWidth(withoutControlCharacters(line), width));
}

/** VT100 sequences every terminal and tmux know: the alternate screen, cursor home, clear to the end of a line and of the screen. */
export const SCREEN = {
  enter: '\x1b[?1049h\x1b[?25l',
  leave: '\x1b[?25h\x1b[?1049l',
  /** A frame drawn over the last in place: no blank flash between the two. */
  frame: (lines: readonly string[]) => `\x1b[H${lines.map((line) => `${line}\x1b[K`).join('\n')}\x1b[J`,
};
