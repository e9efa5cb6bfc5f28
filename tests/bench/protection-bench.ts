/**
 * The cost of the status snapshot (every job's protection, counts, problems, missed runs) over a
 * large fleet: 200 appliances × 50 jobs × 2,000 sessions (the default session window), built as
 * the monitor holds it. Pure computation, no network. Run alone: `npx tsx tests/bench/protection-bench.ts`.
 */
import { pathToFileURL } from 'node:url';
import type { Job, Session, SessionStatus } from '../../src-main/common/model.js';
import { NO_PROGRESS } from '../../src-main/common/model.js';
import { DEFAULT_SETTINGS } from '../../src-main/common/settings.js';
import type { ApplianceState, FleetState } from '../../src-main/common/snapshot.js';
import { createSnapshotCache } from '../../src-main/common/snapshot-cache.js';
import { buildStatusSnapshot } from '../../src-main/common/status-rules.js';
import { round } from './bench-support.js';

export interface ProtectionBench {
  readonly appliances: number;
  readonly jobs: number;
  readonly sessions: number;
  /** Median time of the snapshot after a poll (one appliance's sessions changed), ms (target ≤ 50). */
  readonly snapshotMs: number;
  readonly slowestSnapshotMs: number;
  /** Median time of a snapshot that indexes every session afresh (start-up, or every appliance changed), ms. */
  readonly coldSnapshotMs: number;
  readonly atRiskJobs: number;
}

const HOUR = 3_600_000;
const OUTCOMES: readonly SessionStatus[] = ['succeeded', 'succeeded', 'succeeded', 'succeeded', 'warning', 'failed'];

/** One appliance: jobs run every 6 h, sessions interleaved across jobs as a vendor lists them. */
export function applianceState(index: number, jobCount: number, sessionCount: number, now: number): ApplianceState {
  const applianceId = `bench-${index}`;
  const jobs: Job[] = Array.from({ length: jobCount }, (_, j) => ({
    id: `job-${j}`,
    applianceId,
    name: `Job ${j}`,
    type: 'backup',
    nextRun: new Date(now + HOUR).toISOString(),
    lastRun: null,
    enabled: j % 25 !== 24,
  }));
  const sessions: Session[] = Array.from({ length: sessionCount }, (_, i) => {
    const j = i % jobCount;
    // Every tenth job stopped running two days ago: it is at risk.
    const stalled = j % 10 === 9 ? 48 * HOUR : 0;
    const start = now - stalled - Math.floor(i / jobCount) * 6 * HOUR - (j % 60) * 60_000;
    const running = i < jobCount && j % 7 === 0 && stalled === 0;
    const status: SessionStatus = running ? 'running' : OUTCOMES[(i * 7 + index) % OUTCOMES.length]!;
    return {
      id: `s-${index}-${i}`,
      applianceId,
      vendor: 'spp',
      jobId: `job-${j}`,
      jobName: `Job ${j}`,
      type: 'backup',
      status,
      vendorStatus: status.toUpperCase(),
      start: new Date(start).toISOString(),
      end: running ? null : new Date(start + 20 * 60_000).toISOString(),
      durationMs: running ? null : 20 * 60_000,
      progress: NO_PROGRESS,
      message: null,
      logLink: null,
    };
  });
  const appliance = {
    id: applianceId,
    name: `Bench ${index}`,
    vendor: 'spp' as const,
    baseUrl: 'https://bench.invalid',
    username: 'admin',
    credential: { kind: 'keychain' as const },
    options: {},
    enabled: true,
  };
  const at = new Date(now).toISOString();
  return { appliance, health: { state: 'ok', message: '', lastGoodPoll: at, lastPoll: at }, jobs, sessions };
}

export const median = (times: number[]) => round([...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!);

/** Times `run` on what `prepare` made, `rounds` times after three warm-up runs (as a running app's JIT has settled). */
export function timed<T>(rounds: number, prepare: (round: number) => T, run: (input: T) => void, warmups = 3): number[] {
  for (let i = 0; i < warmups; i++) run(prepare(-1 - i));
  return Array.from({ length: rounds }, (_, i) => {
    const input = prepare(i);
    const t0 = performance.now();
    run(input);
    return performance.now() - t0;
  });
}

export function measureProtection(appliances = 200, jobsPer = 50, sessionsPer = 2000, rounds = 15): ProtectionBench {
  const now = Date.parse('2025-03-10T12:00:00.000Z');
  const states = Array.from({ length: appliances }, (_, i) => applianceState(i, jobsPer, sessionsPer, now));
  // The monitor hands over new arrays on every call, holding the same session objects.
  const fleet = (): FleetState => ({
    at: new Date(now).toISOString(),
    appliances: states.map((s) => ({ ...s, sessions: [...s.sessions] })),
  });
  const cold = timed(Math.min(rounds, 5), fleet, (input) => buildStatusSnapshot(input, DEFAULT_SETTINGS, now, () => true));
  const cache = createSnapshotCache();
  let atRiskJobs = 0;
  const afterPoll = (round: number): FleetState => {
    // One poll changed one session of one appliance: the monitor replaced that session object.
    const index = (round + appliances) % appliances;
    const polled = states[index]!;
    const sessions = [...polled.sessions];
    sessions[0] = { ...sessions[0]!, message: `poll ${round}` };
    states[index] = { ...polled, sessions };
    return fleet();
  };
  const warm = timed(rounds, afterPoll, (input) => {
    atRiskJobs = buildStatusSnapshot(input, DEFAULT_SETTINGS, now, () => true, cache).atRiskJobs;
  });
  return {
    appliances,
    jobs: appliances * jobsPer,
    sessions: appliances * sessionsPer,
    snapshotMs: median(warm),
    slowestSnapshotMs: round(Math.max(...warm)),
    coldSnapshotMs: median(cold),
    atRiskJobs,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = measureProtection();
  console.log(JSON.stringify(figures));
  console.log(
    `protection snapshot after a poll: ${figures.snapshotMs} ms (≤ 50), from scratch ${figures.coldSnapshotMs} ms, for ${figures.appliances} appliances × 50 jobs × 2,000 sessions`,
  );
}
