/** vCenter Server Appliance backup on the Node side: its connector and the probe that recognises its API. */
import { vcsaInfo } from '../../../common/vendors/vcsa/vcsa-info.js';
import { defineConnector, hasStrings, probeRequest } from '../descriptor.js';
import { createVcsaConnector } from './vcsa-connector.js';

export const vcsaDescriptor = defineConnector({
  info: vcsaInfo,
  connect: (ctx) => createVcsaConnector(ctx),
  // A session request without credentials is refused with the vAPI error shape of either style.
  probe: async (http, signal) => {
    const api = await probeRequest(http, { method: 'POST', path: '/api/session' }, signal);
    if (api.status !== 404) return hasStrings(api.body, 'error_type');
    const rest = await probeRequest(http, { method: 'POST', path: '/rest/com/vmware/cis/session' }, signal);
    return hasStrings(rest.body, 'type') && String(rest.body?.['type']).startsWith('com.vmware.vapi.');
  },
});
