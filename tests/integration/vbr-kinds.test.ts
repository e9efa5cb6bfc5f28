/**
 * Every kind of run a VBR server does that protects data is watched, against the simulator: a
 * backup copy, an agent backup and a log backup beside the backups, each under its kind. Restores
 * are left out, whether the revision filters them on the server (1.3-rev1) or lists them (1.2).
 */
import { describe, expect, it } from 'vitest';
import type { ApplianceState } from '../../src-main/common/snapshot.js';
import { DEFAULT_SETTINGS } from '../../src-main/common/settings.js';
import { jobStates } from '../../src-main/common/status-rules.js';
import { VBR_KINDS } from '../../src-main/common/vendors/vbr/vbr-kinds.js';
import type { Connector } from '../../src-main/core/connectors/connector.js';
import { compressSchedule, startDemoSimulator } from '../../src-main/demo/fleet.js';
import type { ScenarioJobSpec } from '../../src-main/demo/sim/scenario.js';
import { createVbrScenario, VBR_DEMO_JOBS } from '../../src-main/demo/vbr/vbr-simulator.js';
import { Poller } from './connector-setup.js';
import { requestsTo, vbrSetups } from './vbr-setup.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SESSIONS = '/api/v1/sessions';

const setup = vbrSetups();
const jobOf = (type: string): ScenarioJobSpec => VBR_DEMO_JOBS.find((j) => j.type === type)!;
const COPY = jobOf('backupCopy');
const AGENT = jobOf('agentBackup');
const LOGS = jobOf('logBackup');
const DC = VBR_DEMO_JOBS.find((j) => j.name.includes('Domain Controllers'))!;
const RESTORE: ScenarioJobSpec = {
  id: 'c0ffee00-0000-4000-8000-000000000001',
  name: 'Restore of fs-01',
  type: 'restore',
  intervalMs: 2 * HOUR,
  durationMs: 10 * MINUTE,
  resources: ['fs-01'],
};

describe('VBR kinds of run (1.3-rev1)', () => {
  it('sees a failed backup copy and an agent backup, each under its kind, and log backups known from their runs', async () => {
    const { sim, connector } = await setup();
    const poller = new Poller(connector);
    await poller.poll();
    const copy = sim.scenario.startRun(COPY.id);
    const agent = sim.scenario.startRun(AGENT.id);
    sim.scenario.advance(5 * MINUTE);
    sim.scenario.finishRun(copy.id, 'failed');
    sim.scenario.finishRun(agent.id, 'succeeded');
    sim.server.resetStats();
    await poller.poll();
    expect(requestsTo(sim, SESSIONS)).toBe(1);
    expect(poller.sessions.get(copy.id)).toMatchObject({ jobName: COPY.name, type: VBR_KINDS.backupCopy.label, status: 'failed' });
    expect(poller.sessions.get(agent.id)).toMatchObject({ jobId: AGENT.id, type: VBR_KINDS.agentBackup.label, status: 'succeeded' });
    const logRuns = [...poller.sessions.values()].filter((s) => s.jobId === LOGS.id);
    expect(logRuns.length).toBeGreaterThan(0);
    expect(logRuns.every((s) => s.type === VBR_KINDS.logBackup.label)).toBe(true);
    // Agent backups keep no per-object task sessions.
    expect(await connector.resourceProgress!(agent.id)).toEqual([]);

    const jobs = new Map((await connector.listJobs()).map((j) => [j.id, j]));
    expect(jobs.get(COPY.id)?.type).toBe(VBR_KINDS.backupCopy.label);
    expect(jobs.get(AGENT.id)?.type).toBe(VBR_KINDS.agentBackup.label);
    // No job type names a log backup: the job is known from its runs alone.
    expect(jobs.has(LOGS.id)).toBe(false);
  });
});

/** The jobs' states as the monitor sees them after one more poll, at `now`. */
async function stateOfJobs(connector: Connector, poller: Poller, now: number) {
  await poller.poll();
  const state: ApplianceState = {
    appliance: {
      id: 'vbr-1',
      name: 'VBR',
      vendor: 'vbr',
      baseUrl: 'https://vbr',
      username: 'u',
      credential: { kind: 'keychain' },
      options: {},
      enabled: true,
    },
    health: { state: 'ok', message: '', lastGoodPoll: null, lastPoll: null },
    jobs: await connector.listJobs(),
    sessions: [...poller.sessions.values()],
  };
  return new Map(jobStates(state, DEFAULT_SETTINGS, now).map((job) => [job.jobId, job]));
}

