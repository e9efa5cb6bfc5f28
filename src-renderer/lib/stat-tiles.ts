/**
 * The tiles at the head of a job's page and a session's: one big value each, in its state's colour
 * where it tells a state (Grafana's stat panel), with a quiet note under it.
 */
import { formatRpo } from '../../src-main/common/duration.js';
import {
  formatBytes,
  formatDateTime,
  formatDuration,
  formatRelative,
  formatTickingDuration,
  NO_VALUE,
  STATUS_LABELS,
} from '../../src-main/common/format.js';
import type { Session } from '../../src-main/common/model.js';
import { runDurationMs } from '../../src-main/common/time.js';
import { JOB_STATE_GLYPHS, JOB_STATE_LABELS, type JobRow } from './job-list.js';
import { nextRunWords } from './job-timing.js';
import { GLYPHS, sessionSeverity } from './status-glyph.js';
import { transferredBytes } from './job-charts.js';

export interface StatTile {
  readonly label: string;
  readonly value: string;
  /** A line under the value ("RPO 26 h"); empty for none. */
  readonly note: string;
  /** The colour token of the value, where the value tells a state; null draws it in the text colour. */
  readonly token: string | null;
  /** The exact time or wording behind the value, on hover. */
  readonly title: string;
}

const tile = (label: string, value: string, note = '', token: string | null = null, title = value): StatTile => ({
  label,
  value,
  note,
  token,
  title,
});

/** The RPO a last success is measured against: none for a disabled job or one whose check is off. */
function rpoWords(row: Pick<JobRow, 'job' | 'state'>): string {
  if (row.state === 'disabled') return '';
  return row.job.rpoSec === null ? 'no RPO' : `RPO ${formatRpo(row.job.rpoSec)}`;
}

/** State, last success against the RPO, next run (never in the past) and success rate. */
export function jobTiles(row: Pick<JobRow, 'job' | 'state'>, now: number): StatTile[] {
  const { job, state } = row;
  const lastRun = job.lastOutcomeAt ? `last run ${formatRelative(job.lastOutcomeAt, now)}` : '';
  const next = nextRunWords(job, now);
  const rate = job.successRate === null ? NO_VALUE : `${Math.round(job.successRate * 100)}%`;
  return [
    tile('State', JOB_STATE_LABELS[state], lastRun, GLYPHS[JOB_STATE_GLYPHS[state]].colorToken),
    tile(
      'Last success',
      formatRelative(job.lastSuccess, now),
      rpoWords(row),
      job.protection === 'at_risk' ? GLYPHS.at_risk.colorToken : null,
      formatDateTime(job.lastSuccess),
    ),
    tile('Next run', next, job.running ? '' : formatDateTime(job.nextRun), job.running ? GLYPHS.running.colorToken : null),
    tile('Success rate', rate, job.successRate === null ? 'no finished run yet' : 'of the last 30 runs'),
  ];
}

/** State, start, duration (to the second while it runs, `leadMs` ahead where its resources are: see `resourceLeadMs`) and, where the vendor says, the data moved. */
export function sessionTiles(session: Session, leadMs: number, now: number): StatTile[] {
  const ended = session.end === null ? 'still running' : `ended ${formatRelative(session.end, now)}`;
  const bytes = transferredBytes(session);
  return [
    tile('State', STATUS_LABELS[session.status], ended, GLYPHS[sessionSeverity(session.status)].colorToken),
    tile('Started', formatRelative(session.start, now), formatDateTime(session.start), null, formatDateTime(session.start)),
    tile(
      'Duration',
      (session.end === null ? formatTickingDuration : formatDuration)(runDurationMs(session, now, leadMs)),
      session.end === null ? '' : formatDateTime(session.end),
    ),
    ...(bytes === null ? [] : [tile('Transferred', formatBytes(bytes))]),
  ];
}
