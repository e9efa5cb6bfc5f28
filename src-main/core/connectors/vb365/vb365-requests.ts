/**
 * Pure builders of VB365 requests, per API version. The Bearer header is added by the connector,
 * which owns the token.
 */
import type { HttpRequest } from '../../http/http-client.js';

/** The API versions Backwatch speaks, newest first (the order negotiation tries them in). */
export const VB365_VERSIONS = ['v8', 'v7', 'v6', 'v5'] as const;
export type Vb365Version = (typeof VB365_VERSIONS)[number];

export interface Vb365Paging {
  readonly offset: number;
  /** Page size; the server defaults to 30 and allows up to 10,000. */
  readonly limit: number;
}

const versionNumber = (v: Vb365Version): number => Number(v.slice(1));

/** `v6`, `V6`, `6` → `v6`; null for anything Backwatch does not speak. */
export function readVb365Version(text: string | undefined): Vb365Version | null {
  const v = `v${(text ?? '').trim().toLowerCase().replace(/^v/, '')}`;
  return (VB365_VERSIONS as readonly string[]).includes(v) ? (v as Vb365Version) : null;
}

function tokenRequest(version: Vb365Version, fields: Record<string, string>): HttpRequest {
  const form = new URLSearchParams(fields);
  // From v7 the token endpoint demands an antiforgery token unless told not to (API clients have none).
  if (versionNumber(version) >= 7) form.set('disable_antiforgery_token', 'true');
  return { method: 'POST', path: `/${version}/Token`, body: form, retries: 0 };
}

/** `POST /vN/Token` with the password grant (form-encoded). */
export function passwordTokenRequest(version: Vb365Version, username: string, password: string): HttpRequest {
  return tokenRequest(version, { grant_type: 'password', username, password });
}

/** `POST /vN/Token` with the refresh-token grant. */
export function refreshTokenRequest(version: Vb365Version, refreshToken: string): HttpRequest {
  return tokenRequest(version, { grant_type: 'refresh_token', refresh_token: refreshToken });
}

/** `POST /vN/Token/logout`. */
export function logoutRequest(version: Vb365Version): HttpRequest {
  return { method: 'POST', path: `/${version}/Token/logout`, retries: 0, timeoutMs: 5000 };
}

/** `GET /vN/Jobs`: a bare array up to v7 (no paging), paged from v8. */
export function jobsRequest(version: Vb365Version, paging: Vb365Paging): HttpRequest {
  return versionNumber(version) >= 8 ? { path: `/${version}/Jobs`, query: { ...paging } } : { path: `/${version}/Jobs` };
}

/** What a session list may be narrowed to. */
export interface Vb365SessionFilter {
  /** Only sessions that ended at or after this time (ISO); running sessions have no end. */
  readonly endTimeLowerBound?: string;
}

/** `GET /vN/JobSessions`: sessions of every job. */
export function allSessionsRequest(version: Vb365Version, paging: Vb365Paging, filter: Vb365SessionFilter = {}): HttpRequest {
  return { path: `/${version}/JobSessions`, query: { ...paging, ...filter } };
}

/**
 * `GET /vN/JobSessions` of sessions that ended before `endBefore` (ISO), as `endTimeUpperBound`:
 * Veeam documents it from v7 (its name says ended, its text says created). v5 and v6 list every
 * session: the caller keeps those it wants.
 */
export function endedBeforeRequest(version: Vb365Version, paging: Vb365Paging, endBefore: string): HttpRequest {
  const bound = versionNumber(version) >= 7 ? { endTimeUpperBound: endBefore } : {};
  return { path: `/${version}/JobSessions`, query: { ...paging, ...bound } };
}

/** Sessions of one job: `/vN/Jobs/{id}/JobSessions` up to v6, `/vN/JobSessions?jobId=` from v7. */
export function jobSessionsRequest(
  version: Vb365Version,
  jobId: string,
  paging: Vb365Paging,
  filter: Vb365SessionFilter = {},
): HttpRequest {
  if (versionNumber(version) >= 7) return { path: `/${version}/JobSessions`, query: { jobId, ...paging, ...filter } };
  return { path: `/${version}/Jobs/${encodeURIComponent(jobId)}/JobSessions`, query: { ...paging, ...filter } };
}

/** `GET /vN/JobSessions/{id}`. */
export function sessionRequest(version: Vb365Version, sessionId: string): HttpRequest {
  return { path: `/${version}/JobSessions/${encodeURIComponent(sessionId)}` };
}

/** `GET /vN/JobSessions/{id}/LogItems`, one page. */
export function logItemsRequest(version: Vb365Version, sessionId: string, paging: Vb365Paging): HttpRequest {
  return { path: `/${version}/JobSessions/${encodeURIComponent(sessionId)}/LogItems`, query: { ...paging } };
}

/**
 * The request behind a `_links.next` href: absolute (`https://host:4443/v5/JobSessions?offset=30`),
 * root-relative (`/v6/JobSessions?...`) or relative to the version (`JobSessions?...`). Of an
 * absolute link only the path is kept: the server may name itself differently than the user did,
 * and credentials must never follow a link to another host.
 */
export function nextPageRequest(version: Vb365Version, href: string): HttpRequest {
  if (/^https?:\/\//i.test(href)) {
    const url = new URL(href);
    return { path: url.pathname + url.search };
  }
  return { path: href.startsWith('/') ? href : `/${version}/${href}` };
}

/** Object reads need v7 or later: the repositories' backed-up data and per-run results are documented from v7. */
export const hasObjectReads = (version: Vb365Version): boolean => versionNumber(version) >= 7;

/** `GET /vN/BackupRepositories` (v7+), one page. */
export function repositoriesRequest(version: Vb365Version, paging: Vb365Paging): HttpRequest {
  return { path: `/${version}/BackupRepositories`, query: { ...paging } };
}

/** What a repository holds, per kind of object, each with its newest backup time (v7+). */
export type Vb365DataKind = 'UserData' | 'SiteData' | 'TeamData';

/** `GET /vN/BackupRepositories/{id}/UserData` (or `SiteData`, `TeamData`), one page. */
export function repositoryDataRequest(version: Vb365Version, repositoryId: string, kind: Vb365DataKind, paging: Vb365Paging): HttpRequest {
  return { path: `/${version}/BackupRepositories/${encodeURIComponent(repositoryId)}/${kind}`, query: { ...paging } };
}

/** `GET /vN/JobSessions/{id}/ProcessedObjects` (v7+), one page: how each object of a run ended. */
export function processedObjectsRequest(version: Vb365Version, sessionId: string, paging: Vb365Paging): HttpRequest {
  return { path: `/${version}/JobSessions/${encodeURIComponent(sessionId)}/ProcessedObjects`, query: { ...paging } };
}
