/** Veeam Backup for Microsoft 365 in the demo fleet. */
import { vb365Info } from '../../common/vendors/vb365/vb365-info.js';
import { compressSchedule, defineDemoVendor, demoName, pinOf, scenarioOptions, serverOptions } from '../demo-vendor.js';
import { VB365_DEMO_JOBS, createVb365Scenario, startVb365Simulator } from './vb365-simulator.js';

export const vb365Demo = defineDemoVendor({
  info: vb365Info,
  start: async (o) => {
    const scenario = createVb365Scenario({ ...scenarioOptions(o), jobs: compressSchedule(VB365_DEMO_JOBS, o.tempo) });
    const sim = await startVb365Simulator({ scenario, server: serverOptions('vbo-demo.backwatch.local', o) });
    return {
      appliance: {
        name: demoName('Veeam M365 demo', o),
        vendor: vb365Info.key,
        baseUrl: sim.url,
        ...sim.credentials,
        certificate: pinOf(sim.server),
      },
      server: sim.server,
      scenario,
      expireSessions: () => sim.expireTokens(),
      close: () => sim.close(),
    };
  },
});
