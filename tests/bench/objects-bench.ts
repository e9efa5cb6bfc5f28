/**
 * The protected-objects figures: what an object read costs per cycle, the status snapshot with
 * every appliance's objects judged, and the heap the fleet's objects hold. The read is measured on
 * one appliance per vendor (20 jobs over the objects, a real simulator and connector); the fleet
 * figure is 200 times it, since each appliance's read is its own. The snapshot and memory figures
 * hold 200 appliances × 2,000 objects (copies of what the VBR read found, each appliance's own),
 * judged by one shared judge as the app core holds it, beside the naive full judgement in the same
 * run; CPU time is given beside wall time, since this machine's load varies. Run alone: `npx tsx tests/bench/objects-bench.ts [--quick]`.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { pathToFileURL } from 'node:url';
import { acknowledgedCounts } from '../../src-main/common/object-acknowledgement.js';
import { queryObjects } from '../../src-main/common/object-query.js';
import { cachedObjectJudge, isProblemObject, withObjectSummary } from '../../src-main/common/object-status.js';
import { OBJECT_PROBLEM_LIMIT } from '../../src-main/common/object-views.js';
import type { BackedUpObject } from '../../src-main/common/protected-objects.js';
import { DEFAULT_SETTINGS } from '../../src-main/common/settings.js';
import type { ApplianceState, FleetState, StatusSnapshot } from '../../src-main/common/snapshot.js';
import { createSnapshotCache, type SnapshotCache } from '../../src-main/common/snapshot-cache.js';
import { buildStatusSnapshot } from '../../src-main/common/status-rules.js';
import { naiveJudgement } from '../support/naive-object-judgement.js';
import { round } from './bench-support.js';
import { OBJECT_VENDORS, T0, measureObjectRead, type ObjectReadFigures, type ReadCost } from './objects-read.js';
import { applianceState, median, timed } from './protection-bench.js';

const JOBS_PER_APPLIANCE = 50;
const SESSIONS_PER_APPLIANCE = 2000;

export interface ObjectSnapshotFigures {
  readonly appliances: number;
  readonly objects: number;
  /** Median snapshot after one appliance's objects were read again, the one shared judgement updated, ms (target ≤ 100). */
  readonly snapshotMs: number;
  readonly slowestSnapshotMs: number;
  /** Of which the shared object judgement alone (one read judged again and merged), median ms. */
  readonly judgeMs: number;
  /** CPU time (all of this process's threads) per snapshot after a read, ms: the cost whatever the machine's load. */
  readonly snapshotCpuMs: number;
  readonly judgeCpuMs: number;
  /** The first judgement of every read, from scratch (start-up, or a setting or an inventory changed), ms. */
  readonly coldJudgeMs: number;
  /** The same snapshot the naive way (every object judged and given its full view, sorted by localeCompare), median ms. */
  readonly naiveSnapshotMs: number;
  /** How many times faster the shared judgement's snapshot is than the naive one, measured in the same run. */
  readonly naiveToShared: number;
  /** The Machines view's first page of 1,000 (`objects:list`) after a read: the name order kept, only what changed sorted, ms. */
  readonly listPageMs: number;
  readonly atRiskObjects: number;
  /** Heap the fleet's object reads hold, MB (after a full collection). */
  readonly objectsHeapMB: number;
  /** Heap the shared judgement holds beside the reads, MB. */
  readonly judgementHeapMB: number;
  /** Heap with the fleet's jobs, sessions, object reads and the shared judgement, MB. */
  readonly heapWithObjectsMB: number;
}

