/**
 * Pure helpers of the Jobs view: one row per job across the fleet, its state word, the filter
 * (state, name), the orders it sorts in and the optional grouping by appliance.
 */
import type { JobView } from '../../src-main/common/ipc-contract.js';
import { isActiveStatus, type Session } from '../../src-main/common/model.js';
import { jobKey, type ApplianceView, type OverallStatus } from '../../src-main/common/snapshot.js';
import { jobSeverity } from '../../src-main/common/status-rules.js';
import { toMs } from '../../src-main/common/time.js';
import { STRIP_LENGTH } from './history-strip.js';
import { compareShares, NO_SHARES, type JobShares } from './job-compliance.js';

/** A job's state in the Jobs view, worst first: the default sort order. */
export const JOB_ROW_STATES = ['failed', 'at_risk', 'warning', 'maintenance', 'running', 'ok', 'no_run', 'disabled'] as const;
export type JobRowState = (typeof JOB_ROW_STATES)[number];

export const JOB_STATE_LABELS: Readonly<Record<JobRowState, string>> = {
  failed: 'Failed',
  at_risk: 'At risk',
  warning: 'Warning',
  maintenance: 'Maintenance',
  running: 'Running',
  ok: 'OK',
  no_run: 'No run yet',
  disabled: 'Disabled',
};

/** The glyph (shape and colour) a state is drawn with: the tray's. */
export const JOB_STATE_GLYPHS: Readonly<Record<JobRowState, OverallStatus>> = {
  failed: 'failed',
  at_risk: 'at_risk',
  warning: 'warning',
  maintenance: 'maintenance',
  running: 'running',
  ok: 'ok',
  no_run: 'no_data',
  disabled: 'no_data',
};

export function jobRowState(job: JobView): JobRowState {
  if (job.protection === 'disabled') return 'disabled';
  const severity = jobSeverity(job);
  return severity === 'no_data' || severity === 'appliance_problem' ? 'no_run' : severity;
}

export interface JobRow {
  /** `jobKey(applianceId, jobId)`. */
  readonly key: string;
  readonly job: JobView;
  readonly state: JobRowState;
  /** The job's newest `STRIP_LENGTH` sessions, oldest first (what its history strip shows). */
  readonly recent: readonly Session[];
  /** The session running now, if any (the newest active one). */
  readonly running: Session | null;
}

const startMs = (s: Session): number => toMs(s.start) ?? Number.NEGATIVE_INFINITY;

/** Sessions grouped by `jobKey`, each group oldest first. */
export function sessionsByJob(sessions: readonly Session[]): Map<string, Session[]> {
  const groups = new Map<string, Session[]>();
  for (const s of sessions) {
    const key = jobKey(s.applianceId, s.jobId);
    const group = groups.get(key);
    if (group) group.push(s);
    else groups.set(key, [s]);
  }
  for (const group of groups.values()) group.sort((a, b) => startMs(a) - startMs(b) || a.id.localeCompare(b.id));
  return groups;
}

/** Every job the snapshot lists, with its recent sessions (the snapshot already carries each job's state). */
export function jobRows(appliances: readonly ApplianceView[], sessions: readonly Session[]): JobRow[] {
  const groups = sessionsByJob(sessions);
  return appliances.flatMap((appliance) =>
    appliance.jobs.map((state): JobRow => {
      const job: JobView = { ...state, applianceName: appliance.name, vendor: appliance.vendor };
      const key = jobKey(state.applianceId, state.jobId);
      const recent = (groups.get(key) ?? []).slice(-STRIP_LENGTH);
      const running = recent.findLast((s) => isActiveStatus(s.status)) ?? null;
      return { key, job, state: jobRowState(job), recent, running };
    }),
  );
}

export interface JobFilter {
  /** Empty: every state. */
  readonly states: readonly JobRowState[];
  /** Matched case-insensitively against the job's and the appliance's names, and the job's kind. */
  readonly text: string;
}

export const EMPTY_JOB_FILTER: JobFilter = { states: [], text: '' };

export function matchesJobFilter(row: JobRow, filter: JobFilter): boolean {
  if (filter.states.length > 0 && !filter.states.includes(row.state)) return false;
  const needle = filter.text.trim().toLowerCase();
  const has = (text: string | null) => text !== null && text.toLowerCase().includes(needle);
  return needle === '' || has(row.job.jobName) || has(row.job.applianceName) || has(row.job.kind);
}

const RANK: Readonly<Record<JobRowState, number>> = Object.fromEntries(JOB_ROW_STATES.map((s, i) => [s, i])) as Record<JobRowState, number>;

