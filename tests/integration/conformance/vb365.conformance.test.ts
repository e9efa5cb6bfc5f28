import { describeConnectorConformance } from './connector-conformance.js';
import { startVb365Rig, vb365Harness } from './vb365-harness.js';

describeConnectorConformance('VB365', vb365Harness);

// v5 differs most from v8 (per-job session URLs, absolute links, bare-array jobs, title log items).
describeConnectorConformance('VB365 v5', { vendor: 'vb365', start: (options) => startVb365Rig(options, { apiVersion: 'v5' }) });
