/** Veeam Backup for Microsoft 365 on the Node side: its connector and the probe that recognises its API. */
import { vb365Info } from '../../../common/vendors/vb365/vb365-info.js';
import { defineConnector, hasStrings, probeRequest } from '../descriptor.js';
import { createVb365Connector } from './vb365-connector.js';
import { VB365_VERSIONS, passwordTokenRequest } from './vb365-requests.js';

export const vb365Descriptor = defineConnector({
  info: vb365Info,
  connect: (ctx) => createVb365Connector(ctx),
  // `/vN/Token` exists from v5 to v8: a password grant without credentials gets an OAuth error
  // ({error: "invalid_grant"}), or 429 once the endpoint's rate limit is reached.
  probe: async (http, signal) => {
    for (const version of VB365_VERSIONS) {
      const answer = await probeRequest(http, passwordTokenRequest(version, '', ''), signal);
      if (answer.status === 404) continue;
      return answer.status === 429 || (answer.status >= 400 && answer.status < 500 && hasStrings(answer.body, 'error'));
    }
    return false;
  },
});
