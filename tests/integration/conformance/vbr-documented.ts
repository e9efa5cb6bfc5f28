/**
 * Drives the VBR simulator, one revision at a time, through the requests the VBR connector makes
 * (built by its own request builders) and the errors around them, and names the document each
 * revision is checked against.
 */
import type { HttpRequest } from '../../../src-main/core/http/http-client.js';
import type { VbrRevision } from '../../../src-main/core/connectors/vbr/vbr-requests.js';
import {
  backupObjectsRequest,
  inventoryHostsRequest,
  inventoryVmsRequest,
  jobStatesRequest,
  logoutRequest,
  passwordTokenRequest,
  protectedComputersRequest,
  refreshTokenRequest,
  restorePointsRequest,
  sessionLogRequest,
  sessionRequest,
  sessionsRequest,
  taskSessionsRequest,
} from '../../../src-main/core/connectors/vbr/vbr-requests.js';
import type { Scenario, ScenarioSession } from '../../../src-main/demo/sim/scenario.js';
import type { VbrSimRevision, VbrSimulator } from '../../../src-main/demo/vbr/vbr-simulator.js';
import { VBR_SIM_REVISIONS } from '../../../src-main/demo/vbr/vbr-simulator.js';
import type { Recorder, StagedSessions } from './documented-exchanges.js';
import { DOCUMENTED_T0, stagedList } from './documented-exchanges.js';
import type { AnswerCheck } from '../../support/vendor-schemas.js';
import { documentCheck, readExtract } from '../../support/vendor-schemas.js';

const at = (r: VbrSimRevision): number => VBR_SIM_REVISIONS.indexOf(r);
const before = (r: VbrSimRevision, since: VbrSimRevision): boolean => at(r) < at(since);

type Schemas = Record<string, Record<string, unknown>>;

/**
 * Each revision is checked against the document of its line (1.3-rev1 for 1.3, 1.2-rev1 for the
 * rest: the oldest we have), adjusted by what the API notes say the revision differs by: `activityId`
 * before 1.2-rev1, session type `Job` before 1.2, lower-case job words before 1.3-rev1.
 */
function revisionOverlay(r: VbrSimRevision): (schemas: Schemas) => void {
  return (schemas) => {
    const session = schemas['SessionModel']!;
    if (before(r, '1.2-rev1')) {
      session['required'] = (session['required'] as string[]).map((name) => (name === 'jobId' ? 'activityId' : name));
      (session['properties'] as Schemas)['activityId'] = { type: 'string', format: 'uuid' };
    }
    if (before(r, '1.2-rev0')) (schemas['ESessionType']!['enum'] as string[]).push('Job');
    if (r === '1.3-rev0') {
      for (const name of ['EJobStatus', 'EJobWorkload']) {
        const words = schemas[name]!['enum'] as string[];
        schemas[name]!['enum'] = words.map((w) => w[0]!.toLowerCase() + w.slice(1));
      }
    }
  };
}

/** The document (file) a revision is checked against. */
export const vbrDocumentOf = (r: VbrSimRevision): string => (r.startsWith('1.3-') ? 'vbr-rest-1.3-rev1.json' : 'vbr-rest-1.2-rev1.json');

export function vbrCheck(r: VbrSimRevision): AnswerCheck {
  return documentCheck(readExtract(vbrDocumentOf(r)), { errorSchema: 'Error', overlay: revisionOverlay(r) });
}

/** One failed run of each kind of job besides backups (a backup copy, an agent backup, a log backup), to read by id. */
export function stageVbrKinds(scenario: Scenario): [string, ScenarioSession][] {
  return scenario
    .jobs()
    .filter((job) => job.type !== 'backup')
    .map((job) => {
      const run = scenario.startRun(job.id);
      scenario.finishRun(run.id, 'failed');
      return [`${job.type} run`, run];
    });
}

/** The kinds the answers hold: every `sessionType` of the sessions and `type` of the jobs answered, sorted. */
export function vbrKindsAnswered(rec: Recorder): { sessions: string[]; jobs: string[] } {
  const sessions = new Set<string>();
  const jobs = new Set<string>();
  for (const e of rec.exchanges) {
    if (e.status !== 200) continue;
    const body = JSON.parse(e.text) as Record<string, unknown> & { data?: Record<string, unknown>[] };
    const items = body.data ?? [body];
    const [field, into] = e.call === 'GET /api/v1/jobs/states' ? ['type', jobs] : ['sessionType', sessions];
    for (const item of items) if (typeof item[field] === 'string') into.add(item[field]);
  }
  return { sessions: [...sessions].sort(), jobs: [...jobs].sort() };
}

