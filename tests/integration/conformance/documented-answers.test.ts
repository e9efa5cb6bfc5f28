/**
 * The simulators answer as the vendors document: every answer to the requests the connectors make
 * (and the errors around them), in every revision or version a simulator speaks, is checked
 * against the documented response schema. Real-world departures are quirk switches the connector
 * tests turn on; here every simulator runs with its defaults.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Vb365Version } from '../../../src-main/core/connectors/vb365/vb365-requests.js';
import type { Vb365Quirks } from '../../../src-main/demo/vb365/vb365-simulator.js';
import { createVb365Scenario, startVb365Simulator, VB365_DEMO_JOBS } from '../../../src-main/demo/vb365/vb365-simulator.js';
import type { VbrQuirks, VbrSimRevision } from '../../../src-main/demo/vbr/vbr-simulator.js';
import { createVbrScenario, startVbrSimulator, VBR_DEMO_JOBS, VBR_SIM_REVISIONS } from '../../../src-main/demo/vbr/vbr-simulator.js';
import { createVcsaScenario, startVcsaSimulator } from '../../../src-main/demo/vcsa/vcsa-simulator.js';
import type { Recorder } from './documented-exchanges.js';
import { DOCUMENTED_T0, recorder, stageSessions, withQueuedFirstJob } from './documented-exchanges.js';
import { driveVb365, vb365Check, VB365_SIM_VERSIONS } from './vb365-documented.js';
import { driveVbr, stageVbrKinds, vbrCheck, vbrKindsAnswered } from './vbr-documented.js';
import { driveVcsa, stageVcsaRuns, vcsaCheck, VCSA_STYLES } from './vcsa-documented.js';
import type { AnswerCheck } from '../../support/vendor-schemas.js';

const closers: (() => Promise<void>)[] = [];
/** Every call checked, per revision or version: the suite's coverage. */
const pairs = new Set<string>();

afterAll(async () => {
  for (const close of closers.splice(0)) await close();
  console.log(`documented answers: ${pairs.size} call × revision pairs checked`);
});

function opened(sim: { server: Parameters<typeof recorder>[0]; close(): Promise<void> }): Recorder {
  const rec = recorder(sim.server);
  closers.push(
    () => rec.http.close(),
    () => sim.close(),
  );
  return rec;
}

function departures(rec: Recorder, version: string, check: AnswerCheck): string[] {
  for (const e of rec.exchanges) pairs.add(`${version} ${e.call}`);
  return rec.exchanges.flatMap(check);
}

const now = () => DOCUMENTED_T0;

/** The answers of a VBR simulator of revision `r` to the connector's requests. */
async function vbrAnswers(r: VbrSimRevision, quirks: Partial<VbrQuirks> = {}): Promise<Recorder> {
  const scenario = createVbrScenario({ now, historySize: 12, jobs: withQueuedFirstJob(VBR_DEMO_JOBS) });
  const staged = stageSessions(scenario);
  const kinds = stageVbrKinds(scenario);
  const sim = await startVbrSimulator({ scenario, revisions: [r], quirks });
  const rec = opened(sim);
  await driveVbr(sim, rec, r, staged, kinds);
  return rec;
}

/** The answers of a VB365 simulator of version `v` to the connector's requests. */
async function vb365Answers(v: Vb365Version, quirks: Partial<Vb365Quirks> = {}): Promise<Recorder> {
  const scenario = createVb365Scenario({ now, historySize: 12, jobs: withQueuedFirstJob(VB365_DEMO_JOBS) });
  const staged = stageSessions(scenario);
  const sim = await startVb365Simulator({ scenario, apiVersion: v, quirks });
  const rec = opened(sim);
  await driveVb365(sim, rec, v, staged);
  return rec;
}

/** The kinds of job the VBR demo runs, in the words of each line that has words for them. */
const VBR_KINDS_OF = (r: VbrSimRevision) =>
  r.startsWith('1.3-')
    ? {
        sessions: ['AgentBackup', 'BackupCopyJob', 'BackupJob', 'SqlLogBackup'],
        jobs: ['BackupCopy', 'VSphereBackup', 'WindowsAgentBackup'],
      }
    : { sessions: [r.startsWith('1.2-') ? 'BackupJob' : 'Job'], jobs: ['Backup'] };

describe('VBR simulator answers as the REST API documents', () => {
  it.each([...VBR_SIM_REVISIONS])('revision %s, every kind of job it has words for included', async (r) => {
    const rec = await vbrAnswers(r);
    expect(departures(rec, `vbr ${r}`, vbrCheck(r))).toEqual([]);
    expect(vbrKindsAnswered(rec)).toEqual(VBR_KINDS_OF(r));
  });
});

describe('VB365 simulator answers as the REST API documents', () => {
  it.each([...VB365_SIM_VERSIONS])('version %s', async (v) => {
    expect(departures(await vb365Answers(v), `vb365 ${v}`, vb365Check(v))).toEqual([]);
  });
});

describe('the quirks depart from the documents, and the check sees it', () => {
  it('VBR with every quirk on', async () => {
    const quirks = { zonelessEvery: 1, localisedRates: true, emptyUnauthorized: true, nullForAbsent: true };
    const found = (await vbrAnswers('1.3-rev1', quirks)).exchanges.flatMap(vbrCheck('1.3-rev1')).join('\n');
    expect(found).toContain('endTime must match format "date-time"');
    expect(found).toContain('/parentSessionId must be string');
    expect(found).toContain('/nextRun must be string');
    expect(found).toContain('/progress/processedSize must be integer');
    expect(found).toContain('no token (GET /api/v1/sessions → 401): empty body');
  });

  it('VB365 with every quirk on', async () => {
    const found = (await vb365Answers('v8', { rfc1123TokenDates: true, numbersAsText: true })).exchanges
      .flatMap(vb365Check('v8'))
      .join('\n');
    expect(found).toContain('/.issued must match format "date-time"');
    expect(found).toContain('/progress must be integer');
    expect(found).toContain('/statistics/processingRateBytesPS must be integer');
  });
});

describe("VCSA simulator answers as VMware's bindings describe", () => {
  it.each([...VCSA_STYLES])('style %s', async (style) => {
    const scenario = createVcsaScenario({ now, historySize: 3 });
    const runs = stageVcsaRuns(scenario);
    const sim = await startVcsaSimulator({ scenario, apiStyle: style });
    const rec = opened(sim);
    await driveVcsa(sim, rec, style, runs);
    expect(departures(rec, `vcsa ${style}`, vcsaCheck(style))).toEqual([]);
  });
});
