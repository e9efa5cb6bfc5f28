/**
 * Pure builders of SPP requests. SPP takes `filter` and `sort` as JSON text in the query string.
 * The session header is added by the connector, which owns the login.
 */
import type { HttpRequest } from '../../http/http-client.js';
import { SPP_ACTIVE_WORDS } from './spp-status.js';

export interface SppFilter {
  readonly property: string;
  /** SPP accepts arrays, JSON-encoded array text (progress summaryStatus) and plain values. */
  readonly value: string | number | readonly string[];
  readonly op: '=' | 'IN' | 'NOT IN' | '>' | '>=' | '<' | '<=';
}

export interface SppSort {
  readonly property: string;
  readonly direction: 'ASC' | 'DESC';
}

export interface SppPaging {
  /** 0-based index of the first record. */
  readonly pageStartIndex: number;
  readonly pageSize: number;
}

export const SESSION_HEADER = 'X-Endeavour-Sessionid';

const query = (paging: SppPaging, filter?: readonly SppFilter[], sort?: readonly SppSort[]): HttpRequest['query'] => ({
  pageSize: paging.pageSize,
  pageStartIndex: paging.pageStartIndex,
  filter: filter && filter.length > 0 ? JSON.stringify(filter) : undefined,
  sort: sort && sort.length > 0 ? JSON.stringify(sort) : undefined,
});

/** `POST /api/endeavour/session` with HTTP Basic auth (UTF-8 user:password). */
export function loginRequest(username: string, password: string): HttpRequest {
  const basic = Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
  return { method: 'POST', path: '/api/endeavour/session', headers: { Authorization: `Basic ${basic}` }, retries: 0 };
}

/** `DELETE /api/endeavour/session`. */
export function logoutRequest(): HttpRequest {
  return { method: 'DELETE', path: '/api/endeavour/session', retries: 0, timeoutMs: 5000 };
}

const NEWEST_FIRST: readonly SppSort[] = [{ property: 'start', direction: 'DESC' }];

/** Job sessions, newest first, one page; with `atOrBeforeMs`, only those that started at or before it. */
export function sessionsNewestFirstRequest(paging: SppPaging, atOrBeforeMs?: number): HttpRequest {
  const filter: SppFilter[] | undefined = atOrBeforeMs === undefined ? undefined : [{ property: 'start', value: atOrBeforeMs, op: '<=' }];
  return { path: '/api/endeavour/jobsession', query: query(paging, filter, NEWEST_FIRST) };
}

/** Job sessions that started at or after `fromMs` and before `toMs` (epoch ms; null: no end), oldest first, one page. */
export function sessionsStartedRequest(fromMs: number, toMs: number | null, paging: SppPaging): HttpRequest {
  const filter: SppFilter[] = [{ property: 'start', value: fromMs, op: '>=' }];
  if (toMs !== null) filter.push({ property: 'start', value: toMs, op: '<' });
  return { path: '/api/endeavour/jobsession', query: query(paging, filter, [{ property: 'start', direction: 'ASC' }]) };
}

/** Job sessions that have not ended (queued, running, paused, stopping), newest first. */
export function activeSessionsRequest(paging: SppPaging): HttpRequest {
  const filter: SppFilter[] = [{ property: 'status', value: SPP_ACTIVE_WORDS, op: 'IN' }];
  return { path: '/api/endeavour/jobsession', query: query(paging, filter, NEWEST_FIRST) };
}

/** One job session. */
export function sessionRequest(sessionId: string): HttpRequest {
  return { path: `/api/endeavour/jobsession/${encodeURIComponent(sessionId)}` };
}

/** All jobs (one page). */
export function jobsRequest(paging: SppPaging): HttpRequest {
  return { path: '/api/endeavour/job', query: query(paging) };
}

/** Per-resource progress of one session. */
export function progressRequest(sessionId: string, paging: SppPaging): HttpRequest {
  const filter: SppFilter[] = [{ property: 'sessionId', value: sessionId, op: '=' }];
  return { path: '/api/progress', query: query(paging, filter, [{ property: 'id', direction: 'ASC' }]) };
}

/** One page of a session's job log, oldest first. */
export function jobLogRequest(sessionId: string, paging: SppPaging): HttpRequest {
  const filter: SppFilter[] = [{ property: 'jobsessionId', value: sessionId, op: '=' }];
  return { path: '/api/endeavour/log/job', query: query(paging, filter, [{ property: 'logTime', direction: 'ASC' }]) };
}

/** `GET /api/endeavour/catalog/recovery/hypervisorvm`: the VMs with a copy, each with its newest copy (IBM's samples read it so). */
export function recoveryVmsRequest(paging: SppPaging): HttpRequest {
  return { path: '/api/endeavour/catalog/recovery/hypervisorvm', query: { embed: '(children(properties))', ...query(paging) } };
}