/** A full collection before a heap reading; the flag is set at run time so `npm run bench` needs no node option. */
function collect(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

const heapMB = () => {
  collect();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

/** One appliance's copy of the read's objects: its own ids and names, its own jobs. */
function objectsOf(template: readonly BackedUpObject[], index: number): BackedUpObject[] {
  return template.map((o, i) => ({
    ...o,
    applianceId: `bench-${index}`,
    id: `${o.id}-${index}`,
    name: `${o.name}-a${index}`,
    jobIds: [`job-${i % JOBS_PER_APPLIANCE}`],
  }));
}

/** CPU time per call of `run` over some rounds, ms; the inputs are prepared before the clock starts. */
function cpuPerRound<T>(rounds: number, prepare: (round: number) => T, run: (input: T) => void): number {
  const inputs = Array.from({ length: rounds }, (_, i) => prepare(rounds + i));
  const start = process.cpuUsage();
  for (const input of inputs) run(input);
  const used = process.cpuUsage(start);
  return round((used.user + used.system) / 1000 / rounds);
}

/** The snapshot's objects the naive way: the whole judgement, then its worst problems. */
function naiveSnapshot(input: FleetState, cache: SnapshotCache): StatusSnapshot {
  const naive = naiveJudgement(input, DEFAULT_SETTINGS, T0);
  const problems = naive.views.filter(isProblemObject);
  return {
    ...buildStatusSnapshot(input, DEFAULT_SETTINGS, T0, () => true, cache),
    objects: {
      counts: naive.counts,
      problems: problems.slice(0, OBJECT_PROBLEM_LIMIT),
      problemsOmitted: Math.max(0, problems.length - OBJECT_PROBLEM_LIMIT),
      acknowledged: acknowledgedCounts(problems),
      coverage: [],
    },
  };
}

export function measureObjectSnapshot(template: readonly BackedUpObject[], appliances: number, rounds = 5): ObjectSnapshotFigures {
  const states: ApplianceState[] = Array.from({ length: appliances }, (_, i) =>
    applianceState(i, JOBS_PER_APPLIANCE, SESSIONS_PER_APPLIANCE, T0),
  );
  const before = heapMB();
  const readAt = new Date(T0).toISOString();
  const withObjects = states.map((s, i) => ({ ...s, objects: { backedUp: objectsOf(template, i), inventory: [], readAt, error: null } }));
  const objectsHeapMB = heapMB() - before;
  const fleet = (): FleetState => ({ at: readAt, appliances: [...withObjects] });
  const cache = createSnapshotCache();
  const afterRead = (round: number): FleetState => {
    // One appliance was polled and its objects read again: its sessions and its read are new
    // arrays, so its jobs' protection and its read are judged again; the others' are kept.
    const index = (round + appliances) % appliances;
    const read = withObjects[index]!;
    withObjects[index] = { ...read, sessions: [...read.sessions], objects: { ...read.objects, backedUp: [...read.objects.backedUp] } };
    return fleet();
  };
  // The app core's one judge, which the monitor, the status and the server share.
  const judge = cachedObjectJudge();
  const withoutJudgement = heapMB();
  const coldStart = performance.now();
  judge(fleet(), DEFAULT_SETTINGS, T0);
  const coldJudgeMs = round(performance.now() - coldStart);
  const judgementHeapMB = heapMB() - withoutJudgement;
  let atRiskObjects = 0;
  const snapshot = (input: FleetState) => {
    const summary = withObjectSummary(
      buildStatusSnapshot(input, DEFAULT_SETTINGS, T0, () => true, cache),
      judge(input, DEFAULT_SETTINGS, T0),
    );
    atRiskObjects = summary.objects?.counts.at_risk ?? 0;
  };
  const times = timed(rounds, afterRead, snapshot);
  const judgeTimes = timed(rounds, afterRead, (input) => judge(input, DEFAULT_SETTINGS, T0));
  const snapshotCpuMs = cpuPerRound(rounds * 2, afterRead, snapshot);
  const judgeCpuMs = cpuPerRound(rounds * 2, afterRead, (input) => judge(input, DEFAULT_SETTINGS, T0));
  const listTimes = timed(rounds, afterRead, (input) => queryObjects(judge(input, DEFAULT_SETTINGS, T0), { limit: 1000 }, []));
  const heapWithObjectsMB = heapMB();
  const naiveTimes = timed(Math.min(rounds, 3), afterRead, (input) => naiveSnapshot(input, cache), 1);
  const snapshotMs = median(times);
  return {
    appliances,
    objects: appliances * template.length,
    snapshotMs,
    slowestSnapshotMs: round(Math.max(...times)),
    judgeMs: median(judgeTimes),
    snapshotCpuMs,
    judgeCpuMs,
    coldJudgeMs,
    naiveSnapshotMs: median(naiveTimes),
    naiveToShared: round(median(naiveTimes) / Math.max(snapshotMs, 0.01)),
    listPageMs: median(listTimes),
    atRiskObjects,
    objectsHeapMB: round(objectsHeapMB),
    judgementHeapMB: round(judgementHeapMB),
    heapWithObjectsMB: round(heapWithObjectsMB),
  };
}

export interface ObjectFigures {
  readonly read: Record<string, Omit<ObjectReadFigures, 'backedUp'> & { idleToNaive: number }>;
  readonly fleetAppliances: number;
  readonly snapshot: ObjectSnapshotFigures;
}

export async function measureObjects(quick: boolean, progress: (text: string) => void = () => {}): Promise<ObjectFigures> {
  const objects = quick ? 200 : 2000;
  const read: ObjectFigures['read'] = {};
  let template: readonly BackedUpObject[] = [];
  for (const vendor of OBJECT_VENDORS) {
    progress(`  object read, ${vendor}: one appliance × ${objects} objects, first and idle read, naive reader`);
    const { backedUp, ...figures } = await measureObjectRead(vendor, objects);
    read[vendor] = { ...figures, idleToNaive: round(figures.idle.bytes / Math.max(1, figures.naive.bytes), 3) };
    if (vendor === 'vbr') template = backedUp;
  }
  const appliances = quick ? 30 : 200;
  progress(`  status snapshot and heap with objects: ${appliances} appliances × ${template.length} objects`);
  return { read, fleetAppliances: 200, snapshot: measureObjectSnapshot(template, appliances) };
}

const times200 = (cost: ReadCost, n: number) =>
  `${(cost.requests * n).toLocaleString('en')} requests, ${round((cost.bytes * n) / 2 ** 20)} MB`;

/** The printed lines: the fleet's read is the one appliance's measured read times 200, said so. */
export function describeObjectFigures(f: ObjectFigures): string {
  const n = f.fleetAppliances;
  const lines = Object.entries(f.read).map(
    ([vendor, r]) =>
      `  objects read ${vendor}, one appliance × ${r.objects} objects measured, ×${n} for the fleet: first ${r.first.requests} requests / ${r.first.bytes} bytes (${times200(r.first, n)}), idle ${r.idle.requests} / ${r.idle.bytes} (${times200(r.idle, n)}); naive (${r.naiveReader}) ${r.naive.requests} / ${r.naive.bytes} (${times200(r.naive, n)}); idle/naive bytes ${r.idleToNaive}`,
  );
  const s = f.snapshot;
  lines.push(
    `  status snapshot with objects: ${s.snapshotMs} ms after one appliance's object read (≤ 100; slowest ${s.slowestSnapshotMs}; ${s.snapshotCpuMs} ms CPU), shared object judgement ${s.judgeMs} ms (${s.judgeCpuMs} ms CPU; ${s.coldJudgeMs} ms from scratch), for ${s.appliances} appliances × ${s.objects / s.appliances} objects, 50 jobs, 2,000 sessions`,
    `  naive snapshot (every object judged and viewed, localeCompare sort): ${s.naiveSnapshotMs} ms, ${s.naiveToShared}× the shared judgement's; Machines list page of 1,000 after a read ${s.listPageMs} ms`,
    `  heap with objects: ${s.objectsHeapMB} MB for ${s.objects.toLocaleString('en')} objects' reads, ${s.judgementHeapMB} MB for their shared judgement, ${s.heapWithObjectsMB} MB with the fleet's sessions, the reads and the judgement`,
  );
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await measureObjects(process.argv.includes('--quick'), (text) => process.stderr.write(`${text}\n`));
  console.log(JSON.stringify(figures));
  console.log(describeObjectFigures(figures));
  process.exit(0);
}
