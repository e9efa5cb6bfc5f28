/**
 * The VBR simulator's objects: `GET /api/v1/backupObjects` (the VMs and computers its backup and
 * agent jobs cover, VMs named by the demo estate's managed object ids and paths that start with
 * the vCenter's host name) and `GET /api/v1/restorePoints` (one point per object a finished run
 * processed without failing), with the filters, order and paging the documents give them.
 */
import { DEMO_MANAGER, demoVm } from '../sim/demo-estate.js';
import { BadRequest, timeParam } from '../sim/query-params.js';
import type { Scenario, ScenarioJob } from '../sim/scenario.js';
import type { ScenarioObject, ScenarioPoint } from '../sim/scenario-objects.js';
import { scenarioObjects } from '../sim/scenario-objects.js';
import { stableGuid } from '../sim/stable-guid.js';
import type { VbrSimRevision } from './vbr-render.js';
import { revisionAtLeast } from './vbr-render.js';

const ZERO_UUID = '00000000-0000-0000-0000-000000000000';

/** The jobs whose objects VBR lists: VM backups and agent backups (copies and log backups add no object). */
const coversObjects = (job: ScenarioJob): boolean => job.type === 'backup' || job.type === 'agentBackup';

export const vbrObjectId = (name: string): string => stableGuid(`vbr/object/${name}`);
const backupIdOf = (jobId: string): string => stableGuid(`vbr/backup/${jobId}`);

/** A list in the order asked: `orderAsc=false` reverses it; an order column the simulator cannot sort by is a 400. */
function ordered<T>(query: URLSearchParams, items: readonly T[], columns: readonly string[]): readonly T[] {
  const column = query.get('orderColumn');
  if (column !== null && !columns.includes(column)) throw new BadRequest(`orderColumn "${column}" is not supported by the simulator.`);
  return column !== null && query.get('orderAsc') === 'false' ? [...items].reverse() : items;
}

export class VbrObjects {
  constructor(
    private readonly scenario: Scenario,
    private readonly time: (ms: number, salt: number) => string,
  ) {}

  #derived: { readonly key: string; readonly objects: ScenarioObject[] } | null = null;

  /**
   * What is in backups: the objects with at least one point. Derived again only when a run ended
   * or the history changed, since a reader asks for each object's newest point in turn.
   */
  #objects(): ScenarioObject[] {
    const sessions = this.scenario.sessions();
    let finished = 0;
    let lastEnd = 0;
    for (const s of sessions) {
      if (s.endedAt === null) continue;
      finished++;
      lastEnd = Math.max(lastEnd, s.endedAt);
    }
    const key = `${sessions.length}/${finished}/${lastEnd}`;
    if (this.#derived?.key !== key) {
      this.#derived = { key, objects: scenarioObjects(this.scenario, coversObjects).filter((o) => o.points.length > 0) };
    }
    return this.#derived.objects;
  }

  /** A name an agent job covers is a computer; the rest are the estate's VMs. */
  #isVm(name: string): boolean {
    return demoVm(name) !== undefined && !this.scenario.jobs().some((j) => j.type === 'agentBackup' && j.resources.includes(name));
  }

  /** `GET /api/v1/backupObjects`, sorted by name (the simulator's one order). */
  backupObjects(r: VbrSimRevision, query: URLSearchParams): readonly Record<string, unknown>[] {
    const objects = ordered(
      query,
      [...this.#objects()].sort((a, b) => a.name.localeCompare(b.name)),
      ['Name'],
    );
    return objects.map((o) => this.#renderObject(r, o));
  }

  #renderObject(r: VbrSimRevision, o: ScenarioObject): Record<string, unknown> {
    const newest = o.points.at(-1)?.createdAt ?? null;
    const common = {
      id: vbrObjectId(o.name),
      name: o.name,
      platformId: ZERO_UUID,
      restorePointsCount: o.points.length,
      ...(revisionAtLeast(r, '1.3-rev1')
        ? { lastRunFailed: o.lastFailureAt !== null && (newest === null || o.lastFailureAt > newest) }
        : {}),
    };
    const vm = demoVm(o.name);
    if (!vm || !this.#isVm(o.name)) return { ...common, type: 'Computer', platformName: 'WindowsPhysical' };
    const path = [DEMO_MANAGER.hostName, DEMO_MANAGER.datacenter, ...vm.folder.split('/').filter(Boolean), vm.name].join('\\');
    return { ...common, type: 'VM', platformName: 'VMware', objectId: vm.moref, viType: 'VirtualMachine', path };
  }

  /** `GET /api/v1/restorePoints`, by creation time (the documented default column). */
  restorePoints(query: URLSearchParams): readonly Record<string, unknown>[] {
    const objectId = query.get('backupObjectIdFilter');
    const after = timeParam(query, 'createdAfterFilter');
    const before = timeParam(query, 'createdBeforeFilter');
    const points: { object: ScenarioObject; point: ScenarioPoint }[] = [];
    for (const object of this.#objects()) {
      if (objectId !== null && vbrObjectId(object.name) !== objectId) continue;
      for (const point of object.points) {
        if ((after === null || point.createdAt > after) && (before === null || point.createdAt < before)) points.push({ object, point });
      }
    }
    points.sort((a, b) => a.point.createdAt - b.point.createdAt);
    return ordered(query, points, ['CreationTime']).map(({ object, point }) => this.#renderPoint(object, point));
  }

  #renderPoint(object: ScenarioObject, point: ScenarioPoint): Record<string, unknown> {
    const vm = this.#isVm(object.name);
    return {
      id: point.id,
      name: point.name,
      platformName: vm ? 'VMware' : 'WindowsPhysical',
      platformId: ZERO_UUID,
      creationTime: this.time(point.createdAt, point.createdAt % 997),
      backupId: backupIdOf(point.jobId),
      type: 'Increment',
      allowedOperations: vm ? ['StartViVMInstantRecovery', 'StartEntireVmRestore', 'StartFlrRestore'] : ['StartFlrRestore'],
    };
  }
}
