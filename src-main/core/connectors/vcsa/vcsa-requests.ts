/**
 * Pure builders of vCenter appliance backup requests, for both API styles. The session header is
 * added by the connector, which owns the login.
 */
import type { HttpRequest } from '../../http/http-client.js';
import type { VcsaApiStyle } from '../../../common/vendors/vcsa/vcsa-options.js';

export const VCSA_SESSION_HEADER = 'vmware-api-session-id';

const SESSION_PATH: Readonly<Record<VcsaApiStyle, string>> = {
  api: '/api/session',
  rest: '/rest/com/vmware/cis/session',
};

const backup = (style: VcsaApiStyle, rest: string): string => `/${style}/appliance/recovery/backup/${rest}`;

/** `POST /api/session` (201, bare token) or `POST /rest/com/vmware/cis/session` (`{value}`), HTTP Basic. */
export function loginRequest(style: VcsaApiStyle, username: string, password: string): HttpRequest {
  const basic = Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
  return { method: 'POST', path: SESSION_PATH[style], headers: { Authorization: `Basic ${basic}` }, retries: 0 };
}

/** `DELETE` of the session. */
export function logoutRequest(style: VcsaApiStyle): HttpRequest {
  return { method: 'DELETE', path: SESSION_PATH[style], retries: 0, timeoutMs: 5000 };
}

/** The ids of all backup jobs the appliance remembers. */
export function jobIdsRequest(style: VcsaApiStyle): HttpRequest {
  return { path: backup(style, 'job') };
}

/**
 * Details of the given backup jobs: `/rest` repeats `filter.jobs=` (the seed also documents
 * `filter.jobs.1=..`; the repeated form is what clients in the field send), `/api` repeats `jobs=`.
 * The caller never sends an empty list: no filter means "every job", the one answer that grows
 * with history.
 */
export function jobDetailsRequest(style: VcsaApiStyle, ids: readonly string[]): HttpRequest {
  return { path: backup(style, 'job/details'), query: { [style === 'api' ? 'jobs' : 'filter.jobs']: ids } };
}

/** One backup job's status (`state` word set, `progress` as a percent). */
export function jobStatusRequest(style: VcsaApiStyle, id: string): HttpRequest {
  return { path: backup(style, `job/${encodeURIComponent(id)}`) };
}

/** The backup schedules (map id → schedule). */
export function schedulesRequest(style: VcsaApiStyle): HttpRequest {
  return { path: backup(style, 'schedules') };
}
