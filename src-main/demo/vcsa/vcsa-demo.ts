/** vCenter Server Appliance backup in the demo fleet. */
import { vcsaInfo } from '../../common/vendors/vcsa/vcsa-info.js';
import { compressSchedule, defineDemoVendor, demoSimulator, scenarioOptions, serverOptions } from '../demo-vendor.js';
import { VCSA_DEMO_SCHEDULE, createVcsaScenario, startVcsaSimulator } from './vcsa-simulator.js';

export const vcsaDemo = defineDemoVendor({
  info: vcsaInfo,
  start: async (o) => {
    const [schedule] = compressSchedule([VCSA_DEMO_SCHEDULE], o.tempo);
    const scenario = createVcsaScenario({ ...scenarioOptions(o), ...(schedule ? { schedule } : {}) });
    const sim = await startVcsaSimulator({ scenario, server: serverOptions('vcsa-demo.backwatch.local', o) });
    return demoSimulator(vcsaInfo, 'vCenter demo', o, sim, () => sim.expireSessions());
  },
});
