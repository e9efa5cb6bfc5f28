/**
 * Every vendor Backwatch speaks to, one line each. Adding a vendor: its file here, its connector
 * descriptor in core/connectors/registry.ts and its simulator in demo/demo-registry.ts.
 */
import { sppInfo } from './spp.js';
import { vb365Info } from './vb365.js';
import { vcsaInfo } from './vcsa.js';
import { vbrInfo } from './vbr.js';

export const VENDOR_INFOS = [sppInfo, vb365Info, vcsaInfo, vbrInfo] as const;
