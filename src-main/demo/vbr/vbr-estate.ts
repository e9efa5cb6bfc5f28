/**
 * What the VBR simulator sees beyond its backups, as the documents give it: its vCenter
 * (`GET /api/v1/inventory/vmware/hosts`, the demo estate's manager, whose id is its instance UUID),
 * that vCenter's objects (`GET /api/v1/inventory/vmware/hosts/{name}`: the estate's VMs, with the
 * filters and order the reader asks for) and the computers of a Linux protection group
 * (`GET /api/v1/agents/protectedComputers`, documented from 1.2; no agent job backs them up, so
 * each is in no backup). Items are flat with their `platform`, as the schema says (`VMware` in 1.2,
 * `VSphere` from 1.3).
 */
import { DEMO_MANAGER, DEMO_VMS } from '../sim/demo-estate.js';
import { BadRequest } from '../sim/query-params.js';
import { stableGuid } from '../sim/stable-guid.js';
import type { VbrSimRevision } from './vbr-render.js';
import { revisionAtLeast } from './vbr-render.js';

/** The computers of the simulator's Linux protection group. */
export const VBR_PROTECTED_LINUX = ['lin-build-01', 'lin-build-02'] as const;

const GROUP = {
  id: stableGuid('vbr/protection-group/linux'),
  name: 'Linux build servers',
  credentialsId: stableGuid('vbr/credentials/linux'),
};

const platformWord = (r: VbrSimRevision): string => (revisionAtLeast(r, '1.3-rev0') ? 'VSphere' : 'VMware');

/** Whether `/agents/protectedComputers` is served: from 1.2, as the documents list it. */
export const servesProtectedComputers = (r: VbrSimRevision): boolean => revisionAtLeast(r, '1.2-rev0');

/** `GET /api/v1/agents/protectedComputers`, by name. */
export function protectedComputers(query: URLSearchParams): readonly Record<string, unknown>[] {
  const type = query.get('typeFilter');
  if (type !== null && type !== 'Linux') throw new BadRequest(`typeFilter: "${type}" is not a protected computer type.`);
  const list = VBR_PROTECTED_LINUX.map((name) => ({
    id: stableGuid(`vbr/computer/${name}`),
    name,
    type: 'Linux',
    protectionGroups: [GROUP],
  }));
  return query.get('orderAsc') === 'false' ? [...list].reverse() : list;
}

/** `GET /api/v1/inventory/vmware/hosts`: the one vCenter. */
export function inventoryHosts(r: VbrSimRevision): readonly Record<string, unknown>[] {
  const { hostName, instanceUuid } = DEMO_MANAGER;
  return [{ platform: platformWord(r), type: 'vCenterServer', hostName, name: hostName, objectId: instanceUuid, size: 'N/A' }];
}

const ORDER = ['Name', 'ObjectId', 'Type'];

/** `GET /api/v1/inventory/vmware/hosts/{name}`: the vCenter's VMs (its only objects here); null for a name it does not know. */
export function inventoryObjects(r: VbrSimRevision, name: string, query: URLSearchParams): readonly Record<string, unknown>[] | null {
  if (name.toLowerCase() !== DEMO_MANAGER.hostName) return null;
  const type = query.get('typeFilter');
  const column = query.get('orderColumn');
  if (column !== null && !ORDER.includes(column)) throw new BadRequest(`orderColumn "${column}" is not supported.`);
  const vms = type === null || type === 'VirtualMachine' ? [...DEMO_VMS] : [];
  const key = (vm: (typeof DEMO_VMS)[number]): string | number => (column === 'ObjectId' ? Number(vm.moref.slice(3)) : vm.name);
  vms.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  if (query.get('orderAsc') === 'false') vms.reverse();
  return vms.map((vm) => ({
    platform: platformWord(r),
    type: 'VirtualMachine',
    hostName: DEMO_MANAGER.hostName,
    name: vm.name,
    objectId: vm.moref,
    urn: `vm:${DEMO_MANAGER.instanceUuid}:${vm.moref}`,
    size: '40 GB',
  }));
}
