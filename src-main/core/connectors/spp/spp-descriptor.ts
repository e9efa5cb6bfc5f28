/** IBM Spectrum Protect Plus on the Node side: its connector and the probe that recognises its API. */
import { sppInfo } from '../../../common/vendors/spp/spp-info.js';
import { defineConnector, hasStrings, probeRequest } from '../descriptor.js';
import { createSppConnector } from './spp-connector.js';

export const sppDescriptor = defineConnector({
  info: sppInfo,
  connect: (ctx) => createSppConnector(ctx),
  // A login without credentials is refused with SPP's error object: {id, description, title}.
  probe: async (http, signal) => {
    const answer = await probeRequest(http, { method: 'POST', path: '/api/endeavour/session' }, signal);
    return (answer.status === 401 || answer.status === 403) && hasStrings(answer.body, 'id', 'description');
  },
});
