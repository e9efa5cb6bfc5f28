/** IBM Spectrum Protect Plus in the demo fleet. */
import { sppInfo } from '../../common/vendors/spp/spp-info.js';
import { compressSchedule, defineDemoVendor, demoName, pinOf, scenarioOptions, serverOptions } from '../demo-vendor.js';
import { SPP_DEMO_JOBS, createSppScenario, startSppSimulator } from './spp-simulator.js';

export const sppDemo = defineDemoVendor({
  info: sppInfo,
  start: async (o) => {
    const scenario = createSppScenario({ ...scenarioOptions(o), jobs: compressSchedule(SPP_DEMO_JOBS, o.tempo) });
    const sim = await startSppSimulator({ scenario, server: serverOptions('spp-demo.backwatch.local', o) });
    return {
      appliance: {
        name: demoName('SPP demo', o),
        vendor: sppInfo.key,
        baseUrl: sim.url,
        ...sim.credentials,
        certificate: pinOf(sim.server),
      },
      server: sim.server,
      scenario,
      expireSessions: () => sim.expireSessions(),
      close: () => sim.close(),
    };
  },
});
