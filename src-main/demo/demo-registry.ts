/** Every vendor's simulator for the demo fleet and the tests, one line each. */
import type { DemoVendor } from './demo-vendor.js';
import { sppDemo } from './spp/spp-demo.js';
import { vb365Demo } from './vb365/vb365-demo.js';
import { vcsaDemo } from './vcsa/vcsa-demo.js';
import { vbrDemo } from './vbr/vbr-demo.js';

export const DEMO_VENDOR_LIST: readonly DemoVendor[] = [sppDemo, vb365Demo, vcsaDemo, vbrDemo];
