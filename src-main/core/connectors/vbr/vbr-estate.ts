/**
 * What VBR sees beyond its backups, for the object read: the computers its agent protection groups
 * hold (`/agents/protectedComputers`, after 1.0) and the VMs of each vCenter or standalone host it
 * knows (`/inventory/vmware/hosts`, then `/hosts/{name}?typeFilter=VirtualMachine`). Either may be
 * out of reach: a revision without the call answers 404, and an account without the role
 * (protected computers: Backup Administrator or Restore Operator; the inventory: Backup
 * Administrator before 1.3) 403. Then that part is "not available": one line in the log, and it is
 * not asked again while the connector speaks the same revision.
 */
import type { BackedUpObject, InventoryObject, PlatformRef } from '../../../common/protected-objects.js';
import { isConnectorError } from '../../http/errors.js';
import type { VbrBackupObject } from './vbr-object-parser.js';
import type { VbrObjectCalls } from './vbr-object-calls.js';
import type { VbrInventoryRoot, VbrInventoryVm, VbrProtectedComputer } from './vbr-inventory-parser.js';
import { parseVbrInventoryRoots, parseVbrInventoryVms, parseVbrProtectedComputers } from './vbr-inventory-parser.js';
import type { VbrRevision } from './vbr-requests.js';
import { inventoryHostsRequest, inventoryVmsRequest, mayHaveProtectedComputers, protectedComputersRequest } from './vbr-requests.js';

/** What VBR's inventory holds: its vCenters and hosts, and their VMs. */
export interface VbrEstate {
  readonly roots: readonly VbrInventoryRoot[];
  readonly vms: readonly VbrInventoryVm[];
}

type Part = 'protected computers' | 'inventory';

/** A 404 (no such call) or 403 (no such role), which make a part "not available". */
const unavailable = (e: unknown): number | null =>
  isConnectorError(e) && (e.extra.status === 404 || e.extra.status === 403) ? (e.extra.status ?? null) : null;

export class VbrEstateReader {
  /** The parts found not available, with the revision they were not available at. */
  readonly #missing = new Map<Part, VbrRevision>();

  constructor(
    private readonly calls: VbrObjectCalls,
    private readonly pageSize: number,
  ) {}

  /** The protected computers; null where not available. */
  computers(signal?: AbortSignal): Promise<VbrProtectedComputer[] | null> {
    if (!mayHaveProtectedComputers(this.calls.currentRevision())) return Promise.resolve(null);
    return this.#part('protected computers', async () =>
      this.#all((p) => (r) => protectedComputersRequest(r, p), parseVbrProtectedComputers, signal),
    );
  }

  /** The vCenters and hosts VBR knows, and their VMs; null where not available. */
  inventory(signal?: AbortSignal): Promise<VbrEstate | null> {
    return this.#part('inventory', async () => {
      const roots = await this.#all((p) => (r) => inventoryHostsRequest(r, p), parseVbrInventoryRoots, signal);
      const vms: VbrInventoryVm[] = [];
      for (const root of roots) {
        const parse = (b: unknown, ctx: VbrObjectCalls['parse']) => parseVbrInventoryVms(b, root.name, ctx);
        vms.push(...(await this.#all((p) => (r) => inventoryVmsRequest(r, root.name, p), parse, signal)));
      }
      return { roots, vms };
    });
  }

  async #all<T>(
    request: Parameters<VbrObjectCalls['readPages']>[0],
    parse: (body: unknown, ctx: VbrObjectCalls['parse']) => { items: T[]; received: number; total: number | null },
    signal?: AbortSignal,
  ): Promise<T[]> {
    return (await this.calls.readPages(request, (b) => parse(b, this.calls.parse), Infinity, signal, this.pageSize)).items;
  }

  async #part<T>(part: Part, read: () => Promise<T>): Promise<T | null> {
    const revision = this.calls.currentRevision();
    if (this.#missing.get(part) === revision) return null;
    try {
      return await read();
    } catch (e) {
      const status = unavailable(e);
      if (status === null) throw e;
      this.#missing.set(part, revision);
      const why = status === 404 ? `REST API ${revision} has no such call` : 'the account lacks the role for it';
      this.calls.parse.log.info(`VBR ${part} not available (HTTP ${status}: ${why}); the object read goes on without them`);
      return null;
    }
  }
}

/**
 * Each vCenter's or host's key, by its lower-case name: the UUID VBR gives a vCenter (which is
 * taken for vCenter's instance UUID), else `host:` and its name, as vCenter's own inventory keys
 * its VMs when it cannot say its UUID.
 */
export function rootKeys(estate: VbrEstate | null): ReadonlyMap<string, string> {
  return new Map(estate?.roots.map((root) => [root.name.toLowerCase(), root.uuid ?? `host:${root.name.toLowerCase()}`]) ?? []);
}

/** A backed-up VM's place on its platform, where its path names a vCenter or host VBR's inventory knows. */
export function platformOf(keys: ReadonlyMap<string, string>, object: Pick<VbrBackupObject, 'host' | 'moref'>): PlatformRef | null {
  const instanceUuid = object.host === null ? undefined : keys.get(object.host);
  return instanceUuid === undefined || object.moref === null ? null : { instanceUuid, moref: object.moref };
}

/** The VMs VBR sees, as an inventory: those no backup holds are the unprotected ones. */
export function inventoryOf(applianceId: string, estate: VbrEstate | null, keys: ReadonlyMap<string, string>): InventoryObject[] {
  const seen = new Map<string, InventoryObject>();
  for (const vm of estate?.vms ?? []) {
    const platform = platformOf(keys, { host: vm.hostName.toLowerCase(), moref: vm.moref });
    if (platform !== null)
      seen.set(`${platform.instanceUuid}/${vm.moref}`, { inventoryId: applianceId, platform, name: vm.name, folder: null, tags: [] });
  }
  return [...seen.values()];
}

/** A computer's name as agents and backups may each give it: `srv01.corp.local` and `SRV01` are one. */
const shortName = (name: string): string => name.trim().toLowerCase().split('.')[0] ?? '';

/**
 * The protected computers no backup holds yet: each an object without a point (at risk). One a
 * backup holds is that backup's object already (1.3's `computerId`, else its name).
 */
export function computersWithoutBackup(
  applianceId: string,
  computers: readonly { id: string; name: string }[] | null,
  objects: readonly VbrBackupObject[],
): BackedUpObject[] {
  const held = objects.filter((o) => o.kind === 'computer');
  const ids = new Set(held.flatMap((o) => (o.computerId === null ? [] : [o.computerId])));
  const names = new Set(held.map((o) => shortName(o.name)));
  return (computers ?? [])
    .filter((c) => !ids.has(c.id.toLowerCase()) && !names.has(shortName(c.name)))
    .map((c) => ({
      applianceId,
      id: c.id,
      name: c.name,
      kind: 'computer',
      platform: null,
      jobIds: [],
      lastGoodPointMs: null,
      lastFailureMs: null,
    }));
}
