/**
 * vCenter's tags on its VMs (vSphere Automation API tagging, 6.5 and later), so that an exclusion
 * by tag applies to vCenter's inventory. Bounded by the tags, never by the VMs: the tag ids
 * (`GET …/cis/tagging/tag`), the name of each tag not seen before (`GET …/tag/{id}`, `/rest`:
 * `…/tag/id:{id}`, at most `TAG_LOOKUPS` a read, the rest the next), and which objects carry them,
 * `TAGS_PER_REQUEST` tags a request (`POST …/tag-association?action=list-attached-objects-on-tags`,
 * `/rest`: `?~action=`). Tags are read with the inventory, on the objects' slow interval. A vCenter
 * that does not let the account read tags, or answers them oddly, leaves its VMs untagged: one line
 * in the log, and the inventory is read all the same.
 */
import { asRecord, readArray, readString } from '../../../common/read-fields.js';
import type { VcsaApiStyle } from '../../../common/vendors/vcsa/vcsa-options.js';
import { ConnectorError, isConnectorError } from '../../http/errors.js';
import type { HttpRequest } from '../../http/http-client.js';
import type { Logger } from '../../logger.js';

/** Most tag names looked up in one read. */
export const TAG_LOOKUPS = 200;
/** Most tags whose objects one request asks for. */
export const TAGS_PER_REQUEST = 100;

const base = (style: VcsaApiStyle): string => (style === 'api' ? '/api/cis/tagging' : '/rest/com/vmware/cis/tagging');

export const tagIdsRequest = (style: VcsaApiStyle): HttpRequest => ({ path: `${base(style)}/tag` });

export const tagRequest = (style: VcsaApiStyle, id: string): HttpRequest => ({
  path: `${base(style)}/tag/${style === 'api' ? encodeURIComponent(id) : `id:${encodeURIComponent(id)}`}`,
});

export const attachedObjectsRequest = (style: VcsaApiStyle, tagIds: readonly string[]): HttpRequest => ({
  method: 'POST',
  path: `${base(style)}/tag-association`,
  query: { [style === 'api' ? 'action' : '~action']: 'list-attached-objects-on-tags' },
  body: { tag_ids: tagIds },
});

type Call = (build: (style: VcsaApiStyle) => HttpRequest, signal?: AbortSignal) => Promise<{ body: unknown; style: VcsaApiStyle }>;

/** `/rest` wraps every answer in `value`. */
const unwrapped = ({ body, style }: { body: unknown; style: VcsaApiStyle }): unknown =>
  style === 'rest' ? asRecord(body)?.['value'] : body;

function listOf(answer: { body: unknown; style: VcsaApiStyle }, what: string): readonly unknown[] {
  const list = readArray(unwrapped(answer));
  if (!list) throw new ConnectorError('malformed', `vCenter ${what} answer is not a list`);
  return list;
}

const text = (v: unknown): string | null => readString(v)?.trim() || null;

export class VcsaTagReader {
  /** Tag names by tag id, kept across reads (a tag renamed shows its new name once looked up again). */
  readonly #names = new Map<string, string>();

  constructor(
    private readonly call: Call,
    private readonly log: Logger,
  ) {}

  /** Tag names by VM managed object id; empty where vCenter lets none be read. */
  async read(signal?: AbortSignal): Promise<ReadonlyMap<string, readonly string[]>> {
    try {
      return await this.#read(signal);
    } catch (e) {
      if (!isConnectorError(e) || e.kind === 'unreachable' || e.kind === 'untrusted_certificate') throw e;
      this.log.info(`vCenter tags not read (${e.message}); exclusions by tag do not apply to its VMs`);
      return new Map();
    }
  }

  async #read(signal?: AbortSignal): Promise<ReadonlyMap<string, readonly string[]>> {
    const ids = listOf(await this.call(tagIdsRequest, signal), 'tag list').flatMap((v) => text(v) ?? []);
    for (const id of this.#names.keys()) if (!ids.includes(id)) this.#names.delete(id);
    for (const id of ids.filter((i) => !this.#names.has(i)).slice(0, TAG_LOOKUPS)) {
      const name = text(asRecord(unwrapped(await this.call((s) => tagRequest(s, id), signal)))?.['name']);
      if (name) this.#names.set(id, name);
    }
    const named = ids.filter((id) => this.#names.has(id));
    const tags = new Map<string, string[]>();
    for (let i = 0; i < named.length; i += TAGS_PER_REQUEST) {
      const batch = named.slice(i, i + TAGS_PER_REQUEST);
      for (const raw of listOf(await this.call((s) => attachedObjectsRequest(s, batch), signal), 'tag association')) {
        const r = asRecord(raw);
        const name = this.#names.get(text(r?.['tag_id']) ?? '');
        if (name === undefined) continue;
        for (const object of readArray(r?.['object_ids']) ?? []) {
          const o = asRecord(object);
          const moref = text(o?.['id']);
          if (moref === null || text(o?.['type'])?.toLowerCase() !== 'virtualmachine') continue;
          tags.set(moref, [...new Set([...(tags.get(moref) ?? []), name])]);
        }
      }
    }
    return tags;
  }
}
