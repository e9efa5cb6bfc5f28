/** Judged objects, as 'objects:list' returns them, for the Machines view's unit tests. */
import type { InventoryCoverageView, ObjectBackupView, ObjectList, ObjectView } from '../../../src-main/common/object-views.js';
import type { ObjectState } from '../../../src-main/common/protected-objects.js';

export function backup(over: Partial<ObjectBackupView> = {}): ObjectBackupView {
  return {
    applianceId: 'vbr1',
    applianceName: 'VBR prod',
    objectId: 'vm-1',
    jobs: [{ jobId: 'j1', jobName: 'Web servers' }],
    lastGoodPoint: '2025-01-01T02:00:00.000Z',
    lastFailure: null,
    ...over,
  };
}

export function machine(over: Partial<ObjectView> & Pick<ObjectView, 'name'>): ObjectView {
  return {
    key: `vm:uuid-1/${over.name}`,
    kind: 'vm',
    state: 'protected',
    reason: null,
    acknowledged: false,
    excludedBy: null,
    lastGoodPoint: '2025-01-01T02:00:00.000Z',
    rpoSec: 93_600,
    rpoOverridden: false,
    inventory: { applianceId: 'vc1', applianceName: 'vcenter-prod', folder: '/DC/vm/Web', tags: ['prod'] },
    matchedBy: 'platform',
    backups: [backup()],
    ...over,
  };
}

export function coverage(counts: Partial<Record<ObjectState, number>>, over: Partial<InventoryCoverageView> = {}): InventoryCoverageView {
  return {
    applianceId: 'vc1',
    applianceName: 'vcenter-prod',
    counts: { unprotected: 0, at_risk: 0, protected: 0, excluded: 0, ...counts },
    ratio: null,
    ...over,
  };
}

export function objectList(objects: readonly ObjectView[], over: Partial<ObjectList> = {}): ObjectList {
  const counts = { unprotected: 0, at_risk: 0, protected: 0, excluded: 0 };
  for (const o of objects) counts[o.state] += 1;
  return { objects, matching: objects.length, counts, coverage: [], reads: [], exclusions: [], ...over };
}
