/**
 * Small fixture factories for the domain model. Every factory takes partial overrides, so a
 * test states only what matters to it. Times are ISO strings relative to a fixed `T0`.
 */
import type { ComplianceReport } from '../../../src-main/common/compliance-report.js';
import type { Appliance, ApplianceHealth, Job, Session } from '../../../src-main/common/model.js';
import { NO_PROGRESS } from '../../../src-main/common/model.js';
import { DEFAULT_SETTINGS } from '../../../src-main/common/settings.js';
import type { Settings } from '../../../src-main/common/settings.js';
import type { ApplianceState, FleetState, JobState, StatusSnapshot } from '../../../src-main/common/snapshot.js';
import { buildStatusSnapshot } from '../../../src-main/common/status-rules.js';

/** A fixed instant all fixtures are built around: 2024-03-01T12:00:00Z. */
export const T0 = Date.parse('2024-03-01T12:00:00.000Z');
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** ISO time `offsetMs` after `T0`. */
export function at(offsetMs: number): string {
  return new Date(T0 + offsetMs).toISOString();
}

export function makeAppliance(overrides: Partial<Appliance> = {}): Appliance {
  return {
    id: 'a1',
    name: 'SPP prod',
    vendor: 'spp',
    baseUrl: 'https://spp.example.test',
    username: 'admin',
    credential: { kind: 'keychain' },
    options: {},
    enabled: true,
    ...overrides,
  };
}

export function makeHealth(overrides: Partial<ApplianceHealth> = {}): ApplianceHealth {
  return { state: 'ok', message: '', lastGoodPoll: at(0), lastPoll: at(0), ...overrides };
}

let sessionCounter = 0;

/** A finished, succeeded session of job `j1` on appliance `a1`; ids are unique unless given. */
export function makeSession(overrides: Partial<Session> = {}): Session {
  sessionCounter += 1;
  const start = overrides.start === undefined ? at(-2 * HOUR) : overrides.start;
  const end = overrides.end === undefined ? at(-HOUR) : overrides.end;
  const startMs = start === null ? NaN : Date.parse(start);
  const endMs = end === null ? NaN : Date.parse(end);
  return {
    id: `s${sessionCounter}`,
    applianceId: 'a1',
    vendor: 'spp',
    jobId: 'j1',
    jobName: 'Nightly VMs',
    type: 'Backup',
    status: 'succeeded',
    vendorStatus: 'COMPLETED',
    durationMs: Number.isFinite(endMs - startMs) ? endMs - startMs : null,
    progress: NO_PROGRESS,
    message: null,
    logLink: null,
    ...overrides,
    start,
    end,
  };
}

/** A session still running since `startOffsetMs` (relative to T0). */
export function makeRunning(startOffsetMs: number, overrides: Partial<Session> = {}): Session {
  return makeSession({
    status: 'running',
    vendorStatus: 'RUNNING',
    start: at(startOffsetMs),
    end: null,
    durationMs: null,
    ...overrides,
  });
}

export function makeJob(overrides: Partial<Job> = {}): Job {
  return {
    id: 'j1',
    applianceId: 'a1',
    name: 'Nightly VMs',
    type: 'Backup',
    nextRun: null,
    lastRun: null,
    enabled: true,
    ...overrides,
  };
}

export interface ApplianceStateInput {
  readonly appliance?: Partial<Appliance>;
  readonly health?: Partial<ApplianceHealth>;
  readonly jobs?: readonly Job[];
  readonly sessions?: readonly Session[];
}

export function makeApplianceState(input: ApplianceStateInput = {}): ApplianceState {
  return {
    appliance: makeAppliance(input.appliance),
    health: makeHealth(input.health),
    jobs: input.jobs ?? [],
    sessions: input.sessions ?? [],
  };
}

export function makeFleet(appliances: readonly ApplianceState[], atIso: string = at(0)): FleetState {
  return { at: atIso, appliances };
}

export function makeSettings(overrides: Partial<Settings> = {}): Settings {
  return { ...DEFAULT_SETTINGS, ...overrides };
}

/** A job's state: protected, last succeeded, on appliance a1 unless told otherwise. */
export function makeJobState(over: Partial<JobState> & Pick<JobState, 'jobId'>): JobState {
  return {
    applianceId: 'a1',
    jobName: over.jobId,
    kind: null,
    lastOutcome: 'succeeded',
    lastOutcomeSessionId: null,
    lastOutcomeAt: null,
    activeSessionId: null,
    progressPercent: null,
    running: false,
    acknowledged: false,
    muted: false,
    protection: 'protected',
    lastSuccess: '2025-01-01T10:00:00.000Z',
    lastSuccessSessionId: null,
    rpoSec: 93_600,
    rpoBreach: over.protection === 'at_risk' ? 'breach' : null,
    atRiskSince: null,
    breachAcknowledged: false,
    nextRun: null,
    successRate: 1,
    ...over,
  };
}

/** The status snapshot of a fleet (every password stored), where the tray and the window read statuses and counts. */
export function snapshotOf(fleet: FleetState, settings: Settings, now: number): StatusSnapshot {
  return buildStatusSnapshot(fleet, settings, now, () => true);
}

/** A compliance report of a week with no job, no appliance and no maintenance: override what matters. */
export function makeReport(overrides: Partial<ComplianceReport> = {}): ComplianceReport {
  return {
    from: '2026-11-30T00:00:00.000Z',
    to: '2026-12-07T12:00:00.000Z',
    scope: 'All appliances',
    generatedAt: '2026-12-07T12:00:00.000Z',
    version: '9.9.9',
    jobs: [],
    machines: null,
    appliances: [],
    fleet: { share: null, countedMs: 0, protectedMs: 0, runs: 0, failedRuns: 0, longestGap: null },
    maintenance: [],
    ...overrides,
  };
}
