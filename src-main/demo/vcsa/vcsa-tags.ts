/**
 * The vCenter simulator's tags (vSphere Automation API tagging): the demo estate's tags on its VMs.
 * `GET …/cis/tagging/tag` lists their ids, `GET …/tag/{id}` (`/rest`: `…/tag/id:{id}`) gives one,
 * and `POST …/tag-association?action=list-attached-objects-on-tags` (`/rest`: `?~action=`, body
 * `{"tag_ids": […]}`) the objects each carries, as `{type: "VirtualMachine", id: moref}`.
 */
import type { SimRequest, SimResponse } from '../sim/https-simulator.js';
import { DEMO_VMS } from '../sim/demo-estate.js';
import { stableGuid } from '../sim/stable-guid.js';
import type { VcsaStyle } from './vcsa-render.js';
import { renderError, wrap } from './vcsa-render.js';

const CATEGORY = `urn:vmomi:InventoryServiceCategory:${stableGuid('vcsa/category/environment')}:GLOBAL`;

const NAMES = [...new Set(DEMO_VMS.flatMap((vm) => vm.tags))];
const idOf = (name: string): string => `urn:vmomi:InventoryServiceTag:${stableGuid(`vcsa/tag/${name}`)}:GLOBAL`;
const TAGS = new Map(NAMES.map((name) => [idOf(name), name]));

const notFound = (style: VcsaStyle, text: string): SimResponse => ({
  status: 404,
  body: renderError(style, 'NOT_FOUND', 'com.vmware.vapi.std.errors.not_found', text),
});

/** The tagging routes; null for a path that is not one. */
export function routeTags(style: VcsaStyle, req: SimRequest): SimResponse | null {
  const base = style === 'api' ? '/api/cis/tagging' : '/rest/com/vmware/cis/tagging';
  if (req.method === 'GET' && req.path === `${base}/tag`) return { status: 200, body: wrap(style, [...TAGS.keys()]) };
  const one = new RegExp(`^${base}/tag/${style === 'api' ? '' : 'id:'}([^/]+)$`).exec(req.path);
  if (req.method === 'GET' && one) {
    const id = decodeURIComponent(one[1] ?? '');
    const name = TAGS.get(id);
    if (name === undefined) return notFound(style, `Tag ${id} does not exist.`);
    return { status: 200, body: wrap(style, { id, category_id: CATEGORY, name, description: '', used_by: [] }) };
  }
  const action = req.query.get(style === 'api' ? 'action' : '~action');
  if (req.method !== 'POST' || req.path !== `${base}/tag-association` || action !== 'list-attached-objects-on-tags') return null;
  let asked: unknown;
  try {
    asked = (JSON.parse(req.body) as { tag_ids?: unknown }).tag_ids;
  } catch {
    asked = null;
  }
  if (!Array.isArray(asked)) {
    return {
      status: 400,
      body: renderError(style, 'INVALID_ARGUMENT', 'com.vmware.vapi.std.errors.invalid_argument', 'tag_ids is required.'),
    };
  }
  const found = asked.flatMap((id) => {
    const name = typeof id === 'string' ? TAGS.get(id) : undefined;
    if (name === undefined) return [];
    const objectIds = DEMO_VMS.filter((vm) => vm.tags.includes(name)).map((vm) => ({ type: 'VirtualMachine', id: vm.moref }));
    return [{ tag_id: id as string, object_ids: objectIds }];
  });
  return { status: 200, body: wrap(style, found) };
}
