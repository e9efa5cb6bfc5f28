/**
 * Drives the VB365 simulator, one API version at a time, through the requests the VB365 connector
 * makes (built by its own request builders) and the errors around them. v8 is checked against its
 * own document, v5–v7 against v7's (the oldest we have); v5 and v6 read a job's sessions at
 * `/Jobs/{id}/JobSessions`, which answers the page `/JobSessions` documents.
 */
import type { HttpRequest } from '../../../src-main/core/http/http-client.js';
import type { Vb365Version } from '../../../src-main/core/connectors/vb365/vb365-requests.js';
import {
  allSessionsRequest,
  hasObjectReads,
  processedObjectsRequest,
  repositoriesRequest,
  repositoryDataRequest,
  jobSessionsRequest,
  jobsRequest,
  logItemsRequest,
  logoutRequest,
  passwordTokenRequest,
  refreshTokenRequest,
  sessionRequest,
} from '../../../src-main/core/connectors/vb365/vb365-requests.js';
import type { Vb365Simulator } from '../../../src-main/demo/vb365/vb365-simulator.js';
import type { Recorder, StagedSessions } from './documented-exchanges.js';
import { DOCUMENTED_T0, stagedList } from './documented-exchanges.js';
import type { AnswerCheck } from '../../support/vendor-schemas.js';
import { documentCheck, readExtract } from '../../support/vendor-schemas.js';

export const VB365_SIM_VERSIONS: readonly Vb365Version[] = ['v5', 'v6', 'v7', 'v8'];

const documentVersion = (v: Vb365Version): string => (v === 'v8' ? 'v8' : 'v7');

export function vb365Check(v: Vb365Version): AnswerCheck {
  return documentCheck(readExtract(`vb365-rest-${documentVersion(v)}.json`), { errorSchema: 'RESTExceptionInfo' });
}

const FIRST_WINDOW_MS = 48 * 3_600_000;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** Every call of one version; answers land in `rec.exchanges`. */
export async function driveVb365(sim: Vb365Simulator, rec: Recorder, v: Vb365Version, staged: StagedSessions): Promise<void> {
  const d = documentVersion(v);
  const { username, password } = sim.credentials;
  const TOKEN = `POST /${d}/token`;
  await rec.send(TOKEN, 'wrong password', passwordTokenRequest(v, username, `${password}!`));
  const login = await rec.send(TOKEN, 'password grant', passwordTokenRequest(v, username, password));
  const token = JSON.parse(login.text) as { refresh_token: string };
  const refreshed = await rec.send(TOKEN, 'refresh grant', refreshTokenRequest(v, token.refresh_token));
  const auth = { Authorization: `Bearer ${(JSON.parse(refreshed.text) as { access_token: string }).access_token}` };
  const get = (call: string, label: string, req: HttpRequest) => rec.send(call, label, { ...req, headers: { ...req.headers, ...auth } });

  const SESSIONS = `GET /${d}/JobSessions`;
  const page = { offset: 0, limit: 100 };
  await rec.send(SESSIONS, 'no token', allSessionsRequest(v, page));
  await get(`GET /${d}/Jobs`, 'jobs', jobsRequest(v, page));
  const endTimeLowerBound = new Date(DOCUMENTED_T0 - FIRST_WINDOW_MS).toISOString();
  await get(SESSIONS, 'first poll', allSessionsRequest(v, page, { endTimeLowerBound }));
  await get(SESSIONS, 'newest sessions', allSessionsRequest(v, { offset: 0, limit: 10 }));
  await get(SESSIONS, "one job's sessions", jobSessionsRequest(v, staged.running.jobId, page, { endTimeLowerBound }));
  await get(SESSIONS, 'limit past the maximum', allSessionsRequest(v, { offset: 0, limit: 20_000 }));
  for (const [label, s] of stagedList(staged)) {
    await get(`GET /${d}/JobSessions/{jobSessionsId}`, `${label} session`, sessionRequest(v, s.id));
    await get(`GET /${d}/JobSessions/{sessionId}/LogItems`, `${label} session's log`, logItemsRequest(v, s.id, page));
  }
  await get(`GET /${d}/JobSessions/{jobSessionsId}`, 'unknown session', sessionRequest(v, UNKNOWN_ID));
  if (hasObjectReads(v)) await driveVb365Objects(get, v, d, staged);
  await get(`POST /${d}/token/logout`, 'logout', logoutRequest(v));
}

type Get = (call: string, label: string, req: HttpRequest) => Promise<{ text: string }>;

/** The object read's calls (v7+): repositories, what the first holds, and how each object of a finished run ended. */
async function driveVb365Objects(get: Get, v: Vb365Version, d: string, staged: StagedSessions): Promise<void> {
  const page = { offset: 0, limit: 10_000 };
  const repositories = await get(`GET /${d}/BackupRepositories`, 'repositories', repositoriesRequest(v, page));
  const listed = JSON.parse(repositories.text) as { id: string }[] | { results: { id: string }[] };
  const repositoryId = (Array.isArray(listed) ? listed : listed.results)[0]!.id;
  for (const kind of ['UserData', 'SiteData', 'TeamData'] as const) {
    await get(`GET /${d}/BackupRepositories/{repositoryId}/${kind}`, kind, repositoryDataRequest(v, repositoryId, kind, page));
  }
  for (const [label, s] of stagedList(staged)) {
    await get(`GET /${d}/JobSessions/{sessionId}/ProcessedObjects`, `${label} session's objects`, processedObjectsRequest(v, s.id, page));
  }
}
