/**
 * Pure builders of Veeam Backup & Replication REST requests (`https://HOST:9419/api/...`). Every
 * request carries the revision in `x-api-version`; the Bearer header is added by the connector,
 * which owns the token.
 */
import type { HttpRequest } from '../../http/http-client.js';
import { WATCHED_SESSION_TYPES_1_3 } from './vbr-kind-words.js';

/** The REST API revisions Backwatch speaks, newest first (the order negotiation prefers). */
export const VBR_REVISIONS = ['1.3-rev1', '1.3-rev0', '1.2-rev1', '1.2-rev0', '1.1-rev2', '1.1-rev1', '1.1-rev0', '1.0-rev2'] as const;
export type VbrRevision = (typeof VBR_REVISIONS)[number];

/** `1.1-rev0`, `v1.1-rev0`, ` V1.1-REV0 ` → `1.1-rev0`; null for a revision Backwatch does not speak. */
export function readVbrRevision(text: string | undefined): VbrRevision | null {
  const r = (text ?? '').trim().toLowerCase().replace(/^v/, '');
  return (VBR_REVISIONS as readonly string[]).includes(r) ? (r as VbrRevision) : null;
}

/** The newest revision Backwatch speaks among `listed` (as a server names them); null when none. */
export function bestVbrRevision(listed: readonly string[]): VbrRevision | null {
  const known = new Set(listed.map((t) => readVbrRevision(t)));
  return VBR_REVISIONS.find((r) => known.has(r)) ?? null;
}

const rank = (r: VbrRevision): number => VBR_REVISIONS.length - VBR_REVISIONS.indexOf(r);

/** Whether `r` is `since` or newer. */
export const vbrRevisionAtLeast = (r: VbrRevision, since: VbrRevision): boolean => rank(r) >= rank(since);

/** Per-VM task sessions came with 1.2. */
export const hasTaskSessions = (r: VbrRevision): boolean => vbrRevisionAtLeast(r, '1.2-rev0');

/**
 * The session types a session list asks for. 1.3-rev1 documents `typeFilter` as a list: it names
 * every kind Backwatch watches. Before, it takes one type only: none is named, and the connector
 * leaves out what it does not watch. One request either way, so an idle poll costs the same.
 */
export const sessionTypeFilter = (r: VbrRevision): readonly string[] | undefined =>
  vbrRevisionAtLeast(r, '1.3-rev1') ? WATCHED_SESSION_TYPES_1_3 : undefined;

const versioned = (revision: VbrRevision, req: HttpRequest): HttpRequest => ({
  ...req,
  headers: { ...req.headers, 'x-api-version': revision },
});

function tokenRequest(revision: VbrRevision, fields: Record<string, string>): HttpRequest {
  return versioned(revision, { method: 'POST', path: '/api/oauth2/token', body: new URLSearchParams(fields), retries: 0 });
}

/** `POST /api/oauth2/token` with the password grant (lower-case words, as servers take them). */
export function passwordTokenRequest(revision: VbrRevision, username: string, password: string): HttpRequest {
  return tokenRequest(revision, { grant_type: 'password', username, password });
}

/** `POST /api/oauth2/token` with the refresh grant (a refresh token works once). */
export function refreshTokenRequest(revision: VbrRevision, refreshToken: string): HttpRequest {
  return tokenRequest(revision, { grant_type: 'refresh_token', refresh_token: refreshToken });
}

/** `POST /api/oauth2/logout`. */
export function logoutRequest(revision: VbrRevision): HttpRequest {
  return versioned(revision, { method: 'POST', path: '/api/oauth2/logout', retries: 0, timeoutMs: 5000 });
}

export interface VbrPaging {
  readonly skip: number;
  /** Page size; the server defaults to 200. */
  readonly limit: number;
}

/** What a session list is narrowed to, besides the kinds of run Backwatch watches. */
export interface VbrSessionFilter {
  /** Only sessions created after this time (ISO). */
  readonly createdAfter?: string;
  /** Only sessions created before this time (ISO). */
  readonly createdBefore?: string;
  /** Only sessions in this `state` word. */
  readonly state?: string;
  /** Oldest first (an incremental read resumes where it stopped); newest first otherwise. */
  readonly oldestFirst?: boolean;
}

/** `GET /api/v1/sessions`: runs by creation time (the default order is unspecified, so always named). */
export function sessionsRequest(revision: VbrRevision, paging: VbrPaging, filter: VbrSessionFilter = {}): HttpRequest {
  return versioned(revision, {
    path: '/api/v1/sessions',
    query: {
      ...paging,
      orderColumn: 'CreationTime',
      orderAsc: filter.oldestFirst === true,
      typeFilter: sessionTypeFilter(revision),
      createdAfterFilter: filter.createdAfter,
      createdBeforeFilter: filter.createdBefore,
      stateFilter: filter.state,
    },
  });
}