const FIRST_WINDOW_MS = 48 * 3_600_000;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** Every call of one revision, `kinds` read by id beside the staged sessions; answers land in `rec.exchanges`. */
export async function driveVbr(
  sim: VbrSimulator,
  rec: Recorder,
  r: VbrSimRevision,
  staged: StagedSessions,
  kinds: readonly [string, ScenarioSession][],
): Promise<void> {
  // The connector speaks no 1.0-rev1: build its requests as for 1.0-rev2 and ask for 1.0-rev1.
  const revision = (r === '1.0-rev1' ? '1.0-rev2' : r) as VbrRevision;
  const send = (call: string, label: string, req: HttpRequest, auth: Record<string, string> = {}) =>
    rec.send(call, label, { ...req, headers: { ...req.headers, 'x-api-version': r, ...auth } });
  const { username, password } = sim.credentials;
  const TOKEN = 'POST /api/oauth2/token';
  await send(TOKEN, 'wrong password', passwordTokenRequest(revision, username, `${password}!`));
  await rec.send(TOKEN, 'revision not spoken', {
    ...passwordTokenRequest(revision, username, password),
    headers: { 'x-api-version': '0.9-rev9' },
  });
  const login = await send(TOKEN, 'password grant', passwordTokenRequest(revision, username, password));
  const token = JSON.parse(login.text) as { access_token: string; refresh_token: string };
  await send(TOKEN, 'refresh grant', refreshTokenRequest(revision, token.refresh_token));
  await send(TOKEN, 'refresh token used twice', refreshTokenRequest(revision, token.refresh_token));
  const relogin = await send(TOKEN, 'second login', passwordTokenRequest(revision, username, password));
  const auth = { Authorization: `Bearer ${(JSON.parse(relogin.text) as { access_token: string }).access_token}` };
  const get = (call: string, label: string, req: HttpRequest) => send(call, label, req, auth);

  const SESSIONS = 'GET /api/v1/sessions';
  await send(SESSIONS, 'no token', sessionsRequest(revision, { skip: 0, limit: 100 }));
  const createdAfter = new Date(DOCUMENTED_T0 - FIRST_WINDOW_MS).toISOString();
  await get(SESSIONS, 'first poll', sessionsRequest(revision, { skip: 0, limit: 100 }, { createdAfter }));
  await get(SESSIONS, 'running runs', sessionsRequest(revision, { skip: 0, limit: 100 }, { state: 'Working' }));
  await get(SESSIONS, 'negative limit', sessionsRequest(revision, { skip: 0, limit: -1 }));
  for (const [label, s] of [...stagedList(staged), ...kinds]) {
    await get('GET /api/v1/sessions/{id}', `${label} session`, sessionRequest(revision, s.id));
    await get('GET /api/v1/sessions/{id}/logs', `${label} session's log`, sessionLogRequest(revision, s.id, { skip: 0, limit: 100 }));
    await get(
      'GET /api/v1/sessions/{id}/taskSessions',
      `${label} session's tasks`,
      taskSessionsRequest(revision, s.id, { skip: 0, limit: 100 }),
    );
  }
  await get('GET /api/v1/sessions/{id}', 'unknown session', sessionRequest(revision, UNKNOWN_ID));
  await get('GET /api/v1/sessions/{id}/logs', "unknown session's log", sessionLogRequest(revision, UNKNOWN_ID, { skip: 0, limit: 100 }));
  await get('GET /api/v1/jobs/states', 'job states', jobStatesRequest(revision, { skip: 0, limit: 100 }));
  await driveVbrObjects(get, revision);
  await get('POST /api/oauth2/logout', 'logout', logoutRequest(revision));
}

type Get = (call: string, label: string, req: HttpRequest) => Promise<{ text: string }>;

/** The object read's calls: the object list, one object's newest point, and the points since a time. */
async function driveVbrObjects(get: Get, revision: VbrRevision): Promise<void> {
  const objects = await get('GET /api/v1/backupObjects', 'backup objects', backupObjectsRequest(revision, { skip: 0, limit: 1000 }));
  const first = (JSON.parse(objects.text) as { data: { id: string }[] }).data[0]!.id;
  const POINTS = 'GET /api/v1/restorePoints';
  await get(
    POINTS,
    "an object's newest point",
    restorePointsRequest(revision, { skip: 0, limit: 1 }, { backupObjectId: first, newestFirst: true }),
  );
  const createdAfter = new Date(DOCUMENTED_T0 - FIRST_WINDOW_MS).toISOString();
  await get(POINTS, 'points since a time', restorePointsRequest(revision, { skip: 0, limit: 1000 }, { createdAfter }));
  const page = { skip: 0, limit: 1000 };
  await get('GET /api/v1/agents/protectedComputers', 'protected computers', protectedComputersRequest(revision, page));
  const hosts = await get('GET /api/v1/inventory/vmware/hosts', 'vSphere servers', inventoryHostsRequest(revision, page));
  const name = (JSON.parse(hosts.text) as { data: { name: string }[] }).data[0]!.name;
  const HOST = 'GET /api/v1/inventory/vmware/hosts/{name}';
  await get(HOST, "a vCenter's VMs", inventoryVmsRequest(revision, name, page));
  await get(HOST, 'a vSphere server VBR does not know', inventoryVmsRequest(revision, 'nowhere.example.invalid', page));
}
