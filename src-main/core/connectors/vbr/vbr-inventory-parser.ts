/**
 * Reads VBR's answers about what it sees beyond its backups: the computers agent protection groups
 * hold (`/agents/protectedComputers`), the vCenters and standalone hosts it knows
 * (`/inventory/vmware/hosts`) and the VMs of each (`/inventory/vmware/hosts/{name}`). The documents'
 * schema gives an inventory item flat, with its `platform`; their examples nest it under
 * `inventoryObject`: both are read. Words are compared in any letter case; an item without a name
 * or an id is left out, a page without a list is malformed.
 */
import { asRecord, readString, type JsonRecord } from '../../../common/read-fields.js';
import type { VbrPage, VbrParseContext } from './vbr-parser.js';
import { parseVbrPage } from './vbr-parser.js';

/** One computer an agent protection group holds. */
export interface VbrProtectedComputer {
  readonly id: string;
  /** DNS name, NetBIOS name or IP address. */
  readonly name: string;
}

/** One vCenter or standalone host VBR knows. */
export interface VbrInventoryRoot {
  /** The name its objects are listed by (`hosts/{name}`) and their paths start with. */
  readonly name: string;
  /** Its id where it is a UUID (a vCenter's); null otherwise. */
  readonly uuid: string | null;
}

/** One VM VBR sees on a vCenter or host. */
export interface VbrInventoryVm {
  /** The vCenter or host it is listed under. */
  readonly hostName: string;
  readonly name: string;
  /** Its managed object id (`vm-123`). */
  readonly moref: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const text = (r: JsonRecord | null, field: string): string | null => readString(r?.[field])?.trim() || null;

/** The item itself: flat as the schema gives it, or under `inventoryObject` as the examples do. */
const inventoryItem = (raw: unknown): JsonRecord | null => asRecord(asRecord(raw)?.['inventoryObject']) ?? asRecord(raw);

function readComputer(raw: unknown): VbrProtectedComputer | null {
  const r = asRecord(raw);
  const id = text(r, 'id');
  const name = text(r, 'name');
  return id && name ? { id, name } : null;
}

function readRoot(raw: unknown): VbrInventoryRoot | null {
  const r = inventoryItem(raw);
  const name = text(r, 'name') ?? text(r, 'hostName');
  const id = text(r, 'objectId');
  return name ? { name, uuid: id !== null && UUID.test(id) ? id.toLowerCase() : null } : null;
}

/** A VM of `hostName`; other objects (folders, hosts, templates...) are null. */
function readVm(raw: unknown, hostName: string): VbrInventoryVm | null {
  const r = inventoryItem(raw);
  const name = text(r, 'name');
  const moref = text(r, 'objectId');
  if (!name || !moref || text(r, 'type')?.toLowerCase() !== 'virtualmachine') return null;
  return { hostName: text(r, 'hostName') ?? hostName, name, moref };
}

/** `GET /api/v1/agents/protectedComputers` → computers. */
export const parseVbrProtectedComputers = (body: unknown, ctx: VbrParseContext): VbrPage<VbrProtectedComputer> =>
  parseVbrPage(body, 'protected computer', readComputer, ctx);

/** `GET /api/v1/inventory/vmware/hosts` → the vCenters and standalone hosts. */
export const parseVbrInventoryRoots = (body: unknown, ctx: VbrParseContext): VbrPage<VbrInventoryRoot> =>
  parseVbrPage(body, 'vSphere server', readRoot, ctx);

/** `GET /api/v1/inventory/vmware/hosts/{name}` → its VMs. */
export const parseVbrInventoryVms = (body: unknown, hostName: string, ctx: VbrParseContext): VbrPage<VbrInventoryVm> =>
  parseVbrPage(body, 'vSphere object', (raw) => readVm(raw, hostName), ctx);