const sessionPath = (sessionId: string): string => `/api/v1/sessions/${encodeURIComponent(sessionId)}`;

/** `GET /api/v1/sessions/{id}`. */
export function sessionRequest(revision: VbrRevision, sessionId: string): HttpRequest {
  return versioned(revision, { path: sessionPath(sessionId) });
}

/** `GET /api/v1/sessions/{id}/logs`, one page. */
export function sessionLogRequest(revision: VbrRevision, sessionId: string, paging: VbrPaging): HttpRequest {
  return versioned(revision, { path: `${sessionPath(sessionId)}/logs`, query: { ...paging } });
}

/** `GET /api/v1/sessions/{id}/taskSessions` (1.2+), one page. */
export function taskSessionsRequest(revision: VbrRevision, sessionId: string, paging: VbrPaging): HttpRequest {
  return versioned(revision, { path: `${sessionPath(sessionId)}/taskSessions`, query: { ...paging } });
}

/** `GET /api/v1/jobs/states`, one page. */
export function jobStatesRequest(revision: VbrRevision, paging: VbrPaging): HttpRequest {
  return versioned(revision, { path: '/api/v1/jobs/states', query: { ...paging } });
}

/** The API path of a session's log, as sessions link to it. */
export const sessionLogPath = (sessionId: string): string => `${sessionPath(sessionId)}/logs`;

/** `GET /api/v1/backupObjects`, one page by name: what the backups hold. */
export function backupObjectsRequest(revision: VbrRevision, paging: VbrPaging): HttpRequest {
  return versioned(revision, { path: '/api/v1/backupObjects', query: { ...paging, orderColumn: 'Name', orderAsc: true } });
}

/** What a restore point list is narrowed to. */
export interface VbrPointFilter {
  /** Only the points of this backup object. */
  readonly backupObjectId?: string;
  /** Only points created after this time (ISO). */
  readonly createdAfter?: string;
  /** Newest first (one object's newest point); oldest first otherwise (an incremental read). */
  readonly newestFirst?: boolean;
}

/** `GET /api/v1/restorePoints` (the documents of 1.2 and 1.3 give it the object filter), by creation time. */
export function restorePointsRequest(revision: VbrRevision, paging: VbrPaging, filter: VbrPointFilter): HttpRequest {
  return versioned(revision, {
    path: '/api/v1/restorePoints',
    query: {
      ...paging,
      orderColumn: 'CreationTime',
      orderAsc: filter.newestFirst !== true,
      backupObjectIdFilter: filter.backupObjectId,
      createdAfterFilter: filter.createdAfter,
    },
  });
}

/**
 * Agent-protected computers came after 1.0 (the 1.0-rev1 document has no `agents` section; the
 * 1.2-rev1 and 1.3-rev1 documents list `/agents/protectedComputers`). 1.1 is asked, and a 404 there
 * means the revision has none.
 */
export const mayHaveProtectedComputers = (r: VbrRevision): boolean => vbrRevisionAtLeast(r, '1.1-rev0');

/** `GET /api/v1/agents/protectedComputers`, one page by name: the computers agent protection groups hold. */
export function protectedComputersRequest(revision: VbrRevision, paging: VbrPaging): HttpRequest {
  return versioned(revision, { path: '/api/v1/agents/protectedComputers', query: { ...paging, orderColumn: 'Name', orderAsc: true } });
}

/** `GET /api/v1/inventory/vmware/hosts`, one page: the vCenters and standalone hosts VBR knows. */
export function inventoryHostsRequest(revision: VbrRevision, paging: VbrPaging): HttpRequest {
  return versioned(revision, { path: '/api/v1/inventory/vmware/hosts', query: { ...paging, orderColumn: 'Name', orderAsc: true } });
}

/** `GET /api/v1/inventory/vmware/hosts/{name}?typeFilter=VirtualMachine`, one page: the VMs of one vCenter or host. */
export function inventoryVmsRequest(revision: VbrRevision, hostName: string, paging: VbrPaging): HttpRequest {
  return versioned(revision, {
    path: `/api/v1/inventory/vmware/hosts/${encodeURIComponent(hostName)}`,
    query: { ...paging, orderColumn: 'ObjectId', orderAsc: true, typeFilter: 'VirtualMachine' },
  });
}
