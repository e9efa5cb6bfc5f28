/** Veeam Backup & Replication on the Node side: its connector and the probe that recognises its API. */
import { vbrInfo } from '../../../common/vendors/vbr/vbr-info.js';
import { defineConnector, hasStrings, probeRequest } from '../descriptor.js';
import { createVbrConnector } from './vbr-connector.js';
import { VBR_REVISIONS, passwordTokenRequest } from './vbr-requests.js';

/** The oldest revision Backwatch speaks: every VBR with a REST API knows it or says which it knows. */
const PROBE_REVISION = VBR_REVISIONS[VBR_REVISIONS.length - 1]!;

export const vbrDescriptor = defineConnector({
  info: vbrInfo,
  connect: (ctx) => createVbrConnector(ctx),
  // A password grant without credentials is refused with VBR's error object {errorCode, message}
  // (or, for a revision it does not know, the same shape listing the ones it does).
  probe: async (http, signal) => {
    const answer = await probeRequest(http, passwordTokenRequest(PROBE_REVISION, '', ''), signal);
    return answer.status >= 400 && answer.status < 500 && answer.status !== 404 && hasStrings(answer.body, 'errorCode', 'message');
  },
});
