import { describeConnectorConformance } from './connector-conformance.js';
import { vcsaHarness } from './vcsa-harness.js';

describeConnectorConformance('VCSA', vcsaHarness);
