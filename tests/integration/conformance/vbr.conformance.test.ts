import { describeConnectorConformance } from './connector-conformance.js';
import { startVbrRig, vbrHarness } from './vbr-harness.js';

describeConnectorConformance('VBR', vbrHarness);

// 1.1-rev0 differs most from 1.3-rev1 (`Job` sessions, `activityId`, no task sessions, lower-case job words).
describeConnectorConformance('VBR 1.1-rev0', {
  vendor: 'vbr',
  start: (options) => startVbrRig(options, { revisions: ['1.0-rev1', '1.0-rev2', '1.1-rev0'] }),
});
