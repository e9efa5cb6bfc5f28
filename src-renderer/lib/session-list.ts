/**
 * Pure helpers of the Sessions view: filtering, sorting and applying live deltas.
 * Kept out of the components so they are unit-tested without a DOM.
 */
import type { Session, SessionStatus } from '../../src-main/common/model.js';
import { jobOnAppliance } from '../../src-main/common/format.js';
import { jobKey, sessionKey, type SessionsDelta } from '../../src-main/common/snapshot.js';
import { elapsedMs, toMs } from '../../src-main/common/time.js';

export interface SessionFilter {
  /** Empty string: every appliance. */
  readonly applianceId: string;
  /** Empty: every status. */
  readonly statuses: readonly SessionStatus[];
  /** `jobKey(applianceId, jobId)`, empty string: every job. */
  readonly job: string;
  /** Free text, matched case-insensitively against job name, message, vendor status and id. */
  readonly text: string;
}

export const EMPTY_FILTER: SessionFilter = { applianceId: '', statuses: [], job: '', text: '' };

export const SORT_KEYS = ['start', 'duration', 'status'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';

export interface SessionSort {
  readonly key: SortKey;
  readonly direction: SortDirection;
}

/** Newest first: the latest runs are what an admin opens the list for. */
export const DEFAULT_SORT: SessionSort = { key: 'start', direction: 'desc' };

/** Worst first: the order a "sort by status" should bring problems to the top in. */
const STATUS_RANK: Readonly<Record<SessionStatus, number>> = {
  failed: 0,
  warning: 1,
  running: 2,
  paused: 3,
  queued: 4,
  canceled: 5,
  unknown: 6,
  succeeded: 7,
};

/** Lower-cased text a free-text search looks into, computed once per session object. */
const searchTextCache = new WeakMap<Session, string>();

function searchText(s: Session): string {
  let text = searchTextCache.get(s);
  if (text === undefined) {
    text = [s.jobName, s.message ?? '', s.vendorStatus, s.id, s.type ?? ''].join('\n').toLowerCase();
    searchTextCache.set(s, text);
  }
  return text;
}

export function matchesFilter(s: Session, filter: SessionFilter): boolean {
  if (filter.applianceId && s.applianceId !== filter.applianceId) return false;
  if (filter.statuses.length > 0 && !filter.statuses.includes(s.status)) return false;
  if (filter.job && jobKey(s.applianceId, s.jobId) !== filter.job) return false;
  const needle = filter.text.trim().toLowerCase();
  return needle === '' || searchText(s).includes(needle);
}

function compareBy(key: SortKey, now: number): (a: Session, b: Session) => number {
  // Missing values sort as the smallest, so they end last in the default descending order.
  const num = (v: number | null): number => v ?? Number.NEGATIVE_INFINITY;
  switch (key) {
    case 'start':
      return (a, b) => num(toMs(a.start)) - num(toMs(b.start));
    case 'duration':
      return (a, b) => num(elapsedMs(a, now)) - num(elapsedMs(b, now));
    case 'status':
      // Descending shows the worst first, so the rank is inverted.
      return (a, b) => STATUS_RANK[b.status] - STATUS_RANK[a.status];
  }
}

/** Filters then sorts; ties fall back to newest start first so the order is stable across polls. */
export function selectSessions(sessions: readonly Session[], filter: SessionFilter, sort: SessionSort, now: number): Session[] {
  const primary = compareBy(sort.key, now);
  const byStart = compareBy('start', now);
  const sign = sort.direction === 'asc' ? 1 : -1;
  return sessions
    .filter((s) => matchesFilter(s, filter))
    .sort((a, b) => sign * primary(a, b) || -byStart(a, b) || sessionKey(a).localeCompare(sessionKey(b)));
}

/** The empty session map, before the first load. */
export const NO_SESSIONS: ReadonlyMap<string, Session> = new Map();

/** Applies a `sessions:changed` delta to a map keyed by `sessionKey`; returns a new map. */
export function applySessionsDelta(current: ReadonlyMap<string, Session>, delta: SessionsDelta): Map<string, Session> {
  const next = delta.reset ? new Map<string, Session>() : new Map(current);
  for (const key of delta.removed) next.delete(key);
  for (const s of delta.upserted) next.set(sessionKey(s), s);
  return next;
}

export interface JobOption {
  readonly value: string;
  readonly label: string;
}

/**
 * The jobs present in a list of sessions, for the job filter: one per appliance and job, named with
 * its appliance (appliances often share job names), sorted by that label.
 */
export function jobOptions(sessions: readonly Session[], applianceNames: ReadonlyMap<string, string>): JobOption[] {
  const jobs = new Map<string, string>();
  for (const s of sessions) {
    jobs.set(jobKey(s.applianceId, s.jobId), jobOnAppliance(s.jobName, applianceNames.get(s.applianceId) ?? s.applianceId));
  }
  return [...jobs].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
}
