/**
 * Drives the VCSA simulator, in each API style, through the requests the VCSA connector makes
 * (built by its own request builders), checked against the shapes VMware's generated bindings give
 * (tests/fixtures/vendor-schemas/vcsa-backup-job.json, transcribed by hand: VMware publishes no
 * OpenAPI document of these calls here).
 */
import type { HttpRequest } from '../../../src-main/core/http/http-client.js';
import type { VcsaApiStyle } from '../../../src-main/common/vendors/vcsa/vcsa-options.js';
import {
  VCSA_SESSION_HEADER,
  jobDetailsRequest,
  jobIdsRequest,
  jobStatusRequest,
  loginRequest,
} from '../../../src-main/core/connectors/vcsa/vcsa-requests.js';
import { vmFoldersRequest, vmsInFolderRequest } from '../../../src-main/core/connectors/vcsa/vcsa-inventory.js';
import type { RunOutcome, Scenario, ScenarioSession } from '../../../src-main/demo/sim/scenario.js';
import type { VcsaSimulator } from '../../../src-main/demo/vcsa/vcsa-simulator.js';
import { VCSA_SCHEDULE_ID } from '../../../src-main/demo/vcsa/vcsa-simulator.js';
import type { Recorder } from './documented-exchanges.js';
import type { AnswerCheck } from '../../support/vendor-schemas.js';
import { documentCheck, readExtract } from '../../support/vendor-schemas.js';

export const VCSA_STYLES: readonly VcsaApiStyle[] = ['api', 'rest'];

export function vcsaCheck(style: VcsaApiStyle): AnswerCheck {
  return documentCheck(readExtract('vcsa-backup-job.json'), { errorSchema: style === 'api' ? 'ApiError' : 'RestError' });
}

/** The appliance has one schedule, so its runs follow one another: each outcome, then a running and a queued one. */
export function stageVcsaRuns(scenario: Scenario): [string, ScenarioSession][] {
  const runs: [string, ScenarioSession][] = [];
  for (const outcome of ['succeeded', 'failed', 'canceled'] as RunOutcome[]) {
    const s = scenario.startRun(VCSA_SCHEDULE_ID);
    scenario.advance(60_000);
    scenario.finishRun(s.id, outcome);
    runs.push([outcome, s]);
  }
  const running = scenario.startRun(VCSA_SCHEDULE_ID);
  scenario.advance(60_000);
  // A manual run waits its queue time before it runs.
  runs.push(['running', running], ['queued', scenario.startRun(VCSA_SCHEDULE_ID)]);
  return runs;
}

/** Every call of one style; answers land in `rec.exchanges`. */
export async function driveVcsa(sim: VcsaSimulator, rec: Recorder, style: VcsaApiStyle, runs: [string, ScenarioSession][]): Promise<void> {
  const { username, password } = sim.credentials;
  const login = loginRequest(style, username, password);
  const loginCall = `POST ${login.path}`;
  await rec.send(loginCall, 'wrong password', loginRequest(style, username, `${password}!`));
  const answer = await rec.send(loginCall, 'login', login);
  const parsed = JSON.parse(answer.text) as string | { value: string };
  const auth = { [VCSA_SESSION_HEADER]: typeof parsed === 'string' ? parsed : parsed.value };
  const prefix = `GET /${style}/appliance/recovery/backup/job`;
  const get = (call: string, label: string, req: HttpRequest) => rec.send(call, label, { ...req, headers: { ...req.headers, ...auth } });
  await rec.send(prefix, 'no session', jobIdsRequest(style));
  await get(prefix, 'job ids', jobIdsRequest(style));
  await get(
    `${prefix}/details`,
    'details',
    jobDetailsRequest(
      style,
      runs.map(([, s]) => s.id),
    ),
  );
  for (const [label, s] of runs) await get(`${prefix}/{id}`, `${label} job`, jobStatusRequest(style, s.id));
  await get(`${prefix}/{id}`, 'unknown job', jobStatusRequest(style, '20000101-000000-0'));
  const folders = await get(`GET /${style}/vcenter/folder`, 'VM folders', vmFoldersRequest(style));
  const listed = JSON.parse(folders.text) as { folder: string }[] | { value: { folder: string }[] };
  for (const { folder } of Array.isArray(listed) ? listed : listed.value) {
    await get(`GET /${style}/vcenter/vm`, `VMs of ${folder}`, vmsInFolderRequest(style, folder));
  }
}
