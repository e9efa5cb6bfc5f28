/**
 * The conformance suite against every vendor's connector and simulator: the table must name each
 * vendor of the model (the build fails otherwise), with the API revisions that differ most.
 */
import { vendorLabel } from '../../../src-main/common/vendors/index.js';
import type { VendorKey } from '../../../src-main/common/vendors/index.js';
import { describeConnectorConformance, type ConformanceHarness } from './connector-conformance.js';
import { sppHarness } from './spp-harness.js';
import { startVb365Rig, vb365Harness } from './vb365-harness.js';
import { startVbrRig, vbrHarness } from './vbr-harness.js';
import { vcsaHarness } from './vcsa-harness.js';

/** Each vendor's runs: its default, then the variants named after what they pin. */
const RUNS = {
  spp: [['', sppHarness]],
  vb365: [
    ['', vb365Harness],
    // v5 differs most from v8 (per-job session URLs, absolute links, bare-array jobs, title log items).
    ['v5', { ...vb365Harness, start: (options) => startVb365Rig(options, { apiVersion: 'v5' }) }],
  ],
  vcsa: [['', vcsaHarness]],
  vbr: [
    ['', vbrHarness],
    // 1.1-rev0 differs most from 1.3-rev1 (`Job` sessions, `activityId`, no task sessions, lower-case job words).
    ['1.1-rev0', { ...vbrHarness, start: (options) => startVbrRig(options, { revisions: ['1.0-rev1', '1.0-rev2', '1.1-rev0'] }) }],
  ],
} satisfies Record<VendorKey, readonly (readonly [string, ConformanceHarness])[]>;

for (const [vendor, runs] of Object.entries(RUNS) as [VendorKey, readonly (readonly [string, ConformanceHarness])[]][]) {
  for (const [variant, harness] of runs) describeConnectorConformance(`${vendorLabel(vendor)}${variant ? ` ${variant}` : ''}`, harness);
}
