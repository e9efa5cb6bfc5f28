/**
 * A job's RPO: the admin's for the job, else its kind's default (as its vendor's descriptor
 * declares it), else the global one. A log backup every 30 minutes falls at risk within the hour,
 * while a nightly backup beside it stays protected for the global 26 hours.
 */
import { describe, expect, it } from 'vitest';
import { detectChanges } from '../../../src-main/common/changes.js';
import type { Job, Session, Vendor } from '../../../src-main/common/model.js';
import type { Settings } from '../../../src-main/common/settings.js';
import type { JobState } from '../../../src-main/common/snapshot.js';
import { jobStates } from '../../../src-main/common/status-rules.js';
import { VBR_KINDS } from '../../../src-main/common/vendors/vbr/vbr-kinds.js';
import { at, HOUR, makeApplianceState, makeFleet, makeJob, makeSession, makeSettings, MINUTE, T0 } from './factories.js';

const LOG = VBR_KINDS.logBackup.label;
const GLOBAL_RPO_SEC = 26 * 3600;

/** A run of `jobId` that ended `agoMs` before T0, of the job's kind. */
const ended = (jobId: string, agoMs: number, type: string | null, status: Session['status'] = 'succeeded'): Session =>
  makeSession({ jobId, jobName: jobId, type, vendor: 'vbr', status, start: at(-agoMs - 5 * MINUTE), end: at(-agoMs) });

interface Case {
  readonly jobs: readonly Job[];
  readonly sessions: readonly Session[];
  readonly settings?: Partial<Settings>;
  readonly vendor?: Vendor;
  readonly now?: number;
}

function states({ jobs, sessions, settings, vendor = 'vbr', now = T0 }: Case): Map<string, JobState> {
  const state = makeApplianceState({ appliance: { vendor }, jobs, sessions });
  return new Map(jobStates(state, makeSettings(settings), now).map((j) => [j.jobId, j]));
}

const logJob = makeJob({ id: 'logs', name: 'SQL logs', type: LOG });
const nightly = makeJob({ id: 'nightly', name: 'Nightly VMs', type: VBR_KINDS.backup.label });

describe("a job's kind and its default RPO", () => {
  it('puts a log backup at risk an hour after its last success, while a nightly backup stays protected', () => {
    const sessions = [ended('logs', 70 * MINUTE, LOG), ended('logs', 40 * MINUTE, LOG, 'failed'), ended('nightly', 20 * HOUR, 'Backup')];
    const jobs = states({ jobs: [logJob, nightly], sessions });
    expect(jobs.get('logs')).toMatchObject({ protection: 'at_risk', rpoSec: 3600, atRiskSince: at(-10 * MINUTE) });
    expect(jobs.get('nightly')).toMatchObject({ protection: 'protected', rpoSec: GLOBAL_RPO_SEC });
    // Half an hour after the success (a run a little late, as runs are) it is still protected.
    expect(states({ jobs: [logJob], sessions, now: T0 - 35 * MINUTE }).get('logs')?.protection).toBe('protected');
  });

  it("lets the admin's RPO for the job win over its kind's, an RPO switched off included", () => {
    const sessions = [ended('logs', 3 * HOUR, LOG)];
    const own = (rpoSec: number | null) => ({ jobRpo: { 'a1/logs': { rpoSec } } });
    expect(states({ jobs: [logJob], sessions, settings: own(4 * 3600) }).get('logs')).toMatchObject({
      protection: 'protected',
      rpoSec: 4 * 3600,
    });
    expect(states({ jobs: [logJob], sessions, settings: own(null) }).get('logs')).toMatchObject({ protection: 'protected', rpoSec: null });
  });

  it('keeps the global RPO for kinds without their own, and the kind default whatever the global one', () => {
    const sessions = [ended('nightly', 30 * HOUR, 'Backup'), ended('logs', 90 * MINUTE, LOG)];
    const jobs = states({ jobs: [nightly, logJob], sessions, settings: { rpoSec: 48 * 3600 } });
    expect(jobs.get('nightly')).toMatchObject({ protection: 'protected', rpoSec: 48 * 3600 });
    expect(jobs.get('logs')).toMatchObject({ protection: 'at_risk', rpoSec: 3600 });
  });

  it('gives a job known only from its sessions, or listed without a type, the kind of its sessions', () => {
    const sessions = [ended('logs', 2 * HOUR, LOG)];
    expect(states({ jobs: [], sessions }).get('logs')).toMatchObject({ protection: 'at_risk', rpoSec: 3600 });
    expect(states({ jobs: [{ ...logJob, type: null }], sessions }).get('logs')).toMatchObject({ rpoSec: 3600 });
    // A type the job list names wins over its sessions'.
    expect(states({ jobs: [{ ...logJob, type: 'Backup' }], sessions }).get('logs')?.rpoSec).toBe(GLOBAL_RPO_SEC);
  });

  it('reads a kind in any letter case, as earlier versions stored it', () => {
    expect(states({ jobs: [{ ...logJob, type: 'LOG BACKUP' }], sessions: [] }).get('logs')).toMatchObject({ kind: LOG, rpoSec: 3600 });
    expect(states({ jobs: [{ ...nightly, type: 'backup' }], sessions: [] }).get('nightly')?.kind).toBe(VBR_KINDS.backup.label);
  });

  it("reads kinds from the job's own vendor: another vendor's word for it is just a word", () => {
    const sessions = [ended('logs', 2 * HOUR, LOG)];
    expect(states({ jobs: [logJob], sessions, vendor: 'spp' }).get('logs')).toMatchObject({
      protection: 'protected',
      rpoSec: GLOBAL_RPO_SEC,
    });
  });

  it('reports the breach of a log backup once, with its RPO, and the success after it as protection restored', () => {
    const success = ended('logs', 50 * MINUTE, LOG);
    const fleetAt = (offsetMs: number, sessions: readonly Session[]) =>
      makeFleet([makeApplianceState({ appliance: { vendor: 'vbr' }, jobs: [logJob], sessions })], at(offsetMs));
    const options = (offsetMs: number) => ({ missedRunGraceMs: 15 * MINUTE, now: T0 + offsetMs, protection: makeSettings() });
    const breach = detectChanges(fleetAt(5 * MINUTE, [success]), fleetAt(15 * MINUTE, [success]), options(15 * MINUTE));
    expect(breach).toEqual([
      expect.objectContaining({ kind: 'rpo_breached', jobId: 'logs', rpoSec: 3600, key: `rpo:a1/logs:${success.id}` }),
    ]);
    const next = makeSession({ ...ended('logs', -20 * MINUTE, LOG), id: 'next' });
    const restored = detectChanges(fleetAt(15 * MINUTE, [success]), fleetAt(25 * MINUTE, [success, next]), options(25 * MINUTE));
    expect(restored.map((e) => e.kind)).toContain('protection_restored');
  });
});
