/**
 * The protected-objects figures: what an object read costs per cycle, the status snapshot with
 * every appliance's objects judged, and the heap the fleet's objects hold. The read is measured on
 * one appliance per vendor (20 jobs over the objects, a real simulator and connector); the fleet
 * figure is 200 times it, since each appliance's read is its own. The snapshot and memory figures
 * hold 200 appliances × 2,000 objects (copies of what the VBR read found, each appliance's own).
 * Run alone: `npx tsx tests/bench/objects-bench.ts [--quick]`.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { pathToFileURL } from 'node:url';
import { judgeFleetObjects, withObjectSummary } from '../../src-main/common/object-status.js';
import type { BackedUpObject } from '../../src-main/common/protected-objects.js';
import { DEFAULT_SETTINGS } from '../../src-main/common/settings.js';
import type { ApplianceState, FleetState } from '../../src-main/common/snapshot.js';
import { createSnapshotCache } from '../../src-main/common/snapshot-cache.js';
import { buildStatusSnapshot } from '../../src-main/common/status-rules.js';
import { round } from './bench-support.js';
import { OBJECT_VENDORS, T0, measureObjectRead, type ObjectReadFigures, type ReadCost } from './objects-read.js';
import { applianceState, median, timed } from './protection-bench.js';

const JOBS_PER_APPLIANCE = 50;
const SESSIONS_PER_APPLIANCE = 2000;

export interface ObjectSnapshotFigures {
  readonly appliances: number;
  readonly objects: number;
  /** Median snapshot after one appliance's objects were read again (the object judgement redone), ms (target ≤ 100). */
  readonly snapshotMs: number;
  readonly slowestSnapshotMs: number;
  /** Of which the object judgement alone, median ms. */
  readonly judgeMs: number;
  readonly atRiskObjects: number;
  /** Heap the fleet's objects hold, MB (after a full collection). */
  readonly objectsHeapMB: number;
  /** Heap with the fleet's jobs, sessions, objects and their judgement, MB. */
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

export function measureObjectSnapshot(template: readonly BackedUpObject[], appliances: number, rounds = 5): ObjectSnapshotFigures {
  const states: ApplianceState[] = Array.from({ length: appliances }, (_, i) =>
    applianceState(i, JOBS_PER_APPLIANCE, SESSIONS_PER_APPLIANCE, T0),
  );
  const before = heapMB();
  const readAt = new Date(T0).toISOString();
  const withObjects = states.map((s, i) => ({ ...s, objects: { backedUp: objectsOf(template, i), inventory: [], readAt, error: null } }));
  const objectsHeapMB = heapMB() - before;
  const fleet = (): FleetState => ({ at: readAt, appliances: withObjects.map((s) => ({ ...s, sessions: [...s.sessions] })) });
  const cache = createSnapshotCache();
  let atRiskObjects = 0;
  const snapshot = (input: FleetState) => {
    const judged = judgeFleetObjects(input, DEFAULT_SETTINGS, T0);
    atRiskObjects =
      withObjectSummary(
        buildStatusSnapshot(input, DEFAULT_SETTINGS, T0, () => true, cache),
        judged,
      ).objects?.counts.at_risk ?? 0;
  };
  const afterRead = (round: number): FleetState => {
    // One appliance's objects were read again: new arrays, so the judgement cannot be reused.
    const index = (round + appliances) % appliances;
    const read = withObjects[index]!;
    withObjects[index] = { ...read, objects: { ...read.objects, backedUp: [...read.objects.backedUp] } };
    return fleet();
  };
  const times = timed(rounds, afterRead, snapshot);
  const judgeTimes = timed(rounds, afterRead, (input) => judgeFleetObjects(input, DEFAULT_SETTINGS, T0));
  const heapWithObjectsMB = heapMB();
  return {
    appliances,
    objects: appliances * template.length,
    snapshotMs: median(times),
    slowestSnapshotMs: round(Math.max(...times)),
    judgeMs: median(judgeTimes),
    atRiskObjects,
    objectsHeapMB: round(objectsHeapMB),
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
    `  status snapshot with objects: ${s.snapshotMs} ms after one appliance's object read (≤ 100; slowest ${s.slowestSnapshotMs}), object judgement ${s.judgeMs} ms, for ${s.appliances} appliances × ${s.objects / s.appliances} objects, 50 jobs, 2,000 sessions`,
    `  heap with objects: ${s.objectsHeapMB} MB for ${s.objects.toLocaleString('en')} objects, ${s.heapWithObjectsMB} MB with the fleet's sessions and the judgement`,
  );
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await measureObjects(process.argv.includes('--quick'), (text) => process.stderr.write(`${text}\n`));
  console.log(JSON.stringify(figures));
  console.log(describeObjectFigures(figures));
  process.exit(0);
}