describe('VBR kinds and their RPO', () => {
  it('puts the log backup at risk an hour after its last success, while the backups beside it stay protected', async () => {
    const { sim, connector } = await setup({ now: () => Date.UTC(2026, 2, 2, 9, 0), historySize: 200 });
    const poller = new Poller(connector);
    const before = await stateOfJobs(connector, poller, sim.scenario.now());
    expect(before.get(LOGS.id)).toMatchObject({ kind: VBR_KINDS.logBackup.label, rpoSec: 3600, protection: 'protected' });
    expect(before.get(DC.id)).toMatchObject({ kind: VBR_KINDS.backup.label, rpoSec: 26 * 3600, protection: 'protected' });
    // From now on every log backup fails.
    for (let i = 0; i < 3; i++) {
      sim.scenario.failNext(LOGS.id);
      sim.scenario.advance(30 * MINUTE);
      await poller.poll();
    }
    const after = await stateOfJobs(connector, poller, sim.scenario.now());
    expect(after.get(LOGS.id)).toMatchObject({ protection: 'at_risk', lastOutcome: 'failed' });
    expect(Date.parse(after.get(LOGS.id)!.atRiskSince!)).toBe(Date.parse(before.get(LOGS.id)!.lastSuccess!) + HOUR);
    expect(after.get(DC.id)?.protection).toBe('protected');
  });
});

describe('VBR restores are left out', () => {
  it.each(['1.3-rev1', '1.2-rev1', '1.1-rev0'])('on %s', async (apiVersion) => {
    const scenario = createVbrScenario({ jobs: [...VBR_DEMO_JOBS, RESTORE], historySize: 100 });
    const { sim, connector } = await setup({ scenario, apiVersion });
    const poller = new Poller(connector);
    await poller.poll();
    const restore = sim.scenario.startRun(RESTORE.id);
    sim.scenario.advance(HOUR);
    await poller.poll();
    expect(sim.scenario.sessions().filter((s) => s.jobId === RESTORE.id).length).toBeGreaterThan(1);
    expect([...poller.sessions.values()].filter((s) => s.jobId === RESTORE.id)).toEqual([]);
    expect(poller.sessions.has(restore.id)).toBe(false);
    // What the revision has words for: backups only before 1.3.
    const types = new Set([...poller.sessions.values()].map((s) => s.type));
    expect(types.has(VBR_KINDS.backup.label)).toBe(true);
    expect(types.has(VBR_KINDS.logBackup.label)).toBe(apiVersion === '1.3-rev1');
  });

  it('moves past a burst of restores a 1.2-rev1 server lists, to the backup after it', async () => {
    const scenario = createVbrScenario({ jobs: [...VBR_DEMO_JOBS, RESTORE], historySize: 100 });
    const { sim, connector } = await setup({ scenario, apiVersion: '1.2-rev1', tuning: { pollLimit: 5, pageSize: 5 } });
    const poller = new Poller(connector);
    await poller.poll();
    sim.scenario.advance(HOUR);
    const now = sim.scenario.now();
    const burst = Array.from({ length: 30 }, (_, i) => ({
      jobId: RESTORE.id,
      createdAt: now - 40 * MINUTE + i * MINUTE,
      outcome: 'failed' as const,
    }));
    sim.scenario.injectSessions(burst);
    const backup = sim.scenario.startRun(DC.id);
    // Finished, so only the read past the restores finds it (a running one is also listed as running).
    sim.scenario.finishRun(backup.id, 'succeeded');
    sim.scenario.advance(MINUTE);
    let polls = 0;
    for (; polls < 12 && !poller.sessions.has(backup.id); polls++) await poller.poll();
    // Five sessions a poll: the burst takes several.
    expect(polls).toBeGreaterThan(5);
    expect(poller.sessions.get(backup.id)?.type).toBe(VBR_KINDS.backup.label);
    expect([...poller.sessions.values()].some((s) => s.jobId === RESTORE.id)).toBe(false);
  });
});

describe('the VBR demo', () => {
  it('runs a backup copy, an agent backup and a log backup beside its backups, the log backup every 30 minutes at the demo tempo', async () => {
    const demo = await startDemoSimulator('vbr', { historySize: 300, tempo: 60, seed: 3 });
    try {
      const jobs = demo.scenario.jobs();
      expect(new Set(jobs.map((j) => j.type))).toEqual(new Set(['backup', 'backupCopy', 'agentBackup', 'logBackup']));
      expect(LOGS.intervalMs).toBe(30 * MINUTE);
      const logs = jobs.find((j) => j.id === LOGS.id)!;
      expect(logs.intervalMs).toBe(compressSchedule([LOGS], 60)[0]!.intervalMs);
      expect(logs.intervalMs).toBeLessThan(5 * MINUTE);
      const ran = new Set(demo.scenario.sessions().map((s) => s.type));
      for (const kind of ['backupCopy', 'agentBackup', 'logBackup']) expect(ran).toContain(kind);
    } finally {
      await demo.close();
    }
  });
});
