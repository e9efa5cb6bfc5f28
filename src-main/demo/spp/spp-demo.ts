/** IBM Spectrum Protect Plus in the demo fleet. */
import { sppInfo } from '../../common/vendors/spp/spp-info.js';
import { compressSchedule, defineDemoVendor, demoSimulator, scenarioOptions, serverOptions } from '../demo-vendor.js';
import { SPP_DEMO_JOBS, createSppScenario, startSppSimulator } from './spp-simulator.js';

export const sppDemo = defineDemoVendor({
  info: sppInfo,
  start: async (o) => {
    const scenario = createSppScenario({ ...scenarioOptions(o), jobs: compressSchedule(SPP_DEMO_JOBS, o.tempo) });
    const sim = await startSppSimulator({ scenario, server: serverOptions('spp-demo.backwatch.local', o) });
    return demoSimulator(sppInfo, 'SPP demo', o, sim, () => sim.expireSessions());
  },
});
