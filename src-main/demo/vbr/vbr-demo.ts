/** Veeam Backup & Replication in the demo fleet. */
import { vbrInfo } from '../../common/vendors/vbr.js';
import { compressSchedule, defineDemoVendor, demoName, pinOf, scenarioOptions, serverOptions } from '../demo-vendor.js';
import { VBR_DEMO_JOBS, createVbrScenario, startVbrSimulator } from './vbr-simulator.js';

export const vbrDemo = defineDemoVendor({
  info: vbrInfo,
  start: async (o) => {
    const scenario = createVbrScenario({ ...scenarioOptions(o), jobs: compressSchedule(VBR_DEMO_JOBS, o.tempo) });
    const sim = await startVbrSimulator({ scenario, server: serverOptions('vbr-demo.backwatch.local', o) });
    return {
      appliance: {
        name: demoName('Veeam B&R demo', o),
        vendor: vbrInfo.key,
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