const byName = (a: JobRow, b: JobRow): number =>
  a.job.jobName.localeCompare(b.job.jobName) || a.job.applianceName.localeCompare(b.job.applianceName) || a.key.localeCompare(b.key);

/** Worst first, then by job name, then by appliance name: stable across polls. */
export function compareJobRows(a: JobRow, b: JobRow): number {
  return RANK[a.state] - RANK[b.state] || byName(a, b);
}

/** What the list is sorted by: worst state first (the default), name, or lowest compliance first. */
export const JOB_SORT_KEYS = ['state', 'name', 'compliance'] as const;
export type JobSortKey = (typeof JOB_SORT_KEYS)[number];

export const JOB_SORT_LABELS: Readonly<Record<JobSortKey, string>> = {
  state: 'State, worst first',
  name: 'Name',
  compliance: 'Compliance, lowest first',
};

function comparatorFor(sort: JobSortKey, shares: JobShares): (a: JobRow, b: JobRow) => number {
  if (sort === 'name') return byName;
  if (sort === 'compliance') return (a, b) => compareShares(shares, a.key, b.key) || compareJobRows(a, b);
  return compareJobRows;
}

/** The rows the filter lets through, in the chosen order (`shares` orders them by compliance). */
export function selectJobs(
  rows: readonly JobRow[],
  filter: JobFilter,
  sort: JobSortKey = 'state',
  shares: JobShares = NO_SHARES,
): JobRow[] {
  return rows.filter((row) => matchesJobFilter(row, filter)).sort(comparatorFor(sort, shares));
}

/** How many rows are in each state (for the filter's labels). */
export function countJobStates(rows: readonly JobRow[]): Record<JobRowState, number> {
  const counts = Object.fromEntries(JOB_ROW_STATES.map((s) => [s, 0])) as Record<JobRowState, number>;
  for (const row of rows) counts[row.state] += 1;
  return counts;
}

/** One line of the (virtualised) Jobs list: an appliance's heading when grouped, or a job. */
export type JobListItem =
  | {
      readonly kind: 'group';
      readonly key: string;
      readonly applianceId: string;
      readonly applianceName: string;
      readonly count: number;
      readonly worst: JobRowState;
      readonly collapsed: boolean;
    }
  | { readonly kind: 'job'; readonly key: string; readonly row: JobRow };

/**
 * The list's lines: the rows as they are, or grouped under their appliance (worst appliance first,
 * each group in the rows' order); a collapsed group keeps its heading only.
 */
export function jobListItems(sorted: readonly JobRow[], grouped: boolean, collapsed: ReadonlySet<string> = new Set()): JobListItem[] {
  if (!grouped) return sorted.map((row) => ({ kind: 'job', key: row.key, row }));
  const groups = new Map<string, JobRow[]>();
  for (const row of sorted) {
    const group = groups.get(row.job.applianceId);
    if (group) group.push(row);
    else groups.set(row.job.applianceId, [row]);
  }
  // Sorted by name or compliance, a group's first row need not be its worst.
  const worstOf = (rows: readonly JobRow[]) =>
    rows.reduce((worst, row) => (RANK[row.state] < RANK[worst] ? row.state : worst), rows[0]!.state);
  const ordered = [...groups.values()].sort(
    (a, b) => RANK[worstOf(a)] - RANK[worstOf(b)] || a[0]!.job.applianceName.localeCompare(b[0]!.job.applianceName),
  );
  return ordered.flatMap((rows): JobListItem[] => {
    const { applianceId, applianceName } = rows[0]!.job;
    const isCollapsed = collapsed.has(applianceId);
    const heading: JobListItem = {
      kind: 'group',
      key: `group:${applianceId}`,
      applianceId,
      applianceName,
      count: rows.length,
      worst: worstOf(rows),
      collapsed: isCollapsed,
    };
    return isCollapsed ? [heading] : [heading, ...rows.map((row): JobListItem => ({ kind: 'job', key: row.key, row }))];
  });
}

/** The rows by `key`, for a job's page. */
export function rowsByKey(rows: readonly JobRow[]): ReadonlyMap<string, JobRow> {
  return new Map(rows.map((row) => [row.key, row]));
}

/** A set with `id` added, or removed when it was there: the collapsed groups after a click. */
export function toggled(set: ReadonlySet<string>, id: string): ReadonlySet<string> {
  const next = new Set(set);
  if (!next.delete(id)) next.add(id);
  return next;
}

export const NONE_COLLAPSED: ReadonlySet<string> = new Set();
