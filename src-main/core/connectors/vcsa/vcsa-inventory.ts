/**
 * vCenter's inventory: the VMs it lists, which coverage matches the backups of every vendor
 * against. The VM list has no paging and fails whole over its cap (4000 from 7.0, 1000 on 6.7),
 * so it is read one VM folder at a time (`…/vcenter/folder?type=VIRTUAL_MACHINE`, then
 * `…/vcenter/vm?folders=`), which also names each VM's folder. The instance UUID comes once from
 * the Virtual Infrastructure JSON API (8.0 U1 and later); an older vCenter keys its VMs by its host
 * name instead, and says so once. Each VM's tags come from vcsa-tags.ts.
 */
import type { InventoryObject } from '../../../common/protected-objects.js';
import { asRecord, readArray, readString } from '../../../common/read-fields.js';
import type { VcsaApiStyle } from '../../../common/vendors/vcsa/vcsa-options.js';
import { ConnectorError } from '../../http/errors.js';
import type { HttpRequest, HttpResponse } from '../../http/http-client.js';
import type { Logger } from '../../logger.js';
import type { ObjectRead } from '../connector.js';
import { VcsaTagReader } from './vcsa-tags.js';

/** What the reader needs of the connector: calls in the session's style, and plain requests. */
export interface VcsaInventoryCalls {
  call(build: (style: VcsaApiStyle) => HttpRequest, signal?: AbortSignal): Promise<{ body: unknown; style: VcsaApiStyle }>;
  send(req: HttpRequest, signal?: AbortSignal): Promise<HttpResponse>;
}

/** The first release of the Virtual Infrastructure JSON API; later vCenters answer it too. */
const VI_JSON_RELEASE = '8.0.1.0';

/** A repeatable filter: `/api` `name=`, `/rest` `filter.name.1=`. */
const filter = (style: VcsaApiStyle, name: string, value: string) =>
  style === 'api' ? { [name]: value } : { [`filter.${name}.1`]: value };

export const vmFoldersRequest = (style: VcsaApiStyle): HttpRequest => ({
  path: `/${style}/vcenter/folder`,
  query: filter(style, 'type', 'VIRTUAL_MACHINE'),
});

export const vmsInFolderRequest = (style: VcsaApiStyle, folderId: string): HttpRequest => ({
  path: `/${style}/vcenter/vm`,
  query: filter(style, 'folders', folderId),
});

/** `/rest` wraps every answer in `value`; a list that is not a list is malformed. */
function listOf(body: unknown, style: VcsaApiStyle, what: string): readonly unknown[] {
  const list = readArray(style === 'rest' ? asRecord(body)?.['value'] : body);
  if (!list) throw new ConnectorError('malformed', `vCenter ${what} answer is not a list`);
  return list;
}

/** Id and name of each entry (`folder`/`vm` is the id); entries without both are left out. */
function namedEntries(body: unknown, style: VcsaApiStyle, what: string, idField: string): { id: string; name: string }[] {
  return listOf(body, style, what).flatMap((raw) => {
    const r = asRecord(raw);
    const id = readString(r?.[idField])?.trim();
    const name = readString(r?.['name'])?.trim();
    return id && name ? [{ id, name }] : [];
  });
}

export class VcsaInventoryReader {
  #instanceUuid: string | null = null;
  readonly #tags: VcsaTagReader;

  constructor(
    private readonly applianceId: string,
    private readonly baseUrl: string,
    private readonly calls: VcsaInventoryCalls,
    private readonly log: Logger,
  ) {
    this.#tags = new VcsaTagReader((build, signal) => calls.call(build, signal), log);
  }

  async read(signal?: AbortSignal): Promise<ObjectRead> {
    const instanceUuid = await this.#instance(signal);
    const folders = await this.calls.call(vmFoldersRequest, signal);
    const inventory = new Map<string, InventoryObject>();
    for (const folder of namedEntries(folders.body, folders.style, 'VM folder', 'folder')) {
      const { body, style } = await this.calls
        .call((s) => vmsInFolderRequest(s, folder.id), signal)
        .catch((e: unknown) => {
          throw overCap(e, folder.name);
        });
      for (const vm of namedEntries(body, style, 'VM', 'vm')) {
        const platform = { instanceUuid, moref: vm.id };
        inventory.set(vm.id, { inventoryId: this.applianceId, platform, name: vm.name, folder: folder.name, tags: [] });
      }
    }
    const tags = await this.#tags.read(signal);
    return { backedUp: [], inventory: [...inventory.values()].map((vm) => ({ ...vm, tags: tags.get(vm.platform.moref) ?? [] })) };
  }

  /** The instance UUID, read once; the host name stands in where the JSON API is absent. */
  async #instance(signal?: AbortSignal): Promise<string> {
    if (this.#instanceUuid !== null) return this.#instanceUuid;
    const path = `/sdk/vim25/${VI_JSON_RELEASE}/ServiceInstance/ServiceInstance/content`;
    const response = await this.calls.send({ path, retries: 1 }, signal);
    let uuid: string | null = null;
    if (response.status === 200) {
      try {
        uuid = readString(asRecord(asRecord(JSON.parse(response.text))?.['about'])?.['instanceUuid'])?.trim() ?? null;
      } catch {
        // Not JSON: as if absent.
      }
    }
    if (uuid === null) {
      uuid = `host:${new URL(this.baseUrl).hostname.toLowerCase()}`;
      this.log.info('vCenter gives no instance UUID (the JSON API came with 8.0 U1); its VMs are keyed by its host name');
    }
    this.#instanceUuid = uuid.toLowerCase();
    return this.#instanceUuid;
  }
}

/** A folder whose VMs the list cannot return at once (more than its cap) fails the read in one line. */
function overCap(e: unknown, folder: string): unknown {
  if (!(e instanceof ConnectorError) || e.extra.status !== 500) return e;
  return new ConnectorError('http', `vCenter cannot list the VMs of folder "${folder}" at once (more than its list cap?): ${e.message}`, {
    status: 500,
    cause: e,
  });
}
