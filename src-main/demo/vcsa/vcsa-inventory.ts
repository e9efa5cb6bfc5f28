/**
 * The vCenter simulator's inventory: the demo estate's VMs (`GET /api/vcenter/vm`, `/rest/vcenter/vm`)
 * with their folders (`…/vcenter/folder`), filtered as VMware's bindings describe (`folders`, `vms`,
 * `names`; `/rest` writes `filter.folders.1=`), failing whole when more VMs match than the list may
 * return; and the instance UUID from the Virtual Infrastructure JSON API's service content
 * (`/sdk/vim25/{release}/ServiceInstance/ServiceInstance/content`, vCenter 8.0 U1 and later, no login).
 */
import type { SimRequest, SimResponse } from '../sim/https-simulator.js';
import type { DemoVm } from '../sim/demo-estate.js';
import { DEMO_MANAGER, DEMO_VMS } from '../sim/demo-estate.js';
import type { VcsaStyle } from './vcsa-render.js';
import { renderError, wrap } from './vcsa-render.js';

export interface VcsaInventoryOptions {
  /** Most VMs one list may return (4000 from 7.0; the 6.7 reference says 1000). */
  readonly vmListCap: number;
  /** Whether the Virtual Infrastructure JSON API answers (8.0 U1 and later). */
  readonly viJson: boolean;
}

interface SimFolder {
  readonly id: string;
  readonly name: string;
  /** The estate's folder path it is. */
  readonly path: string;
}

/** Every folder on the way to each VM's folder, ids in order of first appearance. */
function foldersOf(vms: readonly DemoVm[]): SimFolder[] {
  const paths: string[] = [];
  for (const vm of vms) {
    const parts = vm.folder.split('/').filter(Boolean);
    parts.forEach((_, i) => {
      const path = `/${parts.slice(0, i + 1).join('/')}`;
      if (!paths.includes(path)) paths.push(path);
    });
  }
  return paths.map((path, i) => ({ id: `group-v${i + 2}`, name: path.split('/').pop() ?? path, path }));
}

/** Values of a repeatable filter: `/api` `name=`, `/rest` `filter.name=` or `filter.name.N=`. */
function filterValues(style: VcsaStyle, query: URLSearchParams, name: string): string[] | null {
  if (style === 'api') return query.has(name) ? query.getAll(name) : null;
  const values = [...query.entries()].filter(([k]) => k === `filter.${name}` || new RegExp(`^filter\\.${name}\\.\\d+$`).test(k));
  return values.length > 0 ? values.map(([, v]) => v) : null;
}

export class VcsaInventory {
  readonly #folders = foldersOf(DEMO_VMS);

  constructor(private readonly options: VcsaInventoryOptions) {}

  /** `…/vcenter/vm`: the VMs every given filter lets through, or the whole call fails over the cap. */
  vms(style: VcsaStyle, query: URLSearchParams): SimResponse {
    const folders = filterValues(style, query, 'folders');
    const ids = filterValues(style, query, 'vms');
    const names = filterValues(style, query, 'names');
    const paths = folders === null ? null : this.#folders.filter((f) => folders.includes(f.id)).map((f) => f.path);
    const matched = DEMO_VMS.filter(
      (vm) =>
        (paths === null || paths.includes(vm.folder)) &&
        (ids === null || ids.includes(vm.moref)) &&
        (names === null || names.includes(vm.name)),
    );
    if (matched.length > this.options.vmListCap) {
      const text = `Too many virtual machines (${matched.length}) match the filter; at most ${this.options.vmListCap} can be listed.`;
      return { status: 500, body: renderError(style, 'UNABLE_TO_ALLOCATE_RESOURCE', 'com.vmware.api.vcenter.vm.list_limit', text) };
    }
    const summaries = matched.map((vm, i) => ({
      vm: vm.moref,
      name: vm.name,
      power_state: vm.folder === '/Retired' ? 'POWERED_OFF' : 'POWERED_ON',
      cpu_count: 2 + (i % 3) * 2,
      memory_size_MiB: 4096 * (1 + (i % 4)),
    }));
    return { status: 200, body: wrap(style, summaries) };
  }

  /** `…/vcenter/folder`: the VM folders (only VM folders exist here). */
  folders(style: VcsaStyle, query: URLSearchParams): SimResponse {
    const type = filterValues(style, query, 'type')?.[0] ?? null;
    const listed = type === null || type === 'VIRTUAL_MACHINE' ? this.#folders : [];
    return {
      status: 200,
      body: wrap(
        style,
        listed.map((f) => ({ folder: f.id, name: f.name, type: 'VIRTUAL_MACHINE' })),
      ),
    };
  }

  /** The service content's `about`, or 404 on a vCenter older than 8.0 U1. */
  serviceContent(req: SimRequest): SimResponse | null {
    if (!/^\/sdk\/vim25\/[^/]+\/ServiceInstance\/ServiceInstance\/content$/.test(req.path)) return null;
    if (!this.options.viJson || req.method !== 'GET') return { status: 404, body: 'Not Found' };
    const about = {
      _typeName: 'AboutInfo',
      name: 'VMware vCenter Server',
      fullName: 'VMware vCenter Server 8.0.3 build-24322831',
      vendor: 'VMware, Inc.',
      version: '8.0.3',
      build: '24322831',
      apiType: 'VirtualCenter',
      apiVersion: '8.0.3.0',
      instanceUuid: DEMO_MANAGER.instanceUuid,
    };
    return { status: 200, body: { _typeName: 'ServiceContent', about } };
  }
}
