/**
 * Every vendor Backwatch speaks to, one line each. Adding a vendor: its file here, its connector
 * descriptor in core/connectors/registry.ts and its simulator in demo/demo-registry.ts.
 */
import { sppInfo } from './spp/spp-info.js';
import { vb365Info } from './vb365/vb365-info.js';
import { vcsaInfo } from './vcsa/vcsa-info.js';
import { vbrInfo } from './vbr/vbr-info.js';

export const VENDOR_INFOS = [sppInfo, vb365Info, vcsaInfo, vbrInfo] as const;
